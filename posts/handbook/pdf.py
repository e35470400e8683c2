"""A handbook edition as an A5 PDF booklet, its contents with page numbers (WeasyPrint's target-counter)."""

from django.template.loader import render_to_string

from pioneer.pdf import render_pdf
from posts.models import HandbookEdition


def edition_pdf(edition: HandbookEdition, *, progress=None) -> bytes:
    html = render_to_string("posts/handbook/handbook_pdf.html", {"edition": edition, "content": edition.content})
    return render_pdf(html, progress=progress)
