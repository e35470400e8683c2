"""A batch of vote cards as an A4 PDF: 8 cards a sheet, each with its QR code and typed code."""

import segno
from django.template.loader import render_to_string

from evaluation.vote.services import format_token
from pioneer.pdf import render_pdf

CARDS_PER_SHEET = 8


def cards_pdf(batch, codes: list[str], *, vote_url: str, progress=None) -> bytes:
    cards = [
        {"code": format_token(code), "qr": segno.make(f"{vote_url}#{code}", error="m").svg_data_uri(scale=3)}
        for code in codes
    ]
    # Sheets are cut in the template, not left to the layout engine: each sheet is one page, whatever the fonts.
    sheets = [cards[i:i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    html = render_to_string("evaluation/vote/token_cards_pdf.html", {"batch": batch, "sheets": sheets, "vote_url": vote_url})
    return render_pdf(html, progress=progress)
