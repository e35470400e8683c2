"""Server-side PDFs with WeasyPrint, which reads nothing but our own static files.

Intranets have no internet, and a page that names an outside address must not make the server fetch it:
the fetcher serves files under STATIC_URL (from the finders, else STATIC_ROOT) and `data:` URIs, and
refuses everything else, so a stray link costs a missing picture, never a request.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.staticfiles import finders

# A made-up origin: relative URLs in our templates resolve against it, so the fetcher recognises them.
BASE_URL = "https://pioneer.invalid/"


class Refused(ValueError):
    """WeasyPrint logs a fetcher's error and goes on without the resource."""


def static_path(url: str) -> Path | None:
    prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
    if not url.startswith(prefix):
        return None
    name = url[len(prefix):].split("?", 1)[0].split("#", 1)[0]
    if not name or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / name
        if candidate.is_file():
            return candidate
    return None


def data_uri(url: str) -> tuple[str, bytes]:
    """The type and bytes of a `data:` URI (base64 or percent-encoded)."""
    header, _comma, payload = url[5:].partition(",")
    mime, *options = header.split(";")
    if "base64" in options:
        return mime or "text/plain", base64.b64decode(payload)
    return mime or "text/plain", unquote_to_bytes(payload)


def _fetcher():
    # Imported here: WeasyPrint loads pango when imported, and only the PDF jobs need it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            # Nothing reaches urllib: static files are read from disk, data: URIs decoded, below.
            super().__init__(allowed_protocols={"data"})

        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is not None:
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            if url.startswith("data:"):
                # Read here rather than through urllib, which costs a millisecond a picture (20,000 vote cards).
                mime, body = data_uri(url)
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise Refused(f"not one of our static files: {url[:200]}")

    return StaticOnlyFetcher()


def render_pdf(html: str, *, progress=None) -> bytes:
    """Lay out `html` and return the PDF; `progress(done, 3)` after parsing, layout and writing."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    if progress:
        progress(1, 3)
    laid_out = document.render()
    if progress:
        progress(2, 3)
    pdf = laid_out.write_pdf()
    if progress:
        progress(3, 3)
    return pdf


def join_pdfs(parts: list[bytes]) -> bytes:
    """One PDF of the parts' pages in order (a document laid out in parts keeps the layout engine's memory bounded)."""
    if len(parts) == 1:
        return parts[0]
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
