"""A citizen's day, without an account: scans a window's QR code, reads the handbook, complains and follows the
complaint by its tracking code, objects to a publication, votes with a card once and is refused the second time."""

import re

import pytest

from evaluation.models import Ballot
from posts.models import Feedback
from tests.browser.choices import choose_containing

pytestmark = [pytest.mark.browser]


def print_vote_cards_in_the_committees_office(committee, window_name):
    """The committee prints the cards (its own browser); the citizen gets one at the window."""
    committee.login("committee")
    committee.go("/evaluation/2026/cards/")
    choose_containing(committee.page, "select[name=window]", window_name)
    committee.page.fill("input[name=size]", "2")
    committee.click("main form [type=submit]")
    return committee.page.locator(".vote-card-code").first.inner_text().strip()


def citizen_day(tour, second_tour):
    page = tour.page
    tour.role = "citizen"

    # The QR code on the window's marker carries its stable public address.
    tour.go("/windows/XZSP-W1/")
    tour.check("window")
    assert page.locator("h1").inner_text() == "企业开办一窗通办窗口"
    tour.click("main a[href='/handbook/']")
    tour.check("handbook")
    assert "企业开办一窗通办窗口" in tour.main_text()

    tour.go("/windows/XZSP-W1/")
    tour.click("[data-testid=feedback-button]")
    tour.check()
    page.check("input[name=kind][value=complaint]")
    page.fill("textarea[name=text]", "周四下午取号后等了五十分钟,窗口只开了一个。")
    page.fill("input[name=contact_phone]", "13900002222")
    tour.click("main form [type=submit]")
    tour.check("complaint-sent")
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert Feedback.objects.filter(tracking_code=code.replace("-", "").replace(" ", "")).exists() or re.fullmatch(r"[A-Z2-9 -]{12,}", code)

    tour.go("/feedback/")
    tour.check()
    page.fill("input[name=code]", code.lower())
    tour.click("main form button")
    tour.check()
    assert "五十分钟" in page.locator("[data-testid=feedback-text]").inner_text()

    # A publication in its notice period takes objections from anyone.
    tour.go("/announcements/")
    tour.check()
    tour.click("main .list-group a")
    tour.check()
    page.fill("textarea[name=text]", "建议公示代办岗的联系电话。")
    tour.click("#object [type=submit]")
    tour.check()
    assert page.locator("[data-testid=tracking-code]").inner_text().strip()

    card = print_vote_cards_in_the_committees_office(second_tour, "企业开办一窗通办窗口")
    ballots = Ballot.objects.count()
    # The card's QR code opens the vote page with the code in the fragment, which never reaches the server's logs.
    tour.go(f"/vote/#{card}")
    tour.check("vote")
    page.check("input[name=rating][value=very_satisfied]")
    tour.click("#vote-form [type=submit]")
    tour.check()
    assert Ballot.objects.count() == ballots + 1

    # Someone else picks the used card up and types its code.
    tour.go("/vote/")
    page.fill("#id_token", card)
    page.check("input[name=rating][value=satisfied]")
    tour.click("#vote-form [type=submit]")
    tour.check()
    assert "已使用" in tour.main_text()
    assert Ballot.objects.count() == ballots + 1


def test_a_citizens_day(tour, second_tour):
    citizen_day(tour, second_tour)
