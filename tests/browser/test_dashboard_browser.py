"""The dashboards in a real browser: a branch secretary reads the charts on a phone and prints them."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chart_text_heights(page):
    """The size each chart text is drawn at on screen, in px: its font size times the SVG's scale."""
    return page.eval_on_selector_all("svg.chart text", "els => els.map(e => e.getScreenCTM().a * parseFloat(e.getAttribute('font-size')))")


def test_a_secretary_can_read_the_dashboard_charts_on_a_phone(live_server, page, login_in_browser, secretary, member):
    page.set_viewport_size({"width": 390, "height": 844})
    login_in_browser("secretary")
    page.goto(f"{live_server.url}/dashboard/org/{member.branch_id}/")
    heights = chart_text_heights(page)
    assert heights, "the dashboard shows charts"
    # 12-unit text in a 560-unit chart: shrunk to a 334 px card it was 7 px high; now it stays readable.
    assert min(heights) >= 9.5
    # The page itself does not scroll sideways: only a chart inside its card does.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # On paper the charts fit the page again.
    page.emulate_media(media="print")
    assert page.eval_on_selector("svg.chart", "e => e.getBoundingClientRect().width") <= 390
