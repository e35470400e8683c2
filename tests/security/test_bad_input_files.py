"""Hostile uploads: Excel imports, marker photos and quarterly evidence. Each is refused in Chinese before anything is
kept (no row, no stored file), judged by its content rather than its name; a workbook of hostile cells is previewed escaped."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from evaluation.models import Activity, Evidence
from members.models import Member
from posts.models import MemberPhoto
from tests.excel.helpers import preview_of
from tests.security.matrix import snapshot
from tests.security.test_bad_input import HOSTILE, login
from tests.security.uploads import png_bytes, workbook_bytes, xlsx_upload, zip_bomb_xlsx

MB = 1024 * 1024
FORMULA = '=HYPERLINK("http://evil.example/","点我")'
NOT_XLSX = "此文件不是 Excel 工作簿（.xlsx），无论其文件名如何。"


def _zip_without_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "不是工作簿")
    return buffer.getvalue()


WORKBOOKS = {
    "too large": (lambda: xlsx_upload(b"PK\x03\x04" + b"\0" * (5 * MB + 1)), "文件太大（5.0 MB），上限为 5.0 MB。"),
    "random bytes": (lambda: xlsx_upload(os.urandom(4096)), NOT_XLSX),
    "text named .xlsx": (lambda: xlsx_upload("编号,姓名\n1,张三\n".encode()), NOT_XLSX),
    "zip without a workbook": (lambda: xlsx_upload(_zip_without_workbook()), NOT_XLSX),
    "truncated workbook": (lambda: xlsx_upload(workbook_bytes()[:300]), NOT_XLSX),
    "old .xls": (lambda: xlsx_upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "这是旧版 Excel 文件（.xls），请在 Excel 中打开并另存为 .xlsx。"),
    "zip bomb": (lambda: xlsx_upload(zip_bomb_xlsx(8 * MB)), "该工作簿解压后的数据量远超名册应有的大小，已拒绝。"),
    "wrong extension": (lambda: xlsx_upload(name="名册.csv"), "请上传 Excel 工作簿（.xlsx）。"),
}
IMPORTS = [("members", "secretary"), ("organisations", "committee_staff"), ("windows", "unit_secretary"), ("posts", "secretary")]


@pytest.mark.parametrize("case", list(WORKBOOKS))
@pytest.mark.parametrize("code,role", IMPORTS, ids=[i[0] for i in IMPORTS])
def test_a_hostile_workbook_is_refused_before_it_is_kept(world, cast, client, code, role, case):
    make, message = WORKBOOKS[case]
    client = login(client, cast, role)
    before = snapshot()
    response = client.post(reverse(f"members:excel:{code}_upload"), {"file": make()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before, "a refused upload left a file or a row behind"


def test_hostile_cells_in_a_workbook_are_previewed_escaped_and_imported_as_text(world, cast, client, django_capture_on_commit_callbacks):
    client = login(client, cast, "secretary")
    download = client.get(reverse("members:excel:members_template"))
    template = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    headers, example = ([c.value for c in row] for row in template.iter_rows(max_row=2))
    # The template's example row, made hostile: a script for a name, formula text for a position (written as an export
    # writes it; a live formula cell would import as its computed value, never as a formula).
    row = dict(zip(headers, example, strict=True))
    row.update({"党员编号": "A1-901", "姓名": HOSTILE["script"], "职务": "'" + FORMULA, "党支部代码": world.member.branch.code, "党支部": None})
    upload = xlsx_upload(workbook_bytes([headers, [row[h] for h in headers]]))
    # The preview and the apply are jobs, run after the request's commit as with no broker.
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("members:excel:members_upload"), {"file": upload})
    preview = preview_of(client, started)
    assert HOSTILE["script"] not in preview.content.decode()
    assert not preview.context["problem_rows"], preview.context["problem_rows"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:excel:members_apply"), {"job": str(preview.context["job"].pk)})
    kept = Member.objects.get(member_no="A1-901")
    assert (kept.name, kept.position) == (HOSTILE["script"], FORMULA)
    html = client.get(reverse("members:detail", args=[kept.pk])).content.decode()
    assert HOSTILE["script"] not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _noise_png(side):
    return png_bytes() if side is None else _png_of(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)))


def _png_of(image, fmt="PNG"):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


PHOTOS = {
    "over 2 MB": (lambda: _noise_png(1000), "photo.png", "照片太大：不能超过 2 MB。"),
    "text named .png": (lambda: b"just some text, not a picture", "photo.png", "请上传一张有效的图片。"),
    "html named .png": (lambda: b"<html><script>alert(1)</script></html>", "photo.png", "请上传一张有效的图片。"),
    "svg with a script": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "photo.svg",
                          "请上传一张有效的图片。"),
    "gif": (lambda: _png_of(Image.new("RGB", (10, 10)), "GIF"), "photo.gif", "请上传 JPEG 或 PNG 格式的照片。"),
    "huge dimensions": (lambda: _png_of(Image.new("1", (4500, 10))), "photo.png", "照片尺寸过大：每边不能超过 4000 像素。"),
    "truncated png": (lambda: png_bytes()[:60], "photo.png", "请上传一张有效的图片。"),
}


@pytest.mark.parametrize("case", list(PHOTOS))
def test_a_hostile_marker_photo_is_refused_by_its_content(world, cast, client, case):
    make, name, message = PHOTOS[case]
    url = reverse("posts:marker_photo", args=[world.window.code, world.member.pk])
    response = login(client, cast, "unit_secretary").post(url, {"image": SimpleUploadedFile(name, make(), content_type="image/png")})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MemberPhoto.objects.exists()


def test_a_real_photo_is_kept_under_a_name_the_uploader_did_not_choose(world, cast, client):
    url = reverse("posts:marker_photo", args=[world.window.code, world.member.pk])
    upload = SimpleUploadedFile("../../<script>.png", png_bytes(), content_type="image/png")
    assert login(client, cast, "unit_secretary").post(url, {"image": upload}).status_code == 302
    stored = MemberPhoto.objects.get(member=world.member).image.name
    assert stored.startswith("markers/") and "<" not in stored and ".." not in stored


EVIDENCE = {
    "text named .pdf": (b"not a pdf at all", "纪要.pdf", "“纪要.pdf”不是真正的 PDF 文件。"),
    "html named .pdf": (b"<html><script>alert(1)</script></html>", "纪要.pdf", "“纪要.pdf”不是真正的 PDF 文件。"),
    "png named .docx": (png_bytes(), "总结.docx", "“总结.docx”不是真正的 DOCX 文件。"),
    "program": (b"MZ\x90\x00", "setup.exe", "“setup.exe”的文件类型不被接受（仅限 PDF、JPG、PNG、DOCX、XLSX）。"),
    "over 5 MB": (b"%PDF-1.4" + b"\0" * (5 * MB), "大.pdf", "“大.pdf”超过 5 MB。"),
    "markup in the name": (b"%PDF-1.4", "<img src=x onerror=alert(1)>.exe", "“&lt;img src=x onerror=alert(1)&gt;.exe”的文件类型不被接受"),
}


@pytest.mark.parametrize("case", list(EVIDENCE))
def test_hostile_evidence_is_refused_and_the_activity_is_not_kept(world, cast, client, case):
    content, name, message = EVIDENCE[case]
    url = reverse("evaluation:quarter", args=[world.year, world.window.pk, 1])
    data = {"date": f"{world.year}-02-10", "kind": "study", "description": "带附件的活动", "participants": [world.member.pk],
            "evidence": [SimpleUploadedFile(name, content)]}
    response = login(client, cast, "unit_secretary").post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.filter(description="带附件的活动").exists()
    assert Evidence.objects.count() == 1  # the world's own
