"""Quarterly activity: activities with evidence, refused files and dates, the lock on submission."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.models import Phase, QuarterReport
from evaluation.quarters.services import add_activity, quarter_report, submit_quarter
from pioneer.errors import Refusal
from tests.factories import MemberFactory


def jpeg(name="photo.jpg", size=100):
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"0" * size, content_type="image/jpeg")


def test_an_activity_is_recorded_with_evidence_and_the_quarter_is_locked_on_submission(make_year, window_a, unit_secretary, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=2)
    add_activity(unit_secretary, report=report, date=datetime.date(2026, 5, 4), kind="study", description="学习", participants=[member], files=[jpeg()])
    submit_quarter(unit_secretary, report=report)
    report.refresh_from_db()
    assert report.is_locked and report.activities.get().evidence.count() == 1
    with pytest.raises(Refusal, match="锁定|locked"):
        add_activity(unit_secretary, report=report, date=datetime.date(2026, 5, 5), kind="study", description="再学习")
    assert report.activities.count() == 1


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream"), "文件类型|file type"),
    (SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf"), "PDF"),
    (jpeg(size=5 * 1024 * 1024), "5 MB"),
])
def test_it_refuses_evidence_of_the_wrong_type_or_size(make_year, window_a, unit_secretary, upload, message):
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=1)
    with pytest.raises(Refusal, match=message):
        add_activity(unit_secretary, report=report, date=datetime.date(2026, 2, 1), kind="meeting", description="会议", files=[upload])
    assert not report.activities.exists()


def test_it_refuses_an_activity_dated_outside_the_quarter(make_year, window_a, unit_secretary):
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=1)
    with pytest.raises(Refusal, match="第一季度"):
        add_activity(unit_secretary, report=report, date=datetime.date(2026, 4, 1), kind="meeting", description="会议")


def test_it_refuses_participants_from_another_organisation(make_year, window_a, unit_secretary, branch_b1):
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=1)
    stranger = MemberFactory(branch=branch_b1, name="外人")
    with pytest.raises(Refusal, match="外人"):
        add_activity(unit_secretary, report=report, date=datetime.date(2026, 2, 1), kind="meeting", description="会议", participants=[stranger])


def test_a_quarter_submitted_after_its_deadline_is_late(make_year, window_a, unit_secretary, time_machine):
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=1)
    add_activity(unit_secretary, report=report, date=datetime.date(2026, 2, 1), kind="meeting", description="会议")
    time_machine.move_to(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC))
    submit_quarter(unit_secretary, report=report)
    assert QuarterReport.objects.get(pk=report.pk).is_late
