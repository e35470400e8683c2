"""The PDF helpers: data: URIs read without urllib, parts joined in order."""

import io

from pypdf import PdfReader

from pioneer.pdf import data_uri, join_pdfs, render_pdf


def test_data_uris_are_read_in_both_encodings():
    assert data_uri("data:text/plain;base64,5YWa5ZGY") == ("text/plain", "党员".encode())
    assert data_uri("data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E") == ("image/svg+xml", b"<svg/>")
    assert data_uri("data:,A%20B") == ("text/plain", b"A B")


def test_parts_are_joined_into_one_file_in_order():
    parts = [render_pdf(f"<p>第{n}部分</p>" + '<p style="break-before: page">续</p>' * (n - 1)) for n in (1, 2, 3)]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(join_pdfs(parts))).pages]
    assert len(pages) == 6
    assert [text for text in pages if "部分" in text] == ["第1部分", "第2部分", "第3部分"]
    assert join_pdfs(parts[:1]) == parts[0]
