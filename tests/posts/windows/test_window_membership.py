"""Members on duty at a window come from the confirmed assignments of its posts, never typed twice."""

from django.urls import reverse

from posts.models import Assignment
from posts.windows.selectors import members_on_duty
from tests.factories import MemberFactory
from tests.posts.factories import AssignmentFactory, PublicPostFactory


def names(window):
    return sorted(a.member.name for a in members_on_duty(window))


def test_members_on_duty_follow_the_confirmed_assignments(window_a, branch_a1):
    post = window_a.posts.get()
    before = names(window_a)
    assert len(before) == 2
    newcomer = AssignmentFactory(post=post, member=MemberFactory(branch=branch_a1, name="新上岗"))
    assert "新上岗" in names(window_a)
    Assignment.objects.filter(pk=newcomer.pk).update(status=Assignment.Status.ENDED)
    assert names(window_a) == before


def test_approved_or_published_holders_are_not_yet_on_duty(window_a, branch_a1):
    post = window_a.posts.get()
    AssignmentFactory(post=post, member=MemberFactory(branch=branch_a1, name="公示中"), status=Assignment.Status.PUBLISHED)
    AssignmentFactory(post=post, member=MemberFactory(branch=branch_a1, name="已定岗"), status=Assignment.Status.APPROVED)
    assert "公示中" not in names(window_a) and "已定岗" not in names(window_a)


def test_adding_a_post_to_the_window_brings_its_holders(window_a, branch_a2):
    post = PublicPostFactory(organisation=branch_a2)
    AssignmentFactory(post=post, member=MemberFactory(branch=branch_a2, name="二支部党员"))
    assert "二支部党员" not in names(window_a)
    window_a.posts.add(post)
    assert "二支部党员" in names(window_a)


def test_a_withdrawn_post_takes_its_holders_off_the_window(window_a):
    window_a.posts.update(is_active=False)
    assert names(window_a) == []


def test_the_public_page_shows_who_is_on_duty_and_what_is_promised(client, window_a):
    html = client.get(reverse("posts:window_public", args=["WA"])).content.decode()
    for a in members_on_duty(window_a):
        assert a.member.name in html
    post = window_a.posts.get()
    assert post.title in html and post.service_items in html and post.service_procedure in html
    assert window_a.theme in html and "零投诉" in html
    assert reverse("posts:feedback_new", args=["WA"]) in html
    # The service guide: what to bring, how long it takes, what it costs and whom to call about it.
    assert "办理材料" in html and post.service_materials in html
    assert "3 个工作日" in html and "不收费" in html and "监督电话" in html and post.supervision_phone in html


def test_an_unknown_window_code_is_404(client, db):
    assert client.get(reverse("posts:window_public", args=["NOPE"])).status_code == 404
