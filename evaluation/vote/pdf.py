"""Vote cards as one A4 PDF: 8 cards a sheet, each with its window, QR code and typed code; any number of windows.

At a city's 20,000 cards the time goes to the layout engine (WeasyPrint), so each card is made cheap for it
(three times cheaper than an SVG QR code in a CSS grid):
- the QR code is a PNG of one pixel per module, drawn without smoothing so it stays sharp, written here as
  8-bit grey, which the engine embeds without converting it (an SVG is parsed and drawn module by module);
- the sheet is a table (the engine's grid layout costs more);
- the QR mask is fixed (choosing the best of eight is three quarters of the encoder's time; every mask decodes).
The layout runs SHEETS_PER_PART sheets at a time, so memory stays bounded (a few hundred MB, where one
document of 20,000 cards would take gigabytes) and the job's bar moves; the parts are joined into one file.
"""

import base64
import struct
import zlib
from urllib.parse import urlencode

import segno
from django.template.loader import render_to_string

from evaluation.vote.services import format_token
from pioneer.pdf import join_pdfs, render_pdf

CARDS_PER_SHEET = 8
SHEETS_PER_PART = 250
# The mask the encoder picks most often for a card's address (version 5, level M).
QR_MASK = 4
QUIET_ZONE = 4  # light modules around the code, as the standard asks
# A module's value (1 dark, 0 light) to its grey level.
GREY = bytes([255, 0]) + bytes(254)


def card_address(vote_url: str, window_code: str, code: str) -> str:
    """The QR code's address: the window in the query (so the page names it before the vote), the code in the fragment."""
    return f"{vote_url}?{urlencode({'w': window_code})}#{code}"


def qr_png(data: str) -> str:
    """The QR code as a data URI of an 8-bit grey PNG, one pixel per module (the layout engine takes it as it is)."""
    matrix = segno.make(data, error="m", micro=False, mask=QR_MASK).matrix
    size = len(matrix) + 2 * QUIET_ZONE
    light, pad = b"\xff" * size, b"\xff" * QUIET_ZONE
    rows = [light] * QUIET_ZONE + [pad + bytes(row).translate(GREY) + pad for row in matrix] + [light] * QUIET_ZONE
    # Each PNG row starts with its filter type (0: none).
    idat = zlib.compress(b"".join(b"\x00" + row for row in rows))
    png = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack("!IIBBBBB", size, size, 8, 0, 0, 0, 0))
           + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))


def sheets_of(runs, vote_url: str):
    """Each window's cards on sheets of their own (cut apart, a window's cards stay together): lists of card dicts."""
    for batch, codes in runs:
        window = batch.window
        for start in range(0, len(codes), CARDS_PER_SHEET):
            yield [
                {"code": format_token(code), "qr": qr_png(card_address(vote_url, window.code, code)), "window": window.name}
                for code in codes[start:start + CARDS_PER_SHEET]
            ]


def cards_pdf(runs, *, vote_url: str, progress=None) -> bytes:
    """`runs`: (batch, codes) pairs, as the services return them.

    `progress(cards done, cards in all)` after each step of each part (parsed, laid out, written): a part of
    2,000 cards takes seconds, so the job's bar moves and its heartbeat stays fresh.
    """
    total = sum(len(codes) for _batch, codes in runs)
    report = progress or (lambda done, total: None)
    parts, part, done = [], [], 0

    def render():
        nonlocal done
        cards = sum(len(sheet) for sheet in part)
        html = render_to_string("evaluation/vote/token_cards_pdf.html", {"sheets": part, "vote_url": vote_url})
        parts.append(render_pdf(html, progress=lambda step, steps: report(done + cards * step // steps, total)))
        done += cards

    for sheet in sheets_of(runs, vote_url):
        part.append(sheet)
        if len(part) == SHEETS_PER_PART:
            render()
            part = []
    if part or not parts:
        render()
    return join_pdfs(parts)
