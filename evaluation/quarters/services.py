"""Quarterly activity (按季活动): a window's activities recorded with evidence, then the quarter submitted and locked."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, Activity, EvaluationYear, Evidence, Phase, QuarterReport
from evaluation.models.quarters import quarter_name
from members import audit
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.models import Window

EVIDENCE_SIGNATURES = {
    "pdf": [b"%PDF"], "png": [b"\x89PNG"], "jpg": [b"\xff\xd8\xff"], "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"],
}


def quarter_report(*, year: EvaluationYear, window: Window, quarter: int) -> QuarterReport:
    """The window's report for the quarter, made on first use: a draft is not a state change, so it is not audited."""
    report, _created = QuarterReport.objects.get_or_create(year=year, window=window, quarter=quarter)
    return report


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, quarter * 3 - 2, 1)
    end = datetime.date(year + (quarter == 4), (quarter * 3) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def check_evidence(upload) -> None:
    """Refuse files of the wrong type or size before anything is written."""
    name = getattr(upload, "name", "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in EVIDENCE_EXTENSIONS:
        raise Refusal(_("“%(name)s” is not an accepted file type (PDF, JPG, PNG, DOCX, XLSX).") % {"name": name})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise Refusal(_("“%(name)s” is larger than 5 MB.") % {"name": name})
    # The extension is only a claim: the first bytes say what the file is.
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in EVIDENCE_SIGNATURES[ext]):
        raise Refusal(_("“%(name)s” is not really a %(ext)s file.") % {"name": name, "ext": ext.upper()})


@transaction.atomic
def add_activity(actor, *, report: QuarterReport, date, kind, description, participants=(), files=()) -> Activity:
    report = QuarterReport.objects.select_for_update(of=("self",)).select_related("year", "window").get(pk=report.pk)
    if report.is_locked:
        raise Refusal(_("This quarter was submitted and is locked: activities cannot be added."))
    if report.year.phase not in (Phase.QUARTERLY, Phase.ASSESSMENT):
        raise Refusal(_("Activities are recorded during the quarterly activity phase."))
    start, end = quarter_dates(report.year.year, report.quarter)
    if not start <= date <= end:
        raise Refusal(_("The date must fall within %(quarter)s (%(start)s to %(end)s).")
                      % {"quarter": quarter_name(report.quarter), "start": start, "end": end})
    participants = list(participants)
    strangers = [m.name for m in participants if m.branch.parent_id != report.window.organisation_id]
    if strangers:
        raise Refusal(_("Not members of this window's organisation: %(names)s.") % {"names": "、".join(strangers)})
    for upload in files:
        check_evidence(upload)
    activity = Activity.objects.create(report=report, date=date, kind=kind, description=description.strip())
    activity.participants.set(participants)
    for upload in files:
        Evidence.objects.create(activity=activity, file=upload, size=upload.size)
    audit.record(actor, "evaluation.activity.added", report, reason=Message("%(date)s %(kind)s", date=date, kind=Activity.Kind(activity.kind)))
    return activity


@transaction.atomic
def submit_quarter(actor, *, report: QuarterReport | None) -> QuarterReport:
    """Lock the quarter; a quarter with no report yet has no activity, so it is refused like an empty one."""
    if report is None:
        raise Refusal(_("Record at least one activity before submitting the quarter."))
    report = QuarterReport.objects.select_for_update().get(pk=report.pk)
    if report.is_locked:
        raise Refusal(_("This quarter was already submitted."))
    if not report.activities.exists():
        raise Refusal(_("Record at least one activity before submitting the quarter."))
    report.status = QuarterReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(actor, "evaluation.quarter.submitted", report, from_state="draft", to_state="submitted",
                 reason=Message("late") if report.is_late else "")
    return report
