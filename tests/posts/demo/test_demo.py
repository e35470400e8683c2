"""The demo takes one round per organisation through all steps, as the document tells it."""

import pytest
from django.core.management import call_command
from django.db.models import Q

from members.models import Organisation
from posts.models import Assignment, Nomination, Objection, Post, Publication, Round


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_131_members_hold_posts_and_some_nominations_are_pending(demo):
    assert Assignment.objects.live().count() == 131
    assert Nomination.objects.pending().count() >= 3
    assert Nomination.objects.filter(status="placed").exists()


def test_every_organisation_offers_one_to_ten_posts(demo):
    for organisation in Organisation.objects.exclude(kind="committee"):
        assert 1 <= Post.objects.filter(organisation=organisation, is_active=True).count() <= 10, organisation.code


def test_one_publication_is_in_notice_with_an_objection_in_the_demo_secretarys_branch(demo):
    # The one still taking objections; the other in notice is past it, held by an objection (test_demo_held.py).
    (publication,) = [p for p in Publication.objects.in_notice() if p.takes_objections]
    assert Publication.objects.in_notice().count() == 2
    assert publication.round.organisation.code == "XZSP-1"
    assert Objection.objects.filter(publication=publication).exists()
    assert publication.assignments.filter(post__kind="public").exists()
    assert Round.objects.get(organisation__code="XZSP-1").is_open


def test_every_unit_offers_public_facing_posts_with_confirmed_holders(demo):
    """The windows demo relies on it: 3 such posts for XZSP, 2 for every other unit."""
    for unit in Organisation.objects.units():
        count = Post.objects.filter(Q(organisation=unit), kind=Post.Kind.PUBLIC, assignments__status="confirmed").distinct().count()
        assert count >= (3 if unit.code == "XZSP" else 2), unit.code


def test_the_demo_member_can_still_claim_a_post(demo):
    from django.contrib.auth import get_user_model

    from posts.nominations.selectors import visible_rounds_open_for

    user = get_user_model().objects.get(username="member")
    assert not user.member.assignments.live().exists()
    rnd = visible_rounds_open_for(user).get()
    assert any(not p.is_full for p in rnd.posts().with_holder_count())


def test_the_demo_shows_the_changes_during_the_year(demo):
    from members.models import Member
    from posts.models import Movement

    kinds = set(Movement.objects.values_list("kind", flat=True))
    assert {"retirement", "transfer", "transfer_in"} <= kinds
    retiree = Movement.objects.get(kind="retirement").member
    assert not retiree.is_active and retiree.assignments.get().end_reason == "retirement"
    supplementary = Round.objects.get(kind=Round.Kind.SUPPLEMENTARY)
    moved = Movement.objects.get(kind="transfer").member
    assert moved.assignments.live().get().round == supplementary
    newcomer = Movement.objects.get(kind="transfer_in").member
    assert newcomer in supplementary.members_without_post()
    assert Assignment.objects.filter(predecessor__isnull=False).live().count() == 1
    assert Assignment.objects.filter(round__isnull=False, nomination__isnull=True, predecessor__isnull=True).live().exists()
    # The departed member is not counted among those still to place.
    assert not Member.objects.in_service().filter(pk=retiree.pk).exists()
