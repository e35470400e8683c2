"""The committee's day: opens next year and edits its criteria, reviews a plaque application, issues vote cards,
closes this year's assessment, reviews and publishes the results and sees the plaques change."""

import re

import pytest

from evaluation.models import EvaluationYear, Result, TokenBatch
from posts.models import PlaqueApplication, PlaqueRecord
from tests.browser.choices import choose_containing
from tests.browser.job_page import follow_job, wait_for_job

pytestmark = [pytest.mark.browser]


def committee_day(tour):
    page = tour.page
    tour.role = "committee"
    tour.login("committee")
    tour.check()
    tour.go("/dashboard/")
    tour.check("dashboard")

    # Next year is opened while this one is still being assessed; its criteria start as a copy.
    tour.go("/evaluation/")
    tour.check()
    tour.click("main a[href$='/evaluation/new/']")
    tour.check()
    page.fill("input[name=year]", "2027")
    tour.click("main form [type=submit]")
    tour.check()
    tour.click("main a[href$='/2027/criteria/']")
    tour.check("criteria")
    tour.click("main a[href*='/2027/criteria/']:is([href$='/'])")
    tour.check()
    page.fill("textarea[name=text], input[name=text]", "党组织建立先锋岗创建领导小组,年初有计划、年末有总结。")
    tour.click("main form [type=submit]")
    tour.check()
    assert EvaluationYear.objects.get(year=2027).criteria.filter(text__startswith="党组织建立先锋岗创建领导小组").exists()

    # A plaque application waits for the preliminary review; a rejection needs a reason, and the form says so.
    tour.go("/staff/plaques/applications/?status=submitted")
    tour.check()
    tour.click("main table a")
    tour.check()
    application = PlaqueApplication.objects.get(pk=int(re.search(r"/applications/(\d+)/", page.url).group(1)))
    page.check("input[name=decision][value=reject]")
    tour.click("main form [type=submit]")
    assert page.evaluate("document.activeElement.name") == "note", "focus moves to the field with the error"
    tour.check()
    page.check("input[name=decision][value=approve]")
    page.fill("textarea[name=note]", "创建条件基本具备,同意挂“争创共产党员先锋岗”牌子。")
    tour.click("main form [type=submit]")
    tour.check()
    application.refresh_from_db()
    assert application.status == PlaqueApplication.Status.APPROVED

    # Vote cards for one window: the codes are shown once, to print.
    tour.go("/evaluation/2026/cards/")
    tour.check()
    batches = TokenBatch.objects.count()
    choose_containing(page, "select[name=window]", "帮办代办服务窗口")
    page.fill("input[name=size]", "8")
    tour.click("main form [type=submit]")
    tour.check("vote-cards-printed")
    assert TokenBatch.objects.count() == batches + 1
    assert page.locator(".vote-card").count() == 8

    # The year-end: close the assessment, approve every result with one score, publish, decide next year's plaques.
    tour.go("/evaluation/2026/")
    tour.check()
    # Each step that cannot be taken back first shows a page saying what it will do.
    tour.click("main a[href$='/phase/review/']")
    tour.check()
    tour.click("main form[action$='/phase/review/'] button")
    tour.check()
    tour.click("main a[href$='/2026/results/']")
    tour.check("results")
    page.locator("main details summary").click()
    page.fill("input[name=committee_score]", "90")
    # Each year-end move runs as a job: its page shows the progress, then the way on.
    tour.click("main form[action$='/approve-remaining/'] [type=submit]")
    tour.check()
    assert wait_for_job(page) == "已完成"
    tour.check()
    assert not Result.objects.filter(year__year=2026, status=Result.Status.OPEN).exists()
    follow_job(page)
    assert page.url.endswith("/evaluation/2026/results/")
    tour.check()
    tour.go("/evaluation/2026/")
    tour.click("main a[href$='/phase/publish/']")
    tour.check()
    assert "将公布" in page.locator("[data-testid=confirm-form]").inner_text()
    tour.click("main form[action$='/phase/publish/'] button")
    tour.check()
    assert wait_for_job(page) == "已完成"
    follow_job(page)
    tour.check()
    tour.click("main a[href$='/plaques/decide/']")
    tour.check()
    tour.click("main form[action$='/plaques/decide/'] button")
    tour.check()
    assert wait_for_job(page) == "已完成"
    follow_job(page)
    tour.check("plaque-decisions")
    assert page.locator("[data-testid^=plaque-]").count() >= 1

    # The public register of next year shows the change.
    tour.go("/plaques/?year=2027")
    tour.check()
    before = dict(PlaqueRecord.objects.filter(year=2026).values_list("window_id", "level"))
    changed = [p for p in PlaqueRecord.objects.filter(year=2027).select_related("window") if before.get(p.window_id) != p.level]
    assert changed, "the year's results changed at least one window's plaque"
    entry = page.locator("[data-testid=register] li", has_text=changed[0].window.name)
    assert changed[0].get_level_display() in entry.inner_text()


def test_a_committee_staff_day(tour):
    committee_day(tour)
