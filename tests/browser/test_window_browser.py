"""A citizen with a phone scans a window's QR code, complains, and follows the complaint to its conclusion."""

import re

import pytest

from posts.feedback import services as fs
from posts.models import Feedback
from tests.posts.factories import staffed_window

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.csp_violations = violations
    return page


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_complains_from_the_qr_code_and_sees_it_concluded(live_server, phone, unit_a, branch_a1, unit_secretary):
    from django.core.cache import cache

    cache.clear()
    window = staffed_window(unit_a, branch_a1, code="WA", name="综合受理窗口")
    page = phone
    # The QR code on the marker carries the window's stable public address.
    page.goto(f"{live_server.url}/windows/WA/")
    assert page.locator("h1").inner_text() == "综合受理窗口"
    assert page.locator("[data-testid=on-duty] .duty-card").count() == 2
    assert fits_the_screen(page)

    page.click("[data-testid=feedback-button]")
    page.check("input[name=kind][value=complaint]")
    page.fill("textarea[name=text]", "周二上午窗口无人值守二十分钟，<b>排队很久</b>。")
    page.fill("input[name=contact_phone]", "13800001111")
    assert fits_the_screen(page)
    page.click("form [type=submit]")
    page.wait_for_load_state()

    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{12}", code)
    assert page.locator("[data-testid=status]").inner_text() == "已受理"
    assert "<b>排队很久</b>" in page.locator("[data-testid=feedback-text]").inner_text()  # shown as typed, never as markup
    feedback = Feedback.objects.get(tracking_code=code)
    assert feedback.window == window

    # The unit answers while the citizen keeps the code; the citizen looks it up again.
    fs.respond_to_feedback(unit_secretary, feedback=feedback, text="已收到，正在调取监控核实。")
    page.goto(f"{live_server.url}/feedback/")
    page.fill("input[name=code]", code.lower())
    page.click("form button")
    page.wait_for_load_state()
    assert page.locator("[data-testid=status]").inner_text() == "办理中"
    assert "正在调取监控核实" in page.locator("[data-testid=timeline]").inner_text()

    fs.conclude_feedback(unit_secretary, feedback=feedback, text="情况属实，已批评教育并建立顶岗制度。", upheld=True)
    page.reload()
    assert page.locator("[data-testid=status]").inner_text() == "已办结"
    assert "建立顶岗制度" in page.locator("[data-testid=timeline]").inner_text()
    page.check("input[name=opinion][value=satisfied]")
    page.click("[data-testid=opinion] [type=submit]")
    page.wait_for_load_state()
    assert "感谢您的评价" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    feedback.refresh_from_db()
    assert feedback.satisfied is True
    assert page.csp_violations == []
