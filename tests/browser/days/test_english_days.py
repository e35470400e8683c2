"""The member's and the secretary's days again in English, switched through the language box: every page must
speak English. Only data (names, organisations, titles and texts people typed) may stay in Chinese."""

import pytest

from tests.browser.days.test_member_day import member_day
from tests.browser.days.test_secretary_day import secretary_day

pytestmark = [pytest.mark.browser]


@pytest.fixture
def english_tour(tour):
    tour.go("/")
    tour.switch_language("English")
    assert tour.language == "en"
    assert tour.page.locator("h1").first.inner_text() == "Communist Party Member Pioneer Post"
    return tour


@pytest.mark.parametrize("screen", ["desktop"], indirect=True)
def test_a_members_day_in_english(english_tour, second_tour):
    member_day(english_tour, second_tour)


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_a_branch_secretarys_day_in_english(english_tour, second_tour):
    secretary_day(english_tour, second_tour, {"in notice": "In public notice", "first batch": "publication 1"})
