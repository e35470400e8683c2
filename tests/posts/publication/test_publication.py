"""Step 3 as rules: publish, notice period in working days, objections and answers, confirmation, revision."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from members.models import AuditEntry, Notification
from pioneer.errors import Refusal
from pioneer.workdays import add_working_days
from posts.models import Assignment, Objection, Publication
from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.posts.factories import make_round

# A Wednesday: five working days later is the next Wednesday.
WEDNESDAY = datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def approved(frozen, member, secretary, branch_a1, window_post, internal_post):
    rnd = make_round(branch_a1)
    nomination = nomination_services.submit_nomination(member.user, round=rnd, post=window_post, statement="熟悉政策咨询。")
    review_services.approve_nomination(secretary, nomination=nomination)
    return rnd


@pytest.fixture
def publication(approved, secretary):
    return publication_services.publish_round(secretary, round=approved)


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 3, 6)
    assert add_working_days(friday, 1) == datetime.date(2026, 3, 9)
    assert add_working_days(datetime.date(2026, 3, 4), 5) == datetime.date(2026, 3, 11)


def test_publishing_puts_the_assignments_in_notice(publication, member, settings):
    assert publication.status == Publication.Status.NOTICE
    assert publication.ends_on == datetime.date(2026, 3, 11)
    assert list(publication.assignments.values_list("status", flat=True)) == ["published"]
    assert AuditEntry.objects.filter(action="posts.publication.published").count() == 1
    assert Notification.objects.filter(recipient=member.user, text__contains="公示").exists()


def test_publishing_an_empty_round_is_refused(frozen, secretary, branch_a1, window_post):
    rnd = make_round(branch_a1)
    with pytest.raises(Refusal, match="没有可公示"):
        publication_services.publish_round(secretary, round=rnd)
    assert not Publication.objects.exists()


def test_publishing_in_another_branch_is_refused(approved, other_secretary):
    with pytest.raises(Refusal, match="不负责管理"):
        publication_services.publish_round(other_secretary, round=approved)


def test_a_member_objects_and_the_secretary_answers(publication, member, secretary):
    assignment = publication.assignments.get()
    objection = publication_services.raise_objection(member.user, publication=publication, text="该同志不熟悉业务。", assignment=assignment)
    assert Notification.objects.filter(recipient=secretary, text__contains="异议").exists()
    publication_services.answer_objection(secretary, objection=objection, answer="经核实,该同志具备岗位要求的专长。")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.ANSWERED and objection.answered_by == secretary
    assert Notification.objects.filter(recipient=member.user, text__contains="已答复").exists()
    with pytest.raises(Refusal, match="已经答复"):
        publication_services.answer_objection(secretary, objection=objection, answer="再次答复")
    assert {"posts.objection.raised", "posts.objection.answered"} <= set(AuditEntry.objects.values_list("action", flat=True))


@pytest.mark.parametrize("text", ["", "  ", "字" * 1001])
def test_empty_or_oversized_objections_are_refused(publication, text):
    with pytest.raises(Refusal):
        publication_services.raise_objection(None, publication=publication, text=text)
    assert not Objection.objects.exists()


def test_the_public_may_not_object_to_an_internal_post(frozen, member, secretary, branch_a1, internal_post):
    rnd = make_round(branch_a1)
    review_services.approve_nomination(secretary, nomination=nomination_services.submit_nomination(member.user, round=rnd, post=internal_post, statement="擅长写作。"))
    publication = publication_services.publish_round(secretary, round=rnd)
    with pytest.raises(Refusal, match="不在本次公示"):
        publication_services.raise_objection(None, publication=publication, text="意见", assignment=publication.assignments.get())


def test_the_public_gets_an_unguessable_tracking_code(publication):
    codes = {publication_services.raise_objection(None, publication=publication, text=f"意见{i}").tracking_code for i in range(20)}
    assert len(codes) == 20 and all(len(code) == 12 for code in codes)


def test_publications_are_confirmed_after_the_notice_period(publication, frozen, member):
    assert publication_services.confirm_due_publications() == 0
    frozen.move_to(datetime.datetime(2026, 3, 11, 23, 0, tzinfo=datetime.UTC))  # Thursday 07:00 in Shanghai
    with pytest.raises(Refusal, match="公示期已结束"):
        publication_services.raise_objection(None, publication=publication, text="迟到的意见")
    out = io.StringIO()
    call_command("confirm_publications", stdout=out)
    assert out.getvalue().startswith("1")
    publication.refresh_from_db()
    assert publication.status == Publication.Status.CONFIRMED
    assert Assignment.objects.get().status == Assignment.Status.CONFIRMED
    assert Assignment.objects.confirmed().count() == 1
    assert publication_services.confirm_due_publications() == 0
    assert AuditEntry.objects.filter(action="posts.assignment.confirmed").count() == 1


def test_viewing_a_publication_after_its_notice_leaves_it_unconfirmed(publication, frozen, client_for, member, client):
    frozen.move_to(datetime.datetime(2026, 3, 13, 2, 0, tzinfo=datetime.UTC))
    html = client_for(member.user).get(f"/publications/{publication.pk}/").content.decode()
    assert "公示期已满，待确认" in html
    assert 'action="/publications/' not in html  # objections are closed: no form
    public_html = client.get(f"/announcements/{publication.code}/").content.decode()
    assert "公示期已满，待确认" in public_html
    publication.refresh_from_db()
    assert publication.status == Publication.Status.NOTICE
    assert not AuditEntry.objects.filter(action="posts.publication.confirmed").exists()


def test_the_command_confirms_what_the_page_showed_as_pending(publication, frozen, client_for, member):
    frozen.move_to(datetime.datetime(2026, 3, 13, 2, 0, tzinfo=datetime.UTC))
    call_command("confirm_publications", stdout=io.StringIO())
    publication.refresh_from_db()
    assert publication.status == Publication.Status.CONFIRMED
    html = client_for(member.user).get(f"/publications/{publication.pk}/").content.decode()
    assert "公示期已满，待确认" not in html


def test_a_revision_needs_a_reason_and_is_published_again(publication, frozen, secretary, internal_post, window_post):
    old = publication.assignments.get()
    with pytest.raises(Refusal, match="调整理由"):
        review_services.revise_assignment(secretary, assignment=old, post=internal_post, reason="")
    with pytest.raises(Refusal, match="不同的岗位"):
        review_services.revise_assignment(secretary, assignment=old, post=window_post, reason="理由")
    revision = review_services.revise_assignment(secretary, assignment=old, post=internal_post, reason="根据群众意见调整。")
    old.refresh_from_db()
    new = revision.assignments.get()
    assert old.status == Assignment.Status.ENDED
    assert (new.post, new.status, new.replaces) == (internal_post, Assignment.Status.PUBLISHED, old)
    assert revision.reason == "根据群众意见调整。" and revision.in_notice
    assert Publication.objects.count() == 2
    assert AuditEntry.objects.filter(action="posts.assignment.revised", reason="根据群众意见调整。").exists()


def test_an_unpublished_assignment_cannot_be_revised(approved, secretary, internal_post):
    with pytest.raises(Refusal, match="已公示或已确认"):
        review_services.revise_assignment(secretary, assignment=Assignment.objects.get(), post=internal_post, reason="理由")


def test_every_transition_leaves_an_audit_row(publication, frozen, member, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="意见")
    publication_services.answer_objection(secretary, objection=objection, answer="答复")
    frozen.move_to(timezone.now() + datetime.timedelta(days=10))
    publication_services.confirm_due_publications()
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "posts.nomination.submitted", "posts.nomination.approved", "posts.assignment.approved", "posts.publication.published",
        "posts.assignment.published", "posts.objection.raised", "posts.objection.answered", "posts.publication.confirmed",
        "posts.assignment.confirmed",
    }
