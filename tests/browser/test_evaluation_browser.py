"""In a real browser: a citizen votes with a card, a member writes a self-report, the committee approves,
publishes and decides plaques, and the window's plaque changes on the public page."""

import re

import pytest
from django.utils.translation import gettext

from evaluation.models import Ballot, Phase, Result, VoteToken
from evaluation.review.services import approve_result
from evaluation.sources.services import score_window
from evaluation.vote.services import format_token, generate_tokens
from evaluation.years.services import create_year
from posts.models import PlaqueRecord
from posts.plaques.services import record_plaque
from tests.browser.job_page import follow_job, wait_for_job
from tests.evaluation.conftest import advance, window_a  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_whole_year_end_from_vote_card_to_plaque(live_server, page, login_in_browser, member, committee_staff, unit_secretary, window_a):  # noqa: F811
    from django.core.cache import cache

    cache.clear()  # rate limits are per address, and every test votes from 127.0.0.1
    year = advance(create_year(committee_staff, number=2026), committee_staff, Phase.ASSESSMENT)
    _batch, codes = generate_tokens(committee_staff, year=year, window=window_a, size=2)
    window_result = Result.objects.get(year=year, window=window_a, kind="window")
    score_window(unit_secretary, result=window_result, scores={c.pk: (str(c.max_points), "") for c in year.criteria.all()})
    record_plaque(committee_staff, window=window_a, year=2026, level="striving", source="application", reason="申报通过")

    # A citizen scans the card: the code travels in the fragment and the page's script moves it into the form.
    page.goto(f"{live_server.url}/vote/#{codes[0]}")
    assert page.input_value("#id_token") == codes[0]
    assert "#" not in page.url
    page.check("input[name=rating][value=very_satisfied]")
    page.click("#vote-form [type=submit]")
    assert "感谢您的投票" in page.locator("h1").inner_text()
    assert Ballot.objects.count() == 1 and VoteToken.objects.filter(used=True).count() == 1

    # The typeable fallback: someone types a used code and is told so.
    page.goto(f"{live_server.url}/vote/")
    page.fill("#id_token", format_token(codes[0]))
    page.check("input[name=rating][value=satisfied]")
    page.click("#vote-form [type=submit]")
    assert "已使用" in page.locator("main").inner_text()

    # A member writes the self-report on their phone-sized page.
    page.set_viewport_size({"width": 390, "height": 844})
    login_in_browser("member")
    page.goto(f"{live_server.url}/evaluation/2026/self/")
    page.fill("#id_report", "全年受理群众办件1000余件,零投诉。")
    page.fill("#id_score", "93")
    page.click("form [type=submit]")
    assert "已保存" in page.locator("main").inner_text()
    assert Result.objects.get(year=year, member=member).self_score == 93

    # The committee closes the assessment, approves, publishes and decides the plaques.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    login_in_browser("committee_staff")
    page.goto(f"{live_server.url}/evaluation/2026/")
    page.click("text=结束考评和投票")  # the confirmation page says what closing does; its button acts
    page.click("[data-testid=confirm]")
    assert "党工委审核" in page.locator(".phase-current").inner_text()
    for result in Result.objects.filter(year=year).exclude(pk=window_result.pk):
        approve_result(committee_staff, result=result, committee_score=90)
    page.goto(f"{live_server.url}/evaluation/2026/results/{window_result.pk}/")
    page.fill("#id_committee_score", "96")
    page.click("#approve-form [type=submit]")
    assert Result.objects.get(pk=window_result.pk).status == "approved"
    page.goto(f"{live_server.url}/evaluation/2026/")
    # Publishing and deciding are jobs: each page shows the job done, then leads on.
    page.click("text=公布考评结果")  # the confirmation page, then its button
    page.click("[data-testid=confirm]")
    assert wait_for_job(page) == "已完成"
    follow_job(page)
    assert year.results.filter(status="published").exists()
    page.click("text=作出下一年度挂牌决定")
    page.click("[data-testid=confirm]")
    assert wait_for_job(page) == "已完成"
    follow_job(page)
    plaque = page.locator('[data-testid="plaque-W-A"]')
    assert "共产党员先锋岗" in plaque.inner_text()
    assert re.search(r"授予", plaque.inner_text())

    # The public register shows next year's plaque, upgraded from striving, and keeps this year's.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/plaques/?year=2027")
    entry = page.locator('[data-testid="register"] li', has_text=window_a.name)
    assert str(PlaqueRecord.Level.PIONEER.label) in entry.inner_text()
    assert gettext("Upgraded") in entry.inner_text()
    page.goto(f"{live_server.url}/plaques/?year=2026")
    assert str(PlaqueRecord.Level.STRIVING.label) in page.locator('[data-testid="register"] li', has_text=window_a.name).inner_text()
