"""Printing: every document names its page size, so the handbook's A5 no longer shrinks the others."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PRINT_CSS = (Path(settings.BASE_DIR) / "static" / "css" / "print.css").read_text()


def page_sizes() -> dict[str, str]:
    return {name.strip() or "": size.strip() for name, size in re.findall(r"@page\s*([\w-]*)\s*\{\s*size:\s*([^;]+);", PRINT_CSS)}


def test_each_document_has_its_own_page_size():
    assert page_sizes() == {
        "": "A4", "booklet": "A5", "markers-a4": "A4", "markers-a5": "A5 landscape", "markers-a6": "A6 landscape",
        "vote-cards": "A4", "report": "A4",
    }
    for selector, page in [("body.booklet main", "booklet"), (".vote-cards", "vote-cards"), ("body.dash-report main", "report")]:
        assert re.search(re.escape(selector) + r"\s*\{[^}]*page:\s*" + page, PRINT_CSS), selector


@pytest.mark.parametrize(("query", "body_class"), [("", "markers-a4"), ("?size=a5", "markers-a5"), ("?size=a6", "markers-a6"),
                                                   ("?size=a3%22onload", "markers-a4")])
def test_the_markers_print_at_the_chosen_size(client_for, window_a, secretary, query, body_class):
    html = client_for(secretary).get(reverse("posts:window_markers", args=["WA"]) + query).content.decode()
    assert f'<body class="markers {body_class}">' in html
