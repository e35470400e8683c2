"""Previewed, all-or-nothing imports from Excel: upload → preview → confirm → apply.

The uploaded workbook is kept in the default file storage (shared between app
servers and workers) under a random name; the preview and the apply run as jobs
(`members/excel_jobs.py`), and the preview's Job row records the upload and
whether it was applied. Preview and apply run the same checks: file-level
problems (not an xlsx, too big, missing or unknown columns) refuse the whole
file; row-level problems (duplicate keys, unknown codes, bad dates, over-long
text, rows of another branch) are listed per row. Apply writes every row in one
transaction, or nothing at all, and leaves one audit entry with the counts.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from members import access, audit
from members.exports import MEMBER_COLUMNS, ORGANISATION_COLUMNS, member_template, organisation_template
from members.models import Organisation
from members.resources import MemberResource, OrganisationResource, shown
from pioneer import excel, words
from pioneer.errors import Refusal
from pioneer.words import Message

TOKEN_MAX_AGE = 60 * 60 * 6  # an unconfirmed preview (and its upload) expires after six hours
PROGRESS_EVERY = 500  # rows read between two progress reports

STATUS_LABELS = {
    "new": gettext_lazy("new"),
    "update": gettext_lazy("changed"),
    "skip": gettext_lazy("unchanged"),
    "invalid": gettext_lazy("invalid"),
}


@dataclass
class RowReport:
    number: int  # the row number as Excel shows it
    key: str
    status: str  # new, update, skip or invalid
    # Each a Message (read in the reader's language), or text: "position: 科员 → 科长" for a changed row.
    problems: list[Message | str] = field(default_factory=list)
    changes: list[Message | str] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass
class ImportReport:
    file_errors: list[Message | str] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    applied: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(r.status for r in self.rows)
        return {status: counted.get(status, 0) for status in STATUS_LABELS}

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(r.status == "invalid" for r in self.rows)

    @property
    def changes(self) -> int:
        return self.counts["new"] + self.counts["update"]


class ImportSpec:
    """What one kind of import needs: its columns, its resource, who may use it."""

    code: str
    title = ""
    columns: list[excel.Column] = []
    resource_class = None
    key: str | tuple[str, ...]  # the column(s) naming a row: member number, or organisation code and post title
    audit_action: str
    done_url_name = "home"

    def allowed(self, acc) -> bool:
        return acc.is_committee_staff

    def template(self):
        """The empty workbook to fill in: headers and one example row."""
        raise NotImplementedError

    def resource(self, user):
        return self.resource_class(user=user)

    def audit_object(self, user):
        """The organisation an import's audit entry hangs on: the widest one the user manages."""
        acc = access.for_user(user)
        ids = acc.committee_ids or acc.unit_ids or acc.branch_ids
        if acc.is_admin or not ids:
            return Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE).first() or user
        return Organisation.objects.filter(pk__in=ids).order_by("code").first() or user


class OrganisationImport(ImportSpec):
    code = "organisations"
    title = gettext_lazy("Import organisations")
    columns = ORGANISATION_COLUMNS
    resource_class = OrganisationResource
    key = "code"
    audit_action = "members.organisations.imported"
    done_url_name = "members:organisation_list"

    def template(self):
        return organisation_template()


class MemberImport(ImportSpec):
    code = "members"
    title = gettext_lazy("Import members")
    columns = MEMBER_COLUMNS
    resource_class = MemberResource
    key = "member_no"
    audit_action = "members.members.imported"
    done_url_name = "members:list"

    def template(self):
        return member_template()

    def allowed(self, acc):
        return acc.manages_any


# code -> the import, served at /excel/<code>/… as the URLs `members:excel:<code>_template`, `_upload`, `_preview`,
# `_apply` and `_cancel`. Other apps register theirs from `AppConfig.ready()`, before the URLs are built.
SPECS: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> None:
    if type(SPECS.get(spec.code, spec)) is not type(spec):
        raise ImproperlyConfigured(f"Two Excel imports are registered as {spec.code!r}.")
    SPECS[spec.code] = spec


register(OrganisationImport())
register(MemberImport())


# ---------------------------------------------------------------- storage


def purge_expired(folder: str) -> None:
    """Delete uploads whose preview has expired: nobody can confirm them any more."""
    if not default_storage.exists(folder):
        return
    cutoff = timezone.now() - datetime.timedelta(seconds=TOKEN_MAX_AGE)
    for name in default_storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (NotImplementedError, OSError):
            return


def store_upload(actor, *, upload, spec: ImportSpec) -> str:
    """Keep a checked upload in the default storage under a random name; return its path."""
    folder = f"excel-imports/{spec.code}"
    purge_expired(folder)
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}.xlsx", upload)


def expired() -> Refusal:
    return Refusal(_("This upload has expired or is not yours; please upload the file again."))


def discard(*paths: str) -> None:
    for path in paths:
        if path:
            default_storage.delete(path)


# ---------------------------------------------------------------- reading and checking


def _header_lookup(columns):
    lookup = {}
    for column in columns:
        for name in excel.labels_in_all_languages(column.label):
            lookup[name] = column
    for column in columns:  # a column's own key wins over another column's label
        lookup[excel.normalise_header(column.key)] = column
    return lookup


def read_dataset(spec: ImportSpec, fileobj, report: ImportReport, progress=None):
    """Rows of the first sheet as a tablib Dataset keyed by column key, with each row's Excel number.

    `progress(rows_read)` is called every PROGRESS_EVERY rows.
    """
    lookup = _header_lookup(spec.columns)
    rows = excel.load_rows(fileobj)
    header = None
    header_number = 0
    for number, candidate in enumerate(rows, 1):
        if any(v not in (None, "") for v in candidate):
            header, header_number = candidate, number
            break
    if header is None:
        report.file_errors.append(Message("The workbook is empty."))
        return None, []
    keys = []
    seen = set()
    for text in header:
        if text in (None, ""):
            keys.append(None)
            continue
        column = lookup.get(excel.normalise_header(text))
        if column is None:
            report.file_errors.append(Message("The column “%(name)s” is not one we know; check its spelling against the template.",
                                              name=text))
            keys.append(None)
        elif column.key in seen:
            report.file_errors.append(Message("The column “%(name)s” appears twice.", name=text))
            keys.append(None)
        else:
            seen.add(column.key)
            keys.append(None if column.export_only else column.key)
    for column in spec.columns:
        if column.required and column.key not in seen:
            report.file_errors.append(Message("The column “%(name)s” is missing.", name=column.label))
    if report.file_errors:
        return None, []
    used = [(i, k) for i, k in enumerate(keys) if k]
    dataset = tablib.Dataset(headers=[k for _i, k in used])
    numbers = []
    max_rows = excel.limit("MAX_ROWS")
    for number, values in enumerate(rows, header_number + 1):
        if not any(v not in (None, "") for v in values):
            continue
        if len(numbers) >= max_rows:
            report.file_errors.append(Message("The file has more than %(n)s rows; split it into smaller files.", n=max_rows))
            return None, []
        dataset.append([values[i] if i < len(values) else None for i, _k in used])
        numbers.append(number)
        if progress is not None and len(numbers) % PROGRESS_EVERY == 0:
            progress(len(numbers))
    if not numbers:
        report.file_errors.append(Message("The workbook has a header but no rows."))
        return None, []
    return dataset, numbers


def _key_columns(spec):
    return (spec.key,) if isinstance(spec.key, str) else tuple(spec.key)


def _key_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return excel.unescape_formula(str(value if value is not None else "").strip())


def _row_key(spec, dataset, values) -> str:
    """A row's natural key as one string: the member number, or e.g. organisation code / post title."""
    return " / ".join(_key_text(values[dataset.headers.index(k)]) for k in _key_columns(spec))


def _duplicates(spec, dataset, numbers):
    """Each key that appears more than once, with the rows it appears on."""
    rows_by_key = {}
    for number, values in zip(numbers, dataset, strict=True):
        key = _row_key(spec, dataset, values)
        if key.strip(" /"):
            rows_by_key.setdefault(key, []).append(number)
    return {key: found for key, found in rows_by_key.items() if len(found) > 1}


def _labels(spec) -> dict:
    return {c.key: c.label for c in spec.columns}  # lazy: each reader sees the column in their language


def _key_label(spec):
    """The key's column(s), as a message parameter: one label, or e.g. "organisation code / post title"."""
    labels = [c.label for k in _key_columns(spec) for c in spec.columns if c.key == k]
    if len(labels) == 1:
        return labels[0]
    return Message(" / ".join(f"%(c{i})s" for i in range(len(labels))), **{f"c{i}": label for i, label in enumerate(labels)})


def _problems(labels, row_result) -> list[Message | str]:
    problems = []
    if row_result.validation_error is not None:
        for name, errors in row_result.validation_error.error_dict.items():
            for error in errors:
                said = words.of_error(error)
                if name == NON_FIELD_ERRORS or name not in labels:
                    problems.append(said)
                else:
                    problems.append(Message("%(column)s: %(message)s", column=labels[name], message=said))
    for error in row_result.errors:
        problems.append(Message("This row could not be saved: %(error)s", error=str(error.error)))
    return problems


def _changes(labels, resource, row_result, headers) -> list[Message | str]:
    """What a changed row changes, column by column, as the file would show it."""
    original, instance = getattr(row_result, "original", None), getattr(row_result, "instance", None)
    if row_result.import_type != RowResult.IMPORT_TYPE_UPDATE or original is None or instance is None:
        return []
    changes = []
    for name in headers:
        resource_field = resource.fields.get(name)
        if resource_field is None or not resource_field.attribute:
            continue
        before, after = resource_field.export(original), resource_field.export(instance)
        if before != after:
            changes.append(Message("%(column)s: %(before)s → %(after)s", column=labels.get(name, name),
                                   before=shown(resource_field, original), after=shown(resource_field, instance)))
    return changes


def run(actor, *, spec: ImportSpec, fileobj, apply: bool = False, filename: str = "", progress=None,
        claim=None, rows=None, on_read=None) -> ImportReport:
    """Check a stored upload and, when asked and everything is in order, write it in one transaction.

    `claim()` runs first inside that transaction (it takes the upload for this apply, or raises), so
    the upload is consumed exactly when the rows are written. `rows`, a (dataset, numbers) pair as
    `read_dataset` gave them for this upload before, spares reading the workbook again; `on_read(dataset,
    numbers)` is called when the workbook was read without problems.
    """
    report = ImportReport()
    if rows is not None:
        dataset, numbers = rows
    else:
        try:
            excel.check_upload(fileobj)
            dataset, numbers = read_dataset(spec, fileobj, report, progress)
        except Refusal as exc:
            report.file_errors.append(exc.said)
            return report
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
            report.file_errors.append(Message("The workbook could not be read; is it damaged?"))
            return report
        if dataset is None:
            return report
        if on_read is not None:
            on_read(dataset, numbers)
    duplicates = _duplicates(spec, dataset, numbers)
    resource = spec.resource(actor)
    with transaction.atomic():
        if apply and claim is not None:
            claim()
        result = resource.import_data(
            dataset, dry_run=not apply or bool(duplicates), use_transactions=True, rollback_on_validation_errors=True,
            retain_instance_in_row_result=True,
        )
        key_label, labels = _key_label(spec), _labels(spec)
        # A failure before the first row (base error) leaves no row results: it is a file-level problem.
        report.file_errors.extend(str(e.error) for e in result.base_errors)
        for number, values, row_result in zip(numbers, dataset, result.rows if not result.base_errors else [], strict=False):
            key = _row_key(spec, dataset, values)
            status = row_result.import_type
            problems = _problems(labels, row_result)
            dup_rows = duplicates.get(key)
            if dup_rows:
                problems.append(Message("The %(column)s “%(key)s” also appears on row %(rows)s.", column=key_label, key=key,
                                        rows=[n for n in dup_rows if n != number]))
            if problems or status in (RowResult.IMPORT_TYPE_ERROR, RowResult.IMPORT_TYPE_INVALID):
                status = "invalid"
            report.rows.append(RowReport(number=number, key=key, status=status, problems=problems,
                                         changes=_changes(labels, resource, row_result, dataset.headers)))
        if apply and report.ok:
            counts = report.counts
            audit.record(
                actor, spec.audit_action, spec.audit_object(actor),
                to_state=f"{counts['new']}+{counts['update']}",
                reason=Message("Excel import %(file)s: %(new)s new, %(update)s changed, %(skip)s unchanged.",
                               file=filename, **counts),
            )
            report.applied = True
        elif apply:
            transaction.set_rollback(True)
    return report
