"""Excel in and out: one streaming writer for every export, one safe reader for every import.

Exports are small classes (style habit 12): `columns`, a `rows()` generator and
the shared writer below, which uses openpyxl's write-only mode so memory stays
flat however many rows there are. Uploads are checked before openpyxl sees
them: size, zip structure, uncompressed size (zip bombs) and content type.
"""

from __future__ import annotations

import datetime
import re
import tempfile
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, QueryDict
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.dimensions import ColumnDimension

from pioneer.errors import Refusal
from pioneer.words import Message

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Characters that make Excel (and LibreOffice) treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

# Upload limits; settings may override them.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 50_000


def limit(name: str) -> int:
    return int(getattr(settings, f"EXCEL_{name}", globals()[name]))


def escape_formula(value):
    """Make user text that Excel would run as a formula inert; numbers and dates pass as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def inert_text(value: str) -> str:
    """Text a worksheet can hold and Excel will not run: no formula, none of the control characters openpyxl refuses."""
    if not value.isprintable():
        # A pasted ESC or BEL in a name would otherwise make the whole export fail.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return escape_formula(value)


def unescape_formula(value):
    """Undo `escape_formula`, so an exported file imports back unchanged."""
    if isinstance(value, str) and len(value) > 1 and value[0] == ESCAPE and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def excel_value(value):
    """A Python value as Excel should store it: text escaped, aware datetimes in local time."""
    if isinstance(value, str):
        return inert_text(value)
    if isinstance(value, Promise):
        return inert_text(str(value))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    return value


def content_disposition(filename: str) -> str:
    """An attachment header any browser reads, Chinese names included (RFC 6266 / RFC 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", filename.encode("ascii", "ignore").decode()).strip("_") or "export.xlsx"
    if not ascii_name.endswith(".xlsx") and filename.endswith(".xlsx"):
        ascii_name += ".xlsx"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@dataclass(frozen=True)
class Column:
    """One column of a workbook: a stable key, a translatable header and a width in characters."""

    key: str
    label: str | Promise
    width: int = 12
    required: bool = False
    export_only: bool = False


class XlsxExporter:
    """Write `rows()` under a header of `columns` to an .xlsx file, streaming."""

    columns: list[Column] = []
    sheet_title = gettext_lazy("Sheet")
    filename_stem = "export"

    def rows(self):
        raise NotImplementedError

    def headers(self) -> list[str]:
        return [str(c.label) for c in self.columns]

    def filename(self) -> str:
        return f"{self.filename_stem}-{timezone.localdate():%Y%m%d}.xlsx"

    def count(self) -> int | None:
        """How many rows the export will have, cheaply (one COUNT); None when unknown: then it is always sent at once."""
        return None

    def write(self, fileobj, progress=None) -> None:
        """Write the workbook; `progress(rows_written)` is called every PROGRESS_EVERY rows."""
        rows = self.rows() if progress is None else _counted(self.rows(), progress)
        write_workbook(fileobj, str(self.sheet_title), self.columns, self.headers(), rows)

    def response(self) -> FileResponse:
        """Write the workbook to a spooled temporary file and send it; the rows never sit in memory together."""
        buffer = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)
        self.write(buffer)
        buffer.seek(0)
        response = FileResponse(buffer, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(self.filename())
        response["Cache-Control"] = "private, no-store"
        return response


PROGRESS_EVERY = 1000


def _counted(rows, progress):
    for number, row in enumerate(rows, 1):
        yield row
        if number % PROGRESS_EVERY == 0:
            progress(number)


def _row_tags(data: bytes) -> int:
    return data.count(b"<row ") + data.count(b"<row>")


def count_rows(fileobj) -> int:
    """About how many rows the first sheet has, without parsing them: its `<row` tags."""
    try:
        reader = _FirstSheetReader(fileobj, read_only=True)
        reader.read_manifest()
        reader.read_workbook()
        found = reader.first_sheet()
        reader.archive.close()
        if found is None:
            return 0
        with zipfile.ZipFile(fileobj) as archive, archive.open(found[1].target) as xml:
            count, tail = 0, b""
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                count += _row_tags(data) - _row_tags(tail)  # a tag in the overlap was counted last time
                tail = data[-5:]
            return count
    except (KeyError, zipfile.BadZipFile):
        return 0
    finally:
        fileobj.seek(0)


_BOLD = Font(bold=True)


def write_workbook(fileobj, title: str, columns, headers, rows) -> None:
    """The one writer: write-only workbook, bold frozen header, widths, escaped text, dates as dates."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31] or "Sheet")
    ws.freeze_panes = "A2"
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter] = ColumnDimension(ws, index=letter, width=column.width)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=inert_text(text))
        cell.font = _BOLD
        header_cells.append(cell)
    ws.append(header_cells)
    append = ws.append
    triggers = frozenset(FORMULA_TRIGGERS)
    for row in rows:
        # Plain printable text is most cells: pass it inline, hand anything else to excel_value().
        append([(v if v.isprintable() and v[:1] not in triggers else inert_text(v)) if type(v) is str else excel_value(v) for v in row])
    wb.save(fileobj)


# ---------------------------------------------------------------- the export registry

class ScopedExporter(XlsxExporter):
    """An export built for one user: its rows come only from what that user may see now.

    `query` (a QueryDict: the request's GET, or the one a job stored) may narrow the rows, as a list page's
    filters do; it never widens them, because every queryset starts from the user's own scope. `count()`
    says how many rows there will be (one COUNT), so a large export runs as a job (members/views_excel.py).
    """

    # Served at /excel/<code>/export/; False when the app serves it at a URL of its own (the results, under their year).
    excel_url = True

    def __init__(self, user, query: QueryDict | None = None):
        self.user = user
        self.query = query if query is not None else QueryDict()


# code -> an exporter class built from the user and the request's query (`Exporter(user, query)`), served at
# /excel/<code>/export/ as the URL `members:excel:<code>_export` (unless its `excel_url` is False); a large one is
# rebuilt the same way, from its starter, by the export job. Apps register theirs from `AppConfig.ready()`,
# before the URLs are built.
EXPORTS: dict[str, type[ScopedExporter]] = {}


def register_export(code: str, exporter_class: type[ScopedExporter]) -> None:
    if EXPORTS.get(code, exporter_class) is not exporter_class:
        raise ImproperlyConfigured(f"Two Excel exports are registered as {code!r}.")
    if exporter_class.count is XlsxExporter.count:
        # Without a count a large export would be written inside the request, whatever its size.
        raise ImproperlyConfigured(f"The Excel export {code!r} must say how many rows it has (count()).")
    EXPORTS[code] = exporter_class


def register_exports(exporters: dict[str, type[ScopedExporter]]) -> None:
    for code, exporter_class in exporters.items():
        register_export(code, exporter_class)


# ---------------------------------------------------------------- reading


def check_upload(fileobj, name: str = "") -> None:
    """Refuse anything that is not a reasonable .xlsx before openpyxl parses it: a `Refusal` says why."""
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    fileobj.seek(0)
    if size > limit("MAX_UPLOAD_BYTES"):
        raise Refusal(Message("The file is too large (%(size)s MB); the limit is %(limit)s MB.",
                              size=round(size / 1024 / 1024, 1), limit=round(limit("MAX_UPLOAD_BYTES") / 1024 / 1024, 1)))
    head = fileobj.read(8)
    fileobj.seek(0)
    if name and not name.lower().endswith(".xlsx"):
        raise Refusal(Message("Please upload an Excel workbook (.xlsx)."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refusal(Message("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx."))
    if not head.startswith(b"PK\x03\x04"):
        raise Refusal(Message("This file is not an Excel workbook (.xlsx), whatever its name says."))
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile as exc:
        raise Refusal(Message("This file is not an Excel workbook (.xlsx), whatever its name says.")) from exc
    with archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise Refusal(Message("This file is not an Excel workbook (.xlsx), whatever its name says."))
        total = 0
        for info in archive.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > limit("MAX_UNCOMPRESSED_BYTES") or (info.file_size > 1024 * 1024 and ratio > limit("MAX_COMPRESSION_RATIO")):
                raise Refusal(Message("The workbook unpacks to far more data than a roster holds; it was refused."))
    fileobj.seek(0)


class _UnsizedSheet(ReadOnlyWorksheet):
    def _get_size(self):
        """Left unknown. A sheet that declares no size (a streamed export declares none) would otherwise be read
        to its end once just to learn it, before its rows are read to their end anyway."""


class _FirstSheetReader(ExcelReader):
    """openpyxl's reader, keeping only the first worksheet: the one an import reads."""

    def first_sheet(self):
        """(sheet, relationship) of the first worksheet, or None."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                return sheet, rel
        return None

    def read_worksheets(self):
        found = self.first_sheet()
        if found is not None:
            sheet, rel = found
            self.wb._sheets.append(_UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings))


def load_rows(fileobj):
    """Open a checked upload read-only and yield the first sheet's rows as tuples of values."""
    reader = _FirstSheetReader(fileobj, read_only=True, data_only=True)
    reader.read()
    wb = reader.wb
    try:
        ws = wb.worksheets[0]
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()


def labels_in_all_languages(label) -> set[str]:
    """A column header as it reads in every language we offer, for matching uploaded headers."""
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(normalise_header(str(label)))
    return names


def normalise_header(text) -> str:
    return re.sub(r"\s+", "", str(text or "")).strip("*＊").lower()


def parse_date(value) -> datetime.date:
    """A date from an Excel cell: a real date, or text in ISO or Chinese form (2026年3月5日)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    formats = list(get_format("DATE_INPUT_FORMATS", lang="zh-hans")) + ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d"]
    for fmt in formats:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(Message("“%(value)s” is not a date; write 2026-03-05 or 2026年3月5日.", value=text))
