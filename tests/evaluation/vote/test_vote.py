"""The anonymous public vote: single-use cards stored as hashes, ballots that point at nobody."""

import datetime
import hashlib
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import Ballot, EvaluationYear, Phase, TokenBatch, VoteToken
from evaluation.results.explanation import vote_summary
from evaluation.vote.services import cast_vote, format_token, generate_tokens
from evaluation.years.services import create_year, start_review
from members.models import AuditEntry
from pioneer.errors import Refusal
from tests.evaluation.conftest import advance, confirm, make_window


@pytest.fixture
def cards(assessment_year, window_a, committee_staff):
    _batch, codes = generate_tokens(committee_staff, year=assessment_year, window=window_a, size=5)
    return codes


def test_cards_are_stored_only_as_hashes(cards):
    stored = set(VoteToken.objects.values_list("token_hash", flat=True))
    assert stored == {hashlib.sha256(code.encode()).hexdigest() for code in cards}
    for code in cards:
        assert not VoteToken.objects.filter(token_hash__icontains=code).exists()
        assert not AuditEntry.objects.filter(reason__icontains=code).exists()


def test_a_batch_whose_cards_fail_to_be_stored_is_not_kept(assessment_year, window_a, committee_staff, monkeypatch):
    """One transaction: a batch without its cards would be counted as printed and could never be voted with."""
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(VoteToken.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        generate_tokens(committee_staff, year=assessment_year, window=window_a, size=5)
    assert not TokenBatch.objects.exists()


def test_a_citizen_votes_once_with_a_card(cards, window_a):
    assert cast_vote(token=format_token(cards[0]).lower(), rating="satisfied") == window_a
    assert Ballot.objects.get().rating == "satisfied"
    assert VoteToken.objects.filter(used=True).count() == 1


def test_it_refuses_voting_twice_with_one_card(cards):
    cast_vote(token=cards[0], rating="satisfied")
    with pytest.raises(Refusal, match="已使用|already been used"):
        cast_vote(token=cards[0], rating="unsatisfied")
    assert Ballot.objects.count() == 1


def test_it_refuses_an_unknown_card(cards):
    with pytest.raises(Refusal, match="无效|not valid"):
        cast_vote(token="ABCD-EFGH-JKLM-NPQR", rating="satisfied")
    assert not Ballot.objects.exists()


def test_it_refuses_an_expired_card(cards, time_machine):
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=61))
    with pytest.raises(Refusal, match="过期|expired"):
        cast_vote(token=cards[0], rating="satisfied")
    assert not Ballot.objects.exists() and not VoteToken.objects.filter(used=True).exists()


def test_it_refuses_voting_after_the_vote_closes(cards, assessment_year, committee_staff):
    start_review(committee_staff, year=assessment_year)
    with pytest.raises(Refusal, match="结束|closed"):
        cast_vote(token=cards[0], rating="satisfied")
    assert not VoteToken.objects.filter(used=True).exists()


def test_a_ballot_has_no_path_to_a_token_a_person_or_a_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "year", "window", "rating"}
    assert fields["id"].get_internal_type() == "UUIDField"
    related = {f.related_model for f in Ballot._meta.get_fields() if f.is_relation}
    from posts.models import Window

    assert related == {EvaluationYear, Window}
    # Nothing points at a ballot either.
    assert not [f for f in Ballot._meta.get_fields() if f.auto_created and not f.concrete]
    assert not any(f.get_internal_type() in {"DateTimeField", "DateField", "GenericIPAddressField"} for f in Ballot._meta.concrete_fields)
    token_fields = {f.name for f in VoteToken._meta.concrete_fields}
    assert token_fields == {"id", "batch", "token_hash", "used"}  # no used_at to line up with ballots


def test_public_vote_results_are_hidden_until_the_vote_closes_and_below_the_minimum(assessment_year, window_a, committee_staff):
    _batch, codes = generate_tokens(committee_staff, year=assessment_year, window=window_a, size=12)
    for code in codes[:9]:
        cast_vote(token=code, rating="very_satisfied")
    assert vote_summary(assessment_year) == {}
    start_review(committee_staff, year=assessment_year)
    assert vote_summary(assessment_year) == {}  # 9 < 10
    assessment_year.phase = Phase.ASSESSMENT
    assessment_year.save(update_fields=["phase"])
    cast_vote(token=codes[9], rating="unsatisfied")
    assessment_year.phase = Phase.REVIEW
    assessment_year.save(update_fields=["phase"])
    # (9 × 100 + 0) / 10 = 90
    assert vote_summary(assessment_year) == {window_a.pk: (10, 90)}


def test_the_vote_page_takes_the_code_in_the_body_never_in_the_url(client, cards):
    html = client.get(reverse("evaluation:vote")).content.decode()
    assert 'method="post"' in html and "js/vote.js" in html
    response = client.post(reverse("evaluation:vote"), {"token": cards[0], "rating": "satisfied"})
    assert response.status_code == 200 and "data-testid=\"vote-done\"" in response.content.decode()
    response = client.post(reverse("evaluation:vote"), {"token": cards[0], "rating": "satisfied"})
    assert "已使用" in response.content.decode() or "already been used" in response.content.decode()
    assert Ballot.objects.count() == 1


@pytest.fixture
def fresh_rate_limits():
    """Rate limits live in the shared cache: start and leave it empty so other tests from this address can vote."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_the_vote_endpoint_is_rate_limited(client, cards, fresh_rate_limits, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote_failed": "20/m"}
    statuses = [client.post(reverse("evaluation:vote"), {"token": "WRONG", "rating": "satisfied"}).status_code for _ in range(25)]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_a_card_links_to_the_vote_page_with_the_code_in_the_fragment(client_for, committee_staff, assessment_year, window_a):
    response = client_for(committee_staff).post(
        reverse("evaluation:tokens", args=[assessment_year.year]), {"window": window_a.pk, "size": 3, "valid_days": 30, "submission": "6f1c2b9e-0d7a-4c1e-9a51-2f3c4d5e6f70"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.count('data-testid="card-code"') == 3
    assert TokenBatch.objects.get().size == 3 and VoteToken.objects.count() == 3


def vote_at_once(code, people):
    """Submit one card from several threads released together; return what each got."""
    barrier = threading.Barrier(people)
    outcomes = []

    def vote():
        barrier.wait()
        try:
            cast_vote(token=code, rating="satisfied")
            outcomes.append("ok")
        except Refusal:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_card_votes_once_even_when_submitted_eight_times_at_once(committee_staff, unit_a, branch_a1, member):

    window, post = make_window(unit_a, "W-PG", post_org=branch_a1)
    confirm(member, post)
    year = advance(create_year(committee_staff, number=2026), committee_staff, Phase.ASSESSMENT)
    for _round in range(10):
        _batch, (code,) = generate_tokens(committee_staff, year=year, window=window, size=1)
        outcomes = vote_at_once(code, 8)
        assert outcomes.count("ok") == 1 and outcomes.count("refused") == 7
    assert Ballot.objects.count() == 10


def test_refreshing_the_printed_cards_page_makes_no_new_batch(client_for, committee_staff, assessment_year, window_a):
    client = client_for(committee_staff)
    url = reverse("evaluation:tokens", args=[assessment_year.year])
    key = client.get(url).context["form"].initial["submission"]
    data = {"window": window_a.pk, "size": 3, "valid_days": 30, "submission": key}
    first = client.post(url, data)
    assert first.status_code == 200 and first.content.decode().count('data-testid="card-code"') == 3
    # The browser's "reload" sends the same form again: it finds the batch, creates nothing and says so.
    again = client.post(url, data, follow=True)
    assert again.redirect_chain == [(url, 302)]
    assert "已提交过" in again.content.decode()
    assert 'data-testid="card-code"' not in again.content.decode()
    assert TokenBatch.objects.count() == 1 and VoteToken.objects.count() == 3
    # A newly shown form carries a new key and makes a new batch.
    fresh = again.context["form"].initial["submission"]
    assert fresh != key
    client.post(url, {**data, "submission": fresh})
    assert TokenBatch.objects.count() == 2 and VoteToken.objects.count() == 6


def test_a_card_form_without_its_key_is_refused(client_for, committee_staff, assessment_year, window_a):
    url = reverse("evaluation:tokens", args=[assessment_year.year])
    response = client_for(committee_staff).post(url, {"window": window_a.pk, "size": 3, "valid_days": 30})
    assert response.status_code == 200 and not TokenBatch.objects.exists()


def test_the_vote_page_renders_on_a_phone_without_inline_scripts_or_styles(client, db):
    with CaptureQueriesContext(connection):
        html = client.get(reverse("evaluation:vote")).content.decode()
    assert "style=" not in html and 'name="viewport"' in html


def test_vote_cards_are_never_cached(client_for, committee_staff, assessment_year, window_a):
    response = client_for(committee_staff).post(
        reverse("evaluation:tokens", args=[assessment_year.year]), {"window": window_a.pk, "size": 1, "valid_days": 30, "submission": "0b7e9a52-3c1d-4e8f-a6b2-9d4c3e2f1a07"}
    )
    assert "no-store" in response["Cache-Control"]
