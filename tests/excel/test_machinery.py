"""pioneer/excel.py: escaping, file names, upload checks, dates."""

import datetime
import io
import zipfile

import pytest

from pioneer import excel
from pioneer.errors import Refusal
from tests.excel.helpers import workbook_bytes


@pytest.mark.parametrize("text", ["=1+1", "+86 138 0013 8000", "-2", "@SUM(A1)", "=HYPERLINK(\"http://x\")"])
def test_formula_text_is_escaped_and_unescaped(text):
    escaped = excel.escape_formula(text)
    assert escaped == "'" + text
    assert excel.unescape_formula(escaped) == text


@pytest.mark.parametrize("value", [12, -3, 2.5, datetime.date(2026, 3, 5), None, "plain 文本", "", "13800138000"])
def test_numbers_dates_and_plain_text_pass_unchanged(value):
    assert excel.escape_formula(value) == value


def test_aware_datetimes_are_written_in_local_time():
    aware = datetime.datetime(2026, 3, 5, 1, 30, tzinfo=datetime.UTC)
    assert excel.excel_value(aware) == datetime.datetime(2026, 3, 5, 9, 30)


def test_a_chinese_file_name_is_safe_in_the_header():
    header = excel.content_disposition("党员名册-20260305.xlsx")
    assert header.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C-20260305.xlsx" in header
    header.encode("latin-1")  # only ASCII goes over the wire


@pytest.mark.parametrize("typed", ["2026-03-05", "2026年3月5日", "2026/3/5", datetime.datetime(2026, 3, 5), datetime.date(2026, 3, 5)])
def test_dates_are_read_in_iso_and_chinese_forms(typed):
    assert excel.parse_date(typed) == datetime.date(2026, 3, 5)


def test_a_nonsense_date_is_explained():
    with pytest.raises(ValueError, match="2026年3月5日"):
        excel.parse_date("2026年13月45日")


def _refusal(content, name="名册.xlsx"):
    with pytest.raises(Refusal) as info:
        excel.check_upload(io.BytesIO(content), name)
    return str(info.value)


def test_a_real_workbook_passes():
    excel.check_upload(io.BytesIO(workbook_bytes([["a"]])), "a.xlsx")


def test_a_csv_renamed_to_xlsx_is_refused_by_its_content():
    assert "不是 Excel 工作簿" in _refusal("编号,姓名\n1,张三\n".encode())


def test_an_old_xls_file_is_refused_with_advice():
    assert ".xls" in _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "不是 Excel 工作簿" in _refusal(buffer.getvalue())


def test_the_wrong_extension_is_refused():
    assert ".xlsx" in _refusal(workbook_bytes([["a"]]), name="名册.csv")


def test_an_oversized_upload_is_refused(settings):
    settings.EXCEL_MAX_UPLOAD_BYTES = 1000
    assert "太大" in _refusal(workbook_bytes([["x" * 50] for _ in range(200)]))


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    assert "解压" in _refusal(buffer.getvalue())


def test_a_highly_compressed_member_is_refused_even_under_the_total(settings):
    settings.EXCEL_MAX_COMPRESSION_RATIO = 50
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (5 * 1024 * 1024))
    assert "解压" in _refusal(buffer.getvalue())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_import_reads_its_own_exported_headers_back_to_their_columns(language):
    # An exported header (a label) that reads as another column's key would make the file unreadable in that language.
    from django.utils import translation

    from members import imports

    assert {"members", "organisations", "windows", "posts"} <= set(imports.SPECS)
    for spec in imports.SPECS.values():
        lookup = imports._header_lookup(spec.columns)
        with translation.override(language):
            for column in spec.columns:
                assert lookup[excel.normalise_header(str(column.label))] is column, (spec.code, column.key)


def test_the_apps_register_their_exports_and_imports_from_ready():
    from django.core.exceptions import ImproperlyConfigured

    from members import imports
    from posts.exports import PostExporter

    assert set(excel.EXPORTS) == {"posts", "assignments", "windows", "handbook", "feedback", "plaques", "quarterly", "results"}
    assert set(imports.SPECS) == {"members", "organisations", "windows", "posts"}
    excel.register_export("posts", PostExporter)  # the same class again (ready() run twice) is harmless
    with pytest.raises(ImproperlyConfigured, match="Two Excel exports"):
        excel.register_export("posts", excel.XlsxExporter)
    # An export that cannot say its size would be written inside the request however large it grew.
    with pytest.raises(ImproperlyConfigured, match="how many rows"):
        excel.register_export("uncounted", excel.ScopedExporter)
    assert "uncounted" not in excel.EXPORTS


@pytest.mark.parametrize("write_only", [True, False])
def test_count_rows_reads_the_size_without_parsing_even_from_a_streamed_file(write_only):
    import io

    from openpyxl import Workbook

    from pioneer.excel import count_rows

    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet() if write_only else wb.active
    for i in range(1201):
        ws.append([i, "<row >"])  # text that looks like a tag is escaped in the XML and not counted
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    assert count_rows(buffer) == 1201
    assert buffer.tell() == 0


@pytest.mark.parametrize("write_only", [True, False])
def test_load_rows_gives_the_first_sheets_rows_as_openpyxl_reads_them(write_only):
    import datetime
    import io

    from openpyxl import Workbook, load_workbook

    from pioneer.excel import load_rows

    wb = Workbook(write_only=write_only)
    first = wb.create_sheet("名册") if write_only else wb.active
    for values in (["编号", "姓名", "日期"], ["A1", "李娜", datetime.date(1988, 3, 5)], [], ["A2", None], [3, 1.5, True, "=1+1"]):
        first.append(values)
    wb.create_sheet("other").append(["not", "this", "one"])
    buffer = io.BytesIO()
    wb.save(buffer)
    expected = [tuple(v for v in row) for row in load_workbook(io.BytesIO(buffer.getvalue()), read_only=True, data_only=True)
                .worksheets[0].iter_rows(values_only=True)]
    read = list(load_rows(io.BytesIO(buffer.getvalue())))
    # openpyxl pads every row to the declared width when the sheet declares one; we read rows as they are stored.
    assert [tuple(v for v in row if v is not None) for row in read] == [tuple(v for v in row if v is not None) for row in expected]
    assert read[1] == ("A1", "李娜", datetime.datetime(1988, 3, 5))
    assert "not" not in {v for row in read for v in row}
