"""Server-side PDFs with WeasyPrint, which reads nothing but our own static files.

Intranets have no internet, and a page that names an outside address must not make the server fetch it:
the fetcher serves files under STATIC_URL (from the finders, else STATIC_ROOT) and `data:` URIs, and
refuses everything else, so a stray link costs a missing picture, never a request.
"""

import mimetypes
from pathlib import Path

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


def _fetcher():
    # Imported here: WeasyPrint loads pango when imported, and only the PDF jobs need it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            # Only data: URIs reach urllib; static files are read from disk below.
            super().__init__(allowed_protocols={"data"})

        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is not None:
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            if url.startswith("data:"):
                return super().fetch(url, headers)
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
