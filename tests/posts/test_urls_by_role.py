"""Every URL of steps 1–3 × every role: the exact answer each gets (404 outside scope, 403 visible but not allowed)."""

import pytest

from posts.models import Objection
from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.factories import MemberFactory

ROLES = ["anonymous", "member", "secretary", "other_secretary", "committee_staff", "admin"]
LOGIN = 302


@pytest.fixture
def world(member, secretary, branch_a1, open_round, window_post, internal_post):
    peer = MemberFactory(branch=branch_a1, name="李娜")
    pending = nomination_services.submit_nomination(member.user, round=open_round, post=internal_post, statement="擅长写作。")
    approved = nomination_services.submit_nomination(secretary, round=open_round, post=window_post, statement="熟悉政策。", member=peer)
    approved = review_services.approve_nomination(secretary, nomination=approved)
    publication = publication_services.publish_round(secretary, round=open_round)
    objection = publication_services.raise_objection(None, publication=publication, text="请公示服务时间。")
    return {
        "post": window_post.pk, "round": open_round.pk, "pending": pending.pk, "assignment": approved.assignment_id,
        "publication": publication.pk, "code": publication.code, "objection": objection.pk,
    }


# (url template, expected status for each role in ROLES order)
CASES = [
    ("/posts/", [LOGIN, 200, 200, 200, 200, 200]),
    ("/posts/new/", [LOGIN, 403, 200, 200, 200, 200]),
    ("/posts/{post}/", [LOGIN, 200, 200, 404, 200, 200]),
    ("/posts/{post}/edit/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/rounds/", [LOGIN, 200, 200, 200, 200, 200]),
    ("/rounds/new/", [LOGIN, 403, 200, 200, 200, 200]),
    ("/rounds/{round}/", [LOGIN, 200, 200, 404, 200, 200]),
    # The member of the cast already declared a post: they are taken to it instead of the form.
    ("/rounds/{round}/nominate/", [LOGIN, 302, 403, 404, 403, 403]),
    ("/rounds/{round}/review/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/rounds/{round}/without-post/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/rounds/{round}/publish/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/nominations/{pending}/", [LOGIN, 200, 200, 404, 200, 200]),
    ("/nominations/{pending}/change/", [LOGIN, 200, 403, 404, 403, 403]),
    ("/nominations/{pending}/approve/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/nominations/{pending}/reject/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/nominations/{pending}/place/", [LOGIN, 403, 200, 404, 200, 200]),
    ("/my-post/", [LOGIN, 200, 403, 403, 403, 403]),
    ("/assignments/{assignment}/", [LOGIN, 404, 200, 404, 200, 200]),
    ("/assignments/{assignment}/revise/", [LOGIN, 404, 200, 404, 200, 200]),
    ("/publications/{publication}/", [LOGIN, 200, 200, 404, 200, 200]),
    ("/objections/{objection}/answer/", [LOGIN, 404, 200, 404, 200, 200]),
    ("/announcements/", [200, 200, 200, 200, 200, 200]),
    ("/announcements/{code}/", [200, 200, 200, 200, 200, 200]),
    ("/announcements/{publication}/", [200, 200, 200, 200, 200, 200]),
    ("/announcements/track/", [200, 200, 200, 200, 200, 200]),
    ("/announcements/received/", [302, 302, 302, 302, 302, 302]),
]

# POST-only actions: (url template, expected status for each role).
POST_CASES = [
    ("/posts/{post}/offer/", [LOGIN, 403, 302, 404, 302, 302]),
    ("/rounds/{round}/close/", [LOGIN, 403, 302, 404, 302, 302]),
    ("/nominations/{pending}/withdraw/", [LOGIN, 302, 403, 404, 403, 403]),
    ("/publications/{publication}/object/", [LOGIN, 302, 403, 404, 403, 403]),
]


@pytest.mark.parametrize("url,expected", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_get_answers_each_role_as_expected(world, cast, client_for, url, expected, role_index):
    role = ROLES[role_index]
    response = client_for(cast[role]).get(url.format(**world))
    assert response.status_code == expected[role_index], f"{url} as {role}"


@pytest.mark.parametrize("url,expected", POST_CASES, ids=[c[0] for c in POST_CASES])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_actions_answer_each_role_as_expected(world, cast, client_for, url, expected, role_index):
    role = ROLES[role_index]
    response = client_for(cast[role]).post(url.format(**world), {"text": "意见"})
    assert response.status_code == expected[role_index], f"{url} as {role}"


def test_unknown_public_codes_are_404(world, client):
    assert client.get("/announcements/NOPE1234/").status_code == 404
    assert client.get("/announcements/999999/").status_code == 404


def test_a_secretary_answers_only_objections_of_their_organisation(world, client_for, other_secretary):
    response = client_for(other_secretary).post(f"/objections/{world['objection']}/answer/", {"answer": "答复"})
    assert response.status_code == 404
    assert Objection.objects.get().status == "open"
