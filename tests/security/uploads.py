"""Files to upload: well-formed ones for the permission matrix, hostile ones for the bad-input suite."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(rows=(("编号", "姓名"),)):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_upload(content=None, name="名册.xlsx"):
    return SimpleUploadedFile(name, workbook_bytes() if content is None else content, content_type=XLSX)


def png_bytes(size=(40, 40), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def png_upload(content=None, name="photo.png"):
    return SimpleUploadedFile(name, png_bytes() if content is None else content, content_type="image/png")


def zip_bomb_xlsx(inflated=200 * 1024 * 1024):
    """A small .xlsx whose one sheet inflates to `inflated` bytes of zeros (a decompression bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as real:
            for item in real.infolist():
                if item.filename != "xl/worksheets/sheet1.xml":
                    archive.writestr(item, real.read(item))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(inflated // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()
