"""The pages that resolve "without a post": who may open them, and what a POST does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from posts.changes.services import place_directly
from posts.models import Assignment, Movement, Round
from posts.nominations import services as nomination_services
from tests.factories import MemberFactory
from tests.posts.factories import make_post, make_round


@pytest.fixture
def placed(secretary, member, open_round, window_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    return member.assignments.live().get()


@pytest.fixture
def pages(member, branch_a1, placed):
    return [
        reverse("posts:member_place", args=[member.pk]),
        reverse("posts:member_transfer", args=[member.pk]),
        reverse("posts:member_leave", args=[member.pk]),
        reverse("posts:supplementary_round_create", args=[branch_a1.pk]),
        reverse("posts:assignment_hand_over", args=[placed.pk]),
    ]


@pytest.mark.parametrize(("role", "status"), [
    ("member_user", 403), ("secretary", 200), ("other_secretary", 404), ("committee_staff", 200), ("unit_secretary", 200),
])
def test_each_change_page_by_role(client_for, request, pages, role, status):
    user = request.getfixturevalue(role)
    for url in pages:
        assert client_for(user).get(url).status_code == status, url


def test_the_change_pages_send_the_anonymous_to_log_in(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize(("role", "status"), [("member_user", 403), ("secretary", 200), ("other_secretary", 200), ("committee_staff", 200)])
def test_the_without_post_page_by_role(client_for, request, member, role, status):
    response = client_for(request.getfixturevalue(role)).get(reverse("posts:without_post"))
    assert response.status_code == status
    if role == "other_secretary":
        assert "张伟" not in response.content.decode()


def test_the_without_post_page_offers_the_actions(client_for, secretary, member, branch_a1, open_round):
    nomination_services.close_round(secretary, round=open_round)
    html = client_for(secretary).get(reverse("posts:without_post")).content.decode()
    assert reverse("posts:member_place", args=[member.pk]) in html and "直接定岗" in html
    assert reverse("posts:supplementary_round_create", args=[branch_a1.pk]) in html and "补充认岗" in html


def test_the_round_s_without_post_page_links_to_direct_placement(client_for, secretary, member, open_round):
    html = client_for(secretary).get(reverse("posts:members_without_post", args=[open_round.pk])).content.decode()
    assert reverse("posts:member_place", args=[member.pk]) in html


def test_a_get_never_writes(client_for, secretary, member, open_round, window_post):
    client_for(secretary).get(reverse("posts:member_place", args=[member.pk]))
    assert not Assignment.objects.exists()


def test_posting_a_direct_placement_publishes_it(client_for, secretary, member, open_round, window_post):
    response = client_for(secretary).post(reverse("posts:member_place", args=[member.pk]), {"post": window_post.pk, "reason": "补岗。"})
    assignment = member.assignments.live().get()
    assert assignment.status == Assignment.Status.PUBLISHED
    assert response.status_code == 302 and response["Location"] == reverse("posts:publication_detail", args=[assignment.publications.get().pk])


def test_a_refused_direct_placement_is_shown_on_the_form(client_for, secretary, member, branch_a1, open_round, internal_post):
    place_directly(secretary, member=MemberFactory(branch=branch_a1), post=internal_post, reason="擅长写作。")
    response = client_for(secretary).post(reverse("posts:member_place", args=[member.pk]), {"post": internal_post.pk, "reason": "补岗。"})
    assert response.status_code == 200 and "名额已满" in response.content.decode()


def test_posting_a_supplementary_round_opens_it(client_for, secretary, member, branch_a1, open_round):
    nomination_services.close_round(secretary, round=open_round)
    today = timezone.localdate()
    response = client_for(secretary).post(
        reverse("posts:supplementary_round_create", args=[branch_a1.pk]),
        {"idea": "补充认岗。", "opens_on": today.isoformat(), "closes_on": today.isoformat()},
    )
    assert response.status_code == 302
    assert Round.objects.get(kind=Round.Kind.SUPPLEMENTARY).organisation == branch_a1


def test_posting_a_departure_ends_the_post(client_for, secretary, placed):
    response = client_for(secretary).post(
        reverse("posts:member_leave", args=[placed.member_id]),
        {"kind": "retirement", "on": timezone.localdate().isoformat(), "reason": "到龄退休。"},
    )
    assert response.status_code == 302
    placed.refresh_from_db()
    assert placed.end_reason == "retirement" and Movement.objects.get().kind == "retirement"


def test_posting_a_handover_names_both(client_for, secretary, placed, peer):
    response = client_for(secretary).post(reverse("posts:assignment_hand_over", args=[placed.pk]), {"successor": peer.pk, "reason": "交接。"})
    assert response.status_code == 302
    new = peer.assignments.live().get()
    html = client_for(secretary).get(reverse("posts:assignment_detail", args=[new.pk])).content.decode()
    assert "张伟" in html and "接替" in html


def test_a_member_with_a_declaration_awaiting_review_is_sent_to_it(client_for, secretary, member, open_round, window_post):
    # A direct placement would be refused ("a declaration awaiting review"): the page links the declaration instead.
    nomination = nomination_services.submit_nomination(member.user, round=open_round, post=window_post, statement="熟悉政策咨询。")
    html = client_for(secretary).get(reverse("posts:without_post")).content.decode()
    assert "认岗申报待审核：政策咨询导办岗" in html
    assert reverse("posts:nomination_detail", args=[nomination.pk]) in html and "审核认岗申报" in html
    assert reverse("posts:member_place", args=[member.pk]) not in html


def test_a_declaration_the_viewer_does_not_review_names_who_does(client_for, secretary, unit_secretary, member, unit_a):
    # A branch member's declaration for a unit post is the unit's to review: the branch secretary is told so.
    unit_round = make_round(unit_a)
    nomination = nomination_services.submit_nomination(member.user, round=unit_round, post=make_post(unit_a, "帮办代办岗"), statement="熟悉代办。")
    review = reverse("posts:nomination_detail", args=[nomination.pk])
    html = client_for(secretary).get(reverse("posts:without_post")).content.decode()
    assert f"由{unit_a.name}审核" in html and review not in html
    assert review in client_for(unit_secretary).get(reverse("posts:without_post")).content.decode()
