"""The demo shows a publication held by an objection: its notice is over, a member's objection still unanswered."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.demo import DEMO_PASSWORD
from posts.demo.held import HELD_BRANCH, OBJECTOR
from posts.models import Assignment, Objection, Publication

HELD_WORDS = "公示期已满，因异议未答复暂缓确认"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def held(demo):
    (publication,) = Publication.objects.held(timezone.localdate())
    return publication


def user(username):
    return get_user_model().objects.get(username=username)


def test_the_demo_has_exactly_one_held_publication_outside_the_demo_secretarys_branch(held):
    assert held.round.organisation.code == HELD_BRANCH
    assert held.in_notice and held.is_held and not held.takes_objections
    objection = held.objections.get()
    assert objection.status == Objection.Status.OPEN and objection.raised_by == user(OBJECTOR)
    assert objection.assignment in held.assignments.all()
    # The demo unit secretary and the committee see it; the demo secretary's branch keeps its own flows.
    assert Publication.objects.visible_to(user("unit")).filter(pk=held.pk).exists()
    assert Publication.objects.visible_to(user("committee")).filter(pk=held.pk).exists()
    assert not Publication.objects.visible_to(user("secretary")).filter(pk=held.pk).exists()


def test_the_pages_say_the_publication_is_held(held, client_for):
    objection = held.objections.get()
    for username in ("unit", "committee"):
        staff = client_for(user(username))
        detail = staff.get(reverse("posts:publication_detail", args=[held.pk])).content.decode()
        assert 'data-testid="publication-held"' in detail and HELD_WORDS in detail, username
        assert reverse("posts:objection_answer", args=[objection.pk]) in detail, username
        listing = staff.get(reverse("posts:objection_list")).content.decode()
        assert 'data-testid="objection-holds"' in listing and HELD_WORDS in listing, username
        assert HELD_WORDS in staff.get(reverse("posts:objection_answer", args=[objection.pk])).content.decode(), username
    # The objector signs in with the demo password and reads the same on the publication.
    member = client_for(None)
    assert member.post("/accounts/login/", {"username": OBJECTOR, "password": DEMO_PASSWORD}).status_code == 302
    mine = member.get(reverse("posts:publication_detail", args=[held.pk])).content.decode()
    assert HELD_WORDS in mine and objection.text in mine


def test_the_daily_confirmation_leaves_the_held_publication_in_notice(held):
    call_command("confirm_publications", verbosity=0)
    call_command("run_schedules", "--all", verbosity=0)
    held.refresh_from_db()
    assert held.status == Publication.Status.NOTICE and held.confirmed_at is None and held.is_held
    assert set(held.assignments.values_list("status", flat=True)) == {Assignment.Status.PUBLISHED}


def test_answering_the_objection_not_upheld_lets_the_next_run_confirm_it(held, client_for):
    objection = held.objections.get()
    response = client_for(user("unit")).post(
        reverse("posts:objection_answer", args=[objection.pk]), {"answer": "经核实，档案整理工作已移交，能够兼顾岗位职责。", "upheld": "no"},
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Objection.Status.ANSWERED and objection.upheld is False
    assert not Publication.objects.held(timezone.localdate()).exists()
    call_command("confirm_publications", verbosity=0)
    held.refresh_from_db()
    assert held.status == Publication.Status.CONFIRMED
    assert set(held.assignments.values_list("status", flat=True)) == {Assignment.Status.CONFIRMED}
