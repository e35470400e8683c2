"""The pages of steps 1–3: what each person sees and does, bad input refused in Chinese with nothing changed."""

import pytest
from django.core.cache import cache

from posts.models import Assignment, Nomination, Objection, Post, Publication
from posts.services import nominations as services
from tests.factories import MemberFactory
from tests.posts.conftest import make_post


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def published(member, secretary, branch_a1, open_round, window_post, internal_post):
    peer = MemberFactory(branch=branch_a1, name="李娜")
    services.approve_nomination(secretary, services.submit_nomination(secretary, open_round, window_post, "熟悉政策。", member=peer))
    services.approve_nomination(secretary, services.submit_nomination(member.user, open_round, internal_post, "擅长写作。"))
    return services.publish_round(secretary, open_round)


def test_a_member_sees_the_open_round_on_the_home_page(client_for, member, open_round):
    html = client_for(member.user).get("/").content.decode()
    assert "人人有岗位" in html and f"/rounds/{open_round.pk}/" in html


def test_the_round_page_shows_what_posts_ask_and_places_left(client_for, member, open_round):
    html = client_for(member.user).get(f"/rounds/{open_round.pk}/").content.decode()
    assert "政策咨询导办岗" in html and "共 2 个名额，剩余 2 个" in html
    assert "认领岗位" in html


def test_a_member_nominates_through_the_form(client_for, member, open_round, window_post):
    response = client_for(member.user).post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "熟悉政策咨询。"})
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nominations/{nomination.pk}/"


def test_nominating_twice_through_the_form_gets_a_chinese_message(client_for, member, open_round, window_post, internal_post):
    client = client_for(member.user)
    client.post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "一"})
    response = client.post(f"/rounds/{open_round.pk}/nominate/", {"post": internal_post.pk, "statement": "二"})
    assert response.status_code == 200
    assert "每人只能认领一个岗位" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_a_post_of_another_branch_is_not_a_choice(client_for, member, open_round, b1_post):
    response = client_for(member.user).post(f"/rounds/{open_round.pk}/nominate/", {"post": b1_post.pk, "statement": "理由"})
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_the_review_board_shows_profile_requirements_and_suggestions(client_for, member, secretary, open_round, window_post):
    services.submit_nomination(member.user, open_round, window_post, "熟悉政策咨询。")
    html = client_for(secretary).get(f"/rounds/{open_round.pk}/review/").content.decode()
    assert "张伟" in html and "政策咨询、窗口服务" in html and "熟悉政策咨询。" in html
    assert "专长相符" in html  # the suggestion's reason


def test_a_secretary_approves_from_the_board(client_for, member, secretary, open_round, window_post):
    nomination = services.submit_nomination(member.user, open_round, window_post, "熟悉政策咨询。")
    response = client_for(secretary).post(f"/nominations/{nomination.pk}/approve/", {"reason": ""})
    assert response.status_code == 302
    assert Assignment.objects.get().member == member


def test_approving_a_full_post_shows_the_reason(client_for, member, secretary, open_round, internal_post, branch_a1):
    nomination = services.submit_nomination(member.user, open_round, internal_post, "擅长写作。")
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=internal_post)
    response = client_for(secretary).post(f"/nominations/{nomination.pk}/approve/", {"reason": ""})
    assert response.status_code == 200 and "名额已满" in response.content.decode()


def test_publishing_an_empty_round_says_why(client_for, secretary, open_round):
    response = client_for(secretary).post(f"/rounds/{open_round.pk}/publish/", follow=True)
    assert "没有可公示的岗位安排" in response.content.decode()
    assert not Publication.objects.exists()


def test_members_without_a_post_are_listed_with_suggestions(client_for, secretary, member, open_round):
    html = client_for(secretary).get(f"/rounds/{open_round.pk}/without-post/").content.decode()
    assert "张伟" in html and "推荐岗位" in html and "专长相符" in html


def test_the_public_page_shows_only_public_facing_posts(client, published):
    html = client.get(f"/announcements/{published.code}/").content.decode()
    assert "李娜" in html and "政策咨询导办岗" in html
    assert "党建宣传岗" not in html and "张伟" not in html


def test_members_of_the_organisation_see_the_whole_publication(client_for, member, published):
    html = client_for(member.user).get(f"/publications/{published.pk}/").content.decode()
    assert "李娜" in html and "党建宣传岗" in html and "张伟" in html


def test_the_public_objects_and_follows_the_answer_by_tracking_code(client, secretary, published):
    response = client.post(f"/announcements/{published.code}/object/", {"text": "请写明窗口位置。", "name": "王先生"})
    assert response.status_code == 302 and response["Location"] == "/announcements/received/"
    objection = Objection.objects.get()
    assert objection.tracking_code in client.get("/announcements/received/").content.decode()
    html = client.post("/announcements/track/", {"code": objection.tracking_code.lower()}).content.decode()
    assert "尚未答复" in html
    services.answer_objection(secretary, objection, "窗口在大厅3号。")
    code = objection.tracking_code
    # Read out over the phone or copied in groups: dashes and spaces are ignored.
    html = client.post("/announcements/track/", {"code": f"{code[:4]}-{code[4:8]} {code[8:]}"}).content.decode()
    assert "窗口在大厅3号。" in html
    assert "没有找到" in client.post("/announcements/track/", {"code": "AAAAAAAAAAAA"}).content.decode()


@pytest.mark.parametrize("text", ["", "字" * 1001])
def test_empty_or_oversized_public_objections_are_refused(client, published, text):
    response = client.post(f"/announcements/{published.code}/object/", {"text": text})
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_the_public_objection_form_is_rate_limited(client, published, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "objection": "5/m"}
    statuses = [client.post(f"/announcements/{published.code}/object/", {"text": f"意见{i}"}).status_code for i in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert Objection.objects.count() == 5


def test_a_member_objects_on_the_publication_page(client_for, member, secretary, published):
    response = client_for(member.user).post(f"/publications/{published.pk}/object/", {"text": "请说明理由。"})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.raised_by == member.user
    services.answer_objection(secretary, objection, "已说明。")
    html = client_for(member.user).get(f"/publications/{published.pk}/").content.decode()
    assert "已说明。" in html


def test_my_post_shows_duties_commitments_and_history(client_for, member, published):
    html = client_for(member.user).get("/my-post/").content.decode()
    assert "党建宣传岗" in html
    # The history names each step in words, not by its audit code.
    assert "· 公示" in html and "posts.assignment.published" not in html


def test_the_member_page_shows_the_post(client_for, secretary, member, published):
    html = client_for(secretary).get(f"/members/{member.pk}/").content.decode()
    assert "党建宣传岗" in html


def test_only_public_facing_publications_are_listed_publicly(client, published, secretary, branch_a2):
    html = client.get("/announcements/").content.decode()
    assert published.code in html
    assert Post.objects.filter(kind="public").exists()


def test_a_unit_post_can_be_declared_from_a_branch(client_for, member, unit_a):
    from tests.posts.conftest import make_round

    post = make_post(unit_a, "企业开办“一窗受理”岗")
    rnd = make_round(unit_a)
    response = client_for(member.user).post(f"/rounds/{rnd.pk}/nominate/", {"post": post.pk, "statement": "熟悉企业登记。"})
    assert response.status_code == 302


@pytest.mark.parametrize("model", ["post", "assignment", "round", "nomination", "publication", "objection"])
def test_the_admin_lists_and_shows_each_model(client_for, admin_user, published, model):
    from django.apps import apps

    client = client_for(admin_user)
    assert client.get(f"/admin/posts/{model}/").status_code == 200
    obj = apps.get_model("posts", model).objects.first()
    if obj is not None:
        assert client.get(f"/admin/posts/{model}/{obj.pk}/change/").status_code == 200
