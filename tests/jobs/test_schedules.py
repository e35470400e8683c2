"""The schedules with frozen time: publications confirmed when due, feedback reminders sent once, old files cleaned."""

import datetime
import io
import os
import zoneinfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from members.jobs import cleanup
from members.jobs.models import Job, Reminder
from members.models import Notification
from posts import tasks
from posts.feedback import services as feedback_services
from posts.feedback.reminders import remind_feedback_deadlines
from posts.models import Publication
from posts.nominations import services as nominations
from posts.publication import services as publication
from posts.review import services as review
from tests.factories import MemberFactory, UserFactory
from tests.posts.factories import make_post, make_round, staffed_window

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day, hour=10):
    return datetime.datetime(2026, 3, day, hour, 0, tzinfo=SHANGHAI)


def _publish(secretary, branch, member_user):
    rnd = make_round(branch)
    post = make_post(branch, f"{branch.code}导办岗")
    nomination = nominations.submit_nomination(member_user, round=rnd, post=post, statement="熟悉业务。")
    review.approve_nomination(secretary, nomination=nomination)
    return publication.publish_round(secretary, round=rnd)


@pytest.fixture
def two_publications(member, secretary, other_secretary, branch_a1, branch_b1):
    """A1's published on Wednesday 4 March (notice ends the 11th), B1's on Monday 9 March (ends the 16th)."""
    with time_machine.travel(at(4), tick=False):
        early = _publish(secretary, branch_a1, member.user)
    with time_machine.travel(at(9), tick=False):
        late = _publish(other_secretary, branch_b1, MemberFactory(branch=branch_b1, user=UserFactory(username="b1member")).user)
    return early, late


def _status(publication):
    publication.refresh_from_db()
    return publication.status


def test_the_confirmation_task_confirms_a_due_publication_and_not_an_undue_one(two_publications):
    early, late = two_publications
    with time_machine.travel(at(12, 7), tick=False):
        assert tasks.confirm_publications() == 1
    assert (_status(early), _status(late)) == (Publication.Status.CONFIRMED, Publication.Status.NOTICE)


def test_run_schedules_runs_each_schedule_when_it_is_due_and_not_again(two_publications):
    early, late = two_publications
    out = io.StringIO()
    with time_machine.travel(at(12, 7), tick=False):
        call_command("run_schedules", stdout=out)
        assert "confirm-publications: 1" in out.getvalue()
        call_command("run_schedules", stdout=(again := io.StringIO()))
        assert again.getvalue().strip() == "Nothing was due."
    assert (_status(early), _status(late)) == (Publication.Status.CONFIRMED, Publication.Status.NOTICE)
    # The daily 00:30 run has come round again by Tuesday morning; B1's notice ended on Monday.
    with time_machine.travel(at(17, 9), tick=False):
        call_command("run_schedules", stdout=(later := io.StringIO()))
    assert "confirm-publications: 1" in later.getvalue()
    assert _status(late) == Publication.Status.CONFIRMED


@pytest.fixture
def windows(unit_a, unit_b, branch_a1, branch_b1):

    return staffed_window(unit_a, branch_a1, code="WA", name="综合受理窗口"), staffed_window(unit_b, branch_b1, code="WB", name="户籍办理窗口")


def test_feedback_reminders_go_once_before_and_once_after_the_deadline(windows, unit_secretary, unit_b):
    window_a, window_b = windows
    # Sent Monday 2 March 09:00: the answer is due five working days later, Monday 9 March 09:00.
    pending = feedback_services.submit_feedback(window=window_a, kind="complaint", text="排队太久", now=at(2, 9))
    answered = feedback_services.submit_feedback(window=window_a, kind="suggestion", text="多开窗口", now=at(2, 9))
    feedback_services.conclude_feedback(unit_secretary, feedback=answered, text="已增开窗口。", now=at(3))
    feedback_services.submit_feedback(window=window_b, kind="complaint", text="别的单位", now=at(9, 9))
    before = Notification.objects.filter(recipient=unit_secretary).count()

    with time_machine.travel(at(5), tick=False):  # Thursday: more than a working day left
        assert remind_feedback_deadlines() == 0
    with time_machine.travel(at(6), tick=False):  # Friday: due on the next working day
        assert remind_feedback_deadlines() == 1
        assert remind_feedback_deadlines() == 0
    with time_machine.travel(at(9, 10), tick=False):  # Monday, an hour late
        assert tasks.remind_feedback() == 1
        assert tasks.remind_feedback() == 0

    texts = list(Notification.objects.filter(recipient=unit_secretary).order_by("pk").values_list("text", flat=True)[before:])
    assert texts == [
        f"关于综合受理窗口的群众意见 {pending.reference} 须在 2026年3月9日 09:00 前答复。",
        f"关于综合受理窗口的群众意见 {pending.reference} 已超期：应于 2026年3月9日 09:00 前答复。",
    ]
    assert set(Reminder.objects.values_list("key", "object_id")) == {
        ("posts.feedback.due_soon", str(pending.pk)), ("posts.feedback.overdue", str(pending.pk)),
    }


def test_finished_job_files_are_deleted_after_the_keep_days_and_fresh_ones_stay(secretary, settings):
    settings.PIONEER = {**settings.PIONEER, "JOB_FILES_KEEP_DAYS": 7}
    now = datetime.datetime(2026, 3, 20, tzinfo=datetime.UTC)
    old_path = default_storage.save("jobs/old.csv", ContentFile(b"old"))
    new_path = default_storage.save("jobs/new.csv", ContentFile(b"new"))
    old = Job.objects.create(kind="tests.count", created_by=secretary, state=Job.State.DONE, finished_at=now - datetime.timedelta(days=8), result_file=old_path)
    new = Job.objects.create(kind="tests.count", created_by=secretary, state=Job.State.DONE, finished_at=now - datetime.timedelta(days=6), result_file=new_path)
    assert cleanup.purge_job_files(now=now) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.result_file.name, new.result_file.name) == ("", new_path)
    assert not default_storage.exists(old_path) and default_storage.exists(new_path)


def test_expired_import_uploads_are_deleted_and_fresh_ones_stay(db):
    stale = default_storage.save("excel-imports/members/stale.xlsx", ContentFile(b"x"))
    fresh = default_storage.save("excel-imports/members/fresh.xlsx", ContentFile(b"x"))
    seven_hours_ago = datetime.datetime.now().timestamp() - 7 * 3600
    os.utime(default_storage.path(stale), (seven_hours_ago, seven_hours_ago))
    assert cleanup.purge_import_uploads() >= 1
    assert not default_storage.exists(stale) and default_storage.exists(fresh)
