"""The other roles' pages in English at 390, 1024, 1366 and 1440 px: none is wider than the screen.

The days check layout on every page where they stand, in Chinese (and in English for the member and the secretary);
this sweep adds English for the other roles' pages (English labels are the wider ones) without clicking through
their workflows again. `language` stays a parameter so Chinese can be swept too when a day no longer covers a page."""

import pytest

from tests.browser.days.conftest import DESKTOP_WIDTHS, PHONE

pytestmark = [pytest.mark.browser]

PAGES = {
    None: ["/", "/windows/", "/windows/XZSP-W1/", "/feedback/new/XZSP-W1/", "/handbook/", "/plaques/", "/announcements/",
           "/feedback/", "/vote/", "/accounts/login/"],
    "unit": ["/", "/staff/windows/", "/staff/windows/new/", "/staff/windows/XZSP-W1/", "/staff/windows/XZSP-W1/markers/",
             "/posts/", "/staff/feedback/", "/staff/plaques/", "/staff/plaques/applications/", "/staff/plaques/apply/",
             "/evaluation/2026/quarters/", "/evaluation/2026/quarters/1/q4/"],
    "committee": ["/dashboard/", "/dashboard/report/2025/", "/evaluation/", "/evaluation/new/", "/evaluation/2026/",
                  "/evaluation/2026/criteria/", "/evaluation/2026/results/", "/evaluation/2026/cards/", "/evaluation/2025/plaques/",
                  "/organisations/", "/audit/", "/staff/plaques/applications/", "/staff/feedback/summary/"],
    "admin": ["/members/", "/excel/members/import/", "/members/new/"],
}


def too_wide(page):
    found = {}
    for width in (PHONE["width"], *DESKTOP_WIDTHS):
        page.set_viewport_size({"width": width, "height": 900})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            found[width] = scroll_width
    return found


@pytest.mark.parametrize("screen", ["desktop"], indirect=True)
@pytest.mark.parametrize("language", ["en"])
@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "citizen")
def test_no_page_is_wider_than_the_screen(tour, role, language):
    if role:
        tour.login(role)
    tour.go("/")
    if language == "en":
        tour.switch_language("English")
    failures = {}
    for path in PAGES[role]:
        tour.go(path)
        assert tour.page.locator("h1").count() >= 1, path
        if wide := too_wide(tour.page):
            failures[path] = wide
    assert not failures, f"wider than the screen ({role or 'citizen'}, {language}): {failures}"
