"""A unit secretary's day: sets up a window and its service guide, prints the post markers, answers and concludes
a complaint, applies for a plaque and reports the quarter's activity."""

import pytest

from posts.models import Feedback, Window

pytestmark = [pytest.mark.browser]

GUIDE = {
    "service_items": "工程建设项目审批全流程代办、联合验收预约",
    "service_targets": "辖区重点项目业主",
    "service_content": "材料预审、代办申报、进度跟踪",
    "service_procedure": "预约 → 材料预审 → 代办申报 → 办结告知",
    "commitments": "首问负责、一次告知、限时办结",
}


def unit_secretary_day(tour):
    page = tour.page
    tour.role = "unit"
    tour.login("unit")
    tour.check()
    tour.go("/staff/windows/")
    tour.check("windows")

    tour.click("main a[href$='/staff/windows/new/']")
    tour.check()
    page.select_option("select[name=organisation]", index=1)
    page.fill("input[name=code]", "XZSP-W9")
    page.fill("input[name=name]", "工程建设项目代办窗口")
    page.fill("input[name=location]", "区行政服务中心三楼D区")
    page.fill("input[name=opening_hours]", "工作日 8:30–17:00")
    page.fill("input[name=phone]", "0574-88102299")
    page.fill("input[name=theme]", "代办到底,服务到家")
    page.fill("textarea[name=commitments]", "零距离、零障碍、零差错、零投诉")
    page.locator("main label", has_text="工程建设项目审批代办岗").click()
    tour.click("main form [type=submit]")
    tour.check("window")
    window = Window.objects.get(code="XZSP-W9")
    assert window.posts.filter(title="工程建设项目审批代办岗").exists()

    # The service guide is each public post's items, targets, content, procedure and commitments.
    tour.go("/posts/")
    tour.check()
    tour.click(page.locator("main a", has_text="工程建设项目审批代办岗"))
    tour.click("main a[href$='/edit/']")
    tour.check()
    for field, text in GUIDE.items():
        page.fill(f"textarea[name={field}]", text)
    tour.click("main form [type=submit]")
    tour.check()
    tour.go("/windows/XZSP-W9/")
    tour.check()
    assert "联合验收预约" in tour.main_text()

    # The markers page is the print sheet: one card per member on duty, with the window's QR code.
    tour.go("/staff/windows/XZSP-W9/")
    tour.click("main a[href$='/markers/']")
    tour.check("markers")
    assert page.locator(".marker-card").count() >= 1
    page.emulate_media(media="print")
    assert page.locator("nav.navbar").is_hidden()
    page.emulate_media(media="screen")

    # The overdue complaint: answer first, then conclude it.
    tour.go("/staff/feedback/")
    tour.check()
    tour.click("main tr.overdue a")
    tour.check("feedback-case")
    case = Feedback.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    page.fill("form[action$='/respond/'] textarea[name=text]", "已调取监控核实,正在与当班人员谈话。")
    tour.click("form[action$='/respond/'] [type=submit]")
    tour.check()
    page.fill("form[action$='/conclude/'] textarea[name=text]", "情况属实,已批评教育并建立顶岗制度。")
    page.select_option("form[action$='/conclude/'] select[name=upheld]", index=1)
    tour.click("form[action$='/conclude/'] [type=submit]")
    tour.check()
    case.refresh_from_db()
    assert case.status == Feedback.Status.CONCLUDED

    tour.go("/staff/windows/XZSP-W9/")
    tour.click("main a[href*='/staff/plaques/apply/']")
    tour.check()
    page.fill("textarea[name=statement]", "窗口设代办岗1个,2名党员亮身份上岗,公开承诺并建立首问负责制度。")
    tour.click("main form [type=submit]")
    tour.check()
    assert window.plaque_applications.exists()

    # The quarter's activity: one study session, then the report goes in.
    tour.go("/evaluation/2026/quarters/")
    tour.check()
    tour.click("main a[href$='/q4/']")
    tour.check("quarter")
    page.fill("input[name=date]", "2026-11-20")
    page.select_option("select[name=kind]", index=1)
    page.fill("textarea[name=description]", "集中学习窗口服务规范,开展“亮身份、作表率”承诺践诺。")
    page.locator("main input[name=participants]").first.check()
    tour.click("main form:has(textarea[name=description]) [type=submit]")
    tour.check()
    assert "亮身份、作表率" in tour.main_text()
    tour.click("main form[action$='/submit/'] button")
    tour.check()


def test_a_unit_secretarys_day(tour):
    unit_secretary_day(tour)
