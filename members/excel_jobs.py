"""Excel work that runs as jobs: an import's preview and its apply, and exports above a few thousand rows.

The preview's Job row is the record of the upload: its params name the stored workbook, its result
data holds the counts and where the per-row details file is, and `applied_by` (set by a conditional
UPDATE inside the import's own transaction) makes sure the upload is applied at most once, however
often the apply is pressed or its job is run again.
"""

import datetime
import json
import tempfile

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext_lazy, gettext_noop

from members import access, imports
from members.exports import MemberExporter, OrganisationExporter, filtered_members
from members.jobs.models import Job
from members.jobs.registry import JobLink, register_job
from members.jobs.services import JobRefusal, Outcome
from members.models import Organisation
from pioneer import excel, words

PREVIEW = "excel.import.preview"
APPLY = "excel.import.apply"
EXPORT = "excel.export"

EXPIRED = gettext_noop("This upload has expired or is not yours; please upload the file again.")
NOT_ALLOWED = gettext_noop("You may no longer do this: your roles have changed since the job was started.")
PROBLEMS = gettext_noop("Nothing was imported: the file has problems. Correct them and upload it again.")
ALREADY = gettext_noop("This upload has already been imported; nothing was imported a second time.")


def inline_export_rows() -> int:
    return int(getattr(settings, "EXCEL_INLINE_EXPORT_ROWS", 5000))


def job_scope(user):
    """The organisation a job hangs on, so the committee staff above it see it too."""
    target = imports.ImportSpec().audit_object(user)
    return target if isinstance(target, Organisation) else None


def details_path(upload_path: str) -> str:
    return upload_path.rsplit(".", 1)[0] + "-preview.json"


def save_details(path: str, report: imports.ImportReport) -> str:
    """The preview's rows worth showing (problems and writes) as one JSON file next to the upload.

    Problems and changes are stored as messages (`words.encode`), read in the language of whoever opens the preview.
    """
    rows = [{"number": r.number, "key": r.key, "status": r.status, "problems": [words.encode(p) for p in r.problems],
             "changes": [words.encode(c) for c in r.changes]} for r in report.rows if r.status != "skip"]
    default_storage.delete(path)
    return default_storage.save(path, ContentFile(json.dumps(rows, ensure_ascii=False).encode()))


def load_details(path: str) -> list[imports.RowReport]:
    """The stored rows, their problems and changes printing in the active language (text stored before: as it is)."""
    try:
        with default_storage.open(path, "rb") as handle:
            rows = json.load(handle)
    except (FileNotFoundError, ValueError):
        return []
    return [imports.RowReport(**{**row, "problems": [words.restore(p) for p in row.get("problems", [])],
                                 "changes": [words.restore(c) for c in row.get("changes", [])]}) for row in rows]


def file_errors(data: dict) -> list:
    """A preview's file errors from its job's result data, printing in the active language."""
    return [words.restore(e) for e in data.get("file_errors", [])]


def _report_data(report: imports.ImportReport, details: str, rows_file: str = "") -> dict:
    return {"counts": report.counts, "file_errors": [words.encode(e) for e in report.file_errors], "ok": report.ok, "changes": report.changes,
            "rows": len(report.rows), "details": details, "rows_file": rows_file}


# ---------------------------------------------------------------- the rows as the preview read them

_CELL_TYPES = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time}


def rows_path(upload_path: str) -> str:
    return upload_path.rsplit(".", 1)[0] + "-rows.json"


def _cell_out(value):
    """A cell as JSON holds it: a date or time as [type, ISO text], a duration as ["timedelta", seconds]."""
    if isinstance(value, datetime.date | datetime.time):  # a datetime is a date
        return [type(value).__name__, value.isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["timedelta", value.total_seconds()]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise TypeError(f"a cell of type {type(value).__name__}")


def _cell_in(value):
    if not isinstance(value, list):
        return value
    kind, text = value
    return datetime.timedelta(seconds=text) if kind == "timedelta" else _CELL_TYPES[kind].fromisoformat(text)


def keep_rows(path: str, dataset, numbers) -> str:
    """Keep the rows the preview read next to the upload, so the apply checks and writes them without parsing
    the workbook a second time (a third of the work for a large file). "" when a cell cannot be kept."""
    try:
        content = json.dumps({"headers": dataset.headers, "numbers": numbers,
                              "rows": [[_cell_out(v) for v in row] for row in dataset]}, ensure_ascii=False)
    except (TypeError, ValueError):
        return ""  # the apply reads the workbook again
    default_storage.delete(path)
    return default_storage.save(path, ContentFile(content.encode()))


def kept_rows(path: str):
    """(dataset, numbers) as `keep_rows` kept them, or None (none kept, or gone): then the apply reads the workbook."""
    if not path:
        return None
    try:
        with default_storage.open(path, "rb") as handle:
            kept = json.load(handle)
        dataset = tablib.Dataset(headers=kept["headers"])
        for row in kept["rows"]:
            dataset.append([_cell_in(v) for v in row])
        return dataset, kept["numbers"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _spec_for(actor, code):
    spec = imports.SPECS.get(code)
    if actor is None or spec is None or not spec.allowed(access.for_user(actor)):
        raise JobRefusal(NOT_ALLOWED)
    return spec


# ---------------------------------------------------------------- import preview


def preview_import(job, progress, *, code, path, name=""):
    """Read the stored upload and dry-run it; keep the counts in the job and the rows in a details file."""
    spec = _spec_for(job.created_by, code)
    if not default_storage.exists(path):
        raise JobRefusal(EXPIRED)
    with default_storage.open(path, "rb") as fileobj:
        # Reading is half the work and the only half that can report (the dry run is one transaction).
        total = 2 * max(_declared_rows(fileobj) - 1, 1)
        progress(0, total)
        kept = []
        report = imports.run(job.created_by, spec=spec, fileobj=fileobj, filename=name,
                             progress=lambda n: progress(min(n, total), total),
                             on_read=lambda dataset, numbers: kept.append(keep_rows(rows_path(path), dataset, numbers)))
    return _report_data(report, save_details(details_path(path), report), kept[0] if kept else "")


def _declared_rows(fileobj) -> int:
    try:
        excel.check_upload(fileobj)
        return excel.count_rows(fileobj)
    except Exception:  # noqa: BLE001 - the import itself says what is wrong with the file
        fileobj.seek(0)
        return 0


# ---------------------------------------------------------------- import apply


class _Taken(Exception):
    """The upload was claimed by an apply that committed first."""


def preview_job_of(actor, *, job_id, code) -> Job | None:
    """The user's own preview of this import, or None (someone else's, another import's, not a job id)."""
    try:
        return Job.objects.filter(pk=job_id, kind=PREVIEW, created_by=actor, params__code=code).first()
    except ValidationError:  # not a UUID
        return None


def apply_import(job, progress, *, preview):
    """Write a previewed upload once, all or nothing; a second press or a second run writes nothing more."""
    actor = job.created_by
    source = Job.objects.filter(pk=preview, kind=PREVIEW, created_by=actor, state=Job.State.DONE).first()
    if source is None:
        raise JobRefusal(EXPIRED)
    spec, data = _spec_for(actor, source.params["code"]), source.result_data
    if data.get("applied_by"):
        return _applied_before(job, source)
    path, total = source.params["path"], data.get("rows", 0)
    if not default_storage.exists(path):
        raise JobRefusal(EXPIRED)
    mine = {**data, "applied_by": str(job.pk)}

    def claim():
        # The conditional UPDATE is the lock: a second apply waits here until the first commits, then finds it taken.
        if not Job.objects.filter(pk=source.pk).exclude(result_data__has_key="applied_by").update(result_data=mine):
            raise _Taken

    progress(0, total)
    try:
        with transaction.atomic(), default_storage.open(path, "rb") as fileobj:
            report = imports.run(actor, spec=spec, fileobj=fileobj, apply=True, filename=source.params.get("name", ""),
                                 claim=claim, rows=kept_rows(data.get("rows_file", "")))
            if report.applied:
                Job.objects.filter(pk=source.pk).update(result_data={**mine, "applied_counts": report.counts})
    except _Taken:
        source.refresh_from_db()
        return _applied_before(job, source)
    if not report.applied:
        # The rows' problems as the apply found them go to the preview page the failed job links to.
        details = save_details(data["details"], report) if data.get("details") else ""
        Job.objects.filter(pk=source.pk).update(result_data=_report_data(report, details, data.get("rows_file", "")))
        raise JobRefusal(PROBLEMS)
    imports.discard(path, data.get("details", ""), data.get("rows_file", ""))
    return {**report.counts, "preview": str(source.pk)}


def _applied_before(job, source):
    """This job's own earlier run applied it: the same outcome again. Another job did: refuse."""
    if source.result_data.get("applied_by") == str(job.pk):
        return {**source.result_data.get("applied_counts", {}), "preview": str(source.pk)}
    raise JobRefusal(ALREADY)


# ---------------------------------------------------------------- exports


def exporter_for(user, code: str, query: str = ""):
    """The export of this code for this user: the same scope and filters as the page, rebuilt from the user.

    The stored query only narrows: every exporter starts from the user's scope as it is now.
    """
    if code == "members":
        return MemberExporter(filtered_members(user, QueryDict(query)))
    if code == "organisations":
        return OrganisationExporter(Organisation.objects.visible_to(user))
    if code not in excel.EXPORTS:
        raise JobRefusal(NOT_ALLOWED)
    return excel.EXPORTS[code](user, QueryDict(query))


def export(job, progress, *, code, query=""):
    """Write an export too large for a request to a file the starter downloads from the job page."""
    actor = job.created_by
    if actor is None or not access.for_user(actor).manages_any:
        raise JobRefusal(NOT_ALLOWED)
    exporter = exporter_for(actor, code, query)
    total = exporter.count() or 0
    progress(0, total)
    buffer = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    exporter.write(buffer, progress=lambda n: progress(n, total))
    buffer.seek(0)
    return Outcome(data={"rows": total}, file=File(buffer, name="export.xlsx"), filename=exporter.filename())


# ---------------------------------------------------------------- what the job page shows


def _preview_link(job):
    code = job.params.get("code", "")
    return JobLink(gettext_lazy("See the preview"), f"members:excel:{code}_preview", {"job": str(job.pk)}, follow=True)


def _apply_link(job):
    source = Job.objects.filter(pk=job.params.get("preview")).only("params").first()
    if source is None:
        return None
    spec = imports.SPECS.get(source.params.get("code"))
    if job.state == Job.State.FAILED:
        return JobLink(gettext_lazy("See the rows with problems"), f"members:excel:{spec.code}_preview", {"job": str(source.pk)})
    return JobLink(gettext_lazy("Go to the list"), spec.done_url_name) if spec else None


def _counts(job):
    labels = imports.STATUS_LABELS
    counts = job.result_data.get("counts", job.result_data)
    return [(labels[key], counts[key]) for key in labels if key in counts]


def _export_summary(job):
    return [(gettext_lazy("rows"), job.result_data.get("rows", 0))]


register_job(PREVIEW, preview_import, title=gettext_lazy("Excel import: preview"), link=_preview_link, summary=_counts)
register_job(APPLY, apply_import, title=gettext_lazy("Excel import"), link=_apply_link, summary=_counts)
register_job(EXPORT, export, title=gettext_lazy("Excel export"), summary=_export_summary)
