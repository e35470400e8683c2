"""An objection form sent twice (a double click, a resent page) raises one objection, as the feedback form does.

Each rendered objection form carries a signed one-time token; the objection keeps it, and the same token again
gives back that objection. A forged or missing token is refused and asks for the form again.
"""

import re

import pytest

from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import Objection
from posts.publication import services as publication_services
from posts.publication.forms import ObjectionForm


def page_token(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_the_public_form_sent_twice_raises_one_objection_and_shows_its_code_both_times(client, published):
    url = f"/announcements/{published.code}/object/"
    token = page_token(client, f"/announcements/{published.code}/")
    first = client.post(url, {"text": "请写明窗口位置。", "token": token})
    code = Objection.objects.get().tracking_code
    second = client.post(url, {"text": "请写明窗口位置。", "token": token})
    assert first.status_code == second.status_code == 302
    assert Objection.objects.count() == 1
    assert code in client.get(second["Location"]).content.decode()


def test_the_members_form_sent_twice_raises_one_objection(client_for, member, published):
    client = client_for(member.user)
    token = page_token(client, f"/publications/{published.pk}/")
    for _ in range(2):
        assert client.post(f"/publications/{published.pk}/object/", {"text": "请说明理由。", "token": token}).status_code == 302
    assert Objection.objects.filter(raised_by=member.user).count() == 1
    assert AuditEntry.objects.filter(action="posts.objection.raised").count() == 1


def test_two_forms_are_two_objections(client, published):
    url = f"/announcements/{published.code}/object/"
    for text in ("第一条意见", "第二条意见"):
        client.post(url, {"text": text, "token": page_token(client, f"/announcements/{published.code}/")})
    assert Objection.objects.count() == 2


# The third is a real token tampered with; it is made in the test, so every test process collects the same ids.
@pytest.mark.parametrize("kind", ["missing", "made up", "tampered"])
def test_a_missing_or_forged_token_is_refused_with_the_text_kept(client, published, kind):
    token = {"missing": "", "made up": "made-up-token", "tampered": ObjectionForm.new_token().replace(":", ";")}[kind]
    response = client.post(f"/announcements/{published.code}/object/", {"text": "请写明窗口位置。", "token": token})
    assert response.status_code == 400
    html = response.content.decode()
    assert "表单已过期，请重新提交。" in html and "请写明窗口位置。" in html
    assert not Objection.objects.exists()


def test_the_members_form_with_a_forged_token_says_so(client_for, member, published):
    response = client_for(member.user).post(f"/publications/{published.pk}/object/", {"text": "请说明理由。", "token": "x"}, follow=True)
    assert "表单已过期，请重新提交。" in response.content.decode()
    assert not Objection.objects.exists()


def test_the_feedback_forms_token_is_not_an_objection_token(client, published):
    from posts.feedback.forms import FeedbackForm

    client.post(f"/announcements/{published.code}/object/", {"text": "意见", "token": FeedbackForm.new_token()})
    assert not Objection.objects.exists()


def test_a_token_finds_only_its_senders_objection(member, published):
    mine = publication_services.raise_objection(member.user, publication=published, text="请说明理由。", token="tok-1")
    assert publication_services.raise_objection(member.user, publication=published, text="请说明理由。", token="tok-1") == mine
    # The same token from the public (never theirs: tokens are random and signed) is refused, not answered with the member's.
    with pytest.raises(Refusal):
        publication_services.raise_objection(None, publication=published, text="请说明理由。", token="tok-1")
    assert Objection.objects.count() == 1


def test_objections_without_a_token_stay_separate(published):
    for _ in range(2):
        publication_services.raise_objection(None, publication=published, text="意见")
    assert Objection.objects.count() == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_sending_the_form_twice_at_once_raises_it_once(member, published):
    import threading

    from django.db import connection

    codes = []
    barrier = threading.Barrier(6)

    def send():
        barrier.wait()
        try:
            codes.append(publication_services.raise_objection(None, publication=published, text="意见", token="same-form").tracking_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(codes) == 6 and len(set(codes)) == 1
    assert Objection.objects.count() == 1
