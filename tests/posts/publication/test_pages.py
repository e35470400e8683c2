"""The pages of step 3: publishing, what members and the public see, objections refused in Chinese with nothing changed."""

import pytest
from django.utils import timezone

from posts.models import Objection, Post, Publication
from posts.publication import services as publication_services
from posts.publication.forms import ObjectionForm

# Each objection form carries a one-time token (test_objection_once.py): a fresh one for each form sent here.
fresh_token = ObjectionForm.new_token


def test_publishing_an_empty_round_says_why(client_for, secretary, open_round):
    response = client_for(secretary).post(f"/rounds/{open_round.pk}/publish/", follow=True)
    assert "没有可公示的岗位安排" in response.content.decode()
    assert not Publication.objects.exists()


def test_the_public_page_shows_only_public_facing_posts(client, published):
    html = client.get(f"/announcements/{published.code}/").content.decode()
    assert "李娜" in html and "政策咨询导办岗" in html
    assert "党建宣传岗" not in html and "张伟" not in html


def test_members_of_the_organisation_see_the_whole_publication(client_for, member, published):
    html = client_for(member.user).get(f"/publications/{published.pk}/").content.decode()
    assert "李娜" in html and "党建宣传岗" in html and "张伟" in html


def test_the_public_objects_and_follows_the_answer_by_tracking_code(client, secretary, published):
    response = client.post(f"/announcements/{published.code}/object/", {"text": "请写明窗口位置。", "name": "王先生", "token": fresh_token()})
    assert response.status_code == 302 and response["Location"] == "/announcements/received/"
    objection = Objection.objects.get()
    assert objection.tracking_code in client.get("/announcements/received/").content.decode()
    html = client.post("/announcements/track/", {"code": objection.tracking_code.lower()}, follow=True).content.decode()
    assert "尚未答复" in html
    publication_services.answer_objection(secretary, objection=objection, answer="窗口在大厅3号。")
    code = objection.tracking_code
    # Read out over the phone or copied in groups: dashes and spaces are ignored.
    html = client.post("/announcements/track/", {"code": f"{code[:4]}-{code[4:8]} {code[8:]}"}, follow=True).content.decode()
    assert "窗口在大厅3号。" in html
    assert "没有找到" in client.post("/announcements/track/", {"code": "AAAAAAAAAAAA"}).content.decode()


@pytest.mark.parametrize("text", ["", "字" * 1001])
def test_empty_or_oversized_public_objections_are_refused(client, published, text):
    response = client.post(f"/announcements/{published.code}/object/", {"text": text, "token": fresh_token()})
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_the_public_objection_form_is_rate_limited(client, published, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "objection": "5/m"}
    statuses = [client.post(f"/announcements/{published.code}/object/", {"text": f"意见{i}", "token": fresh_token()}).status_code
                for i in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert Objection.objects.count() == 5


def test_a_member_objects_on_the_publication_page(client_for, member, secretary, published):
    response = client_for(member.user).post(f"/publications/{published.pk}/object/", {"text": "请说明理由。", "token": fresh_token()})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.raised_by == member.user
    publication_services.answer_objection(secretary, objection=objection, answer="已说明。")
    html = client_for(member.user).get(f"/publications/{published.pk}/").content.decode()
    assert "已说明。" in html


def test_only_public_facing_publications_are_listed_publicly(client, published, secretary, branch_a2):
    html = client.get("/announcements/").content.decode()
    assert published.code in html
    assert Post.objects.filter(kind="public").exists()


def test_the_announcement_shows_the_notice_period_and_the_supervision_phone(client, published):
    html = client.get(f"/announcements/{published.code}/").content.decode()
    # The page gives the local day (Asia/Shanghai): after 16:00 UTC it is already the next day there.
    assert "公示开始" in html and timezone.localdate(published.published_at).strftime("%Y-%m-%d") in html
    assert "公示截止" in html and published.ends_on.strftime("%Y-%m-%d") in html
    assert "监督电话" in html and "12345" in html


@pytest.mark.parametrize("to_one_assignment", [True, False])
def test_the_answer_form_asks_which_assignment_only_for_an_objection_to_the_whole_publication(client_for, secretary, member, published,
                                                                                            to_one_assignment, caplog):
    assignment = member.assignments.get() if to_one_assignment else None
    objection = publication_services.raise_objection(member.user, publication=published, text="请说明。", assignment=assignment)
    html = client_for(secretary).get(f"/objections/{objection.pk}/answer/").content.decode()
    assert 'name="answer"' in html and ('name="assignment"' in html) is not to_one_assignment
    # The form's layout names only the fields it has: crispy neither warns nor, in the tests, raises.
    assert "Could not resolve form field" not in caplog.text
