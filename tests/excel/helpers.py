"""Workbooks for tests: read a response back cell by cell, or build an upload."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook


def read_back(response):
    """The first sheet of a downloaded workbook as a list of rows (tuples of cell values)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(io.BytesIO(content))
    return wb.worksheets[0]


def rows_of(response):
    return [tuple(c.value for c in row) for row in read_back(response).iter_rows()]


def workbook_bytes(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(rows=None, content=None, name="名册.xlsx"):
    return SimpleUploadedFile(name, content if content is not None else workbook_bytes(rows),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def preview_of(client, response):
    """Follow an upload to its preview page: the job page's JSON names the page once the preview job is done."""
    assert response.status_code == 302, response.content.decode()[:2000]
    job_page = response["Location"]
    assert job_page.startswith("/jobs/"), job_page
    status = client.get(f"{job_page}status.json").json()
    assert status["finished"] and status["next_url"], status
    return client.get(status["next_url"])
