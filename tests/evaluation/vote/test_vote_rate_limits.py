"""The vote's rate limits: a hall of citizens on one address can vote; guessing card codes cannot go on."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django_ratelimit.core import is_ratelimited

from evaluation.models import Ballot
from evaluation.vote import services
from pioneer import ratelimits


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def vote(client, code):
    return client.post(reverse("evaluation:vote"), {"token": code, "rating": "satisfied"}, REMOTE_ADDR="10.1.1.1")


def test_one_address_casts_many_valid_votes_beyond_the_failure_limit(client, assessment_year, window_a, committee_staff, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote_failed": "3/m"}
    _batch, codes = services.generate_tokens(committee_staff, year=assessment_year, window=window_a, size=120)
    statuses = [vote(client, code).status_code for code in codes]
    assert statuses == [200] * 120
    assert Ballot.objects.count() == 120


def test_repeated_invalid_cards_get_429_after_the_limit(client, assessment_year, window_a, committee_staff, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote_failed": "3/m"}
    statuses = [vote(client, "ABCD-EFGH-JKLM-NPQR").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # Once refused, even a good card waits: the address is the guesser's, whatever it sends next.
    _batch, (code,) = services.generate_tokens(committee_staff, year=assessment_year, window=window_a, size=1)
    assert vote(client, code).status_code == 429
    assert not Ballot.objects.exists()


def test_another_address_is_not_held_back_by_a_guesser(client, assessment_year, window_a, committee_staff, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote_failed": "2/m"}
    for _ in range(3):
        vote(client, "ABCD-EFGH-JKLM-NPQR")
    _batch, (code,) = services.generate_tokens(committee_staff, year=assessment_year, window=window_a, size=1)
    response = client.post(reverse("evaluation:vote"), {"token": code, "rating": "satisfied"}, REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 200 and Ballot.objects.count() == 1


def test_the_loose_limit_on_all_votes_comes_from_settings(client, assessment_year, window_a, committee_staff, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote": "2/m"}
    _batch, codes = services.generate_tokens(committee_staff, year=assessment_year, window=window_a, size=3)
    assert [vote(client, code).status_code for code in codes] == [200, 200, 429]


def test_the_default_limits_let_a_hall_cast_2000_votes_from_one_address(db):
    """2,000 accepted votes from one address, counted by the decorator's own rate, with 40 mistyped cards among them."""
    request = RequestFactory().post("/vote/", REMOTE_ADDR="10.3.3.3")
    vote_rate = ratelimits.rate("vote")
    limited = 0
    for n in range(2000):
        limited += is_ratelimited(request, group="evaluation.vote", key="ip", rate=vote_rate, increment=True)
        if n % 50 == 0:
            ratelimits.count_failure(request, "vote_failed")
        limited += ratelimits.exceeded(request, "vote_failed")
    assert limited == 0
