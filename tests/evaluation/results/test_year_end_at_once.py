"""The year-end moves against each other (PostgreSQL: real row locks, one connection per thread)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from evaluation.models import EvaluationYear, Result
from evaluation.results.plaques import decide_plaques
from evaluation.results.services import publish_results
from evaluation.review.services import approve_remaining, approve_result
from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import PlaqueRecord
from tests.evaluation.results.test_year_end_in_bulk import city_in_small

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def at_once(*calls):
    """Run the calls in threads released together; each outcome is "ok" or the refusal."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            call()
            outcomes[i] = "ok"
        except Refusal as refusal:
            outcomes[i] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_approving_the_rest_while_one_is_approved_by_hand_approves_each_once(unit_a, branch_a1, committee_staff):
    year = city_in_small(4, unit_a, branch_a1, committee_staff)
    one = year.results.order_by("pk").first()
    outcomes = at_once(
        lambda: approve_remaining(committee_staff, year=EvaluationYear.objects.get(pk=year.pk), committee_score=95),
        lambda: approve_result(committee_staff, result=Result.objects.get(pk=one.pk), committee_score=70),
    )
    assert outcomes[0] == "ok"
    assert not year.results.exclude(status=Result.Status.APPROVED).exists()
    one.refresh_from_db()
    by_hand = AuditEntry.objects.filter(action="evaluation.result.approved").count()
    # Whichever took the year first: the hand's score if it came first, else the hand was refused.
    if outcomes[1] == "ok":
        assert one.committee_score == Decimal(70) and by_hand == 1
        assert year.results.filter(committee_score=95).count() == year.results.count() - 1
    else:
        assert one.committee_score == Decimal(95) and by_hand == 0
    assert AuditEntry.objects.filter(action="evaluation.results.approved_remaining").count() == 1


def test_two_plaque_decisions_at_once_leave_one_record_per_window(unit_a, branch_a1, committee_staff):
    year = city_in_small(4, unit_a, branch_a1, committee_staff)
    approve_remaining(committee_staff, year=year, committee_score=95)
    publish_results(committee_staff, year=year)
    outcomes = at_once(*[lambda: decide_plaques(committee_staff, year=EvaluationYear.objects.get(pk=year.pk))] * 2)
    assert outcomes == ["ok", "ok"]
    records = PlaqueRecord.objects.filter(year=year.year + 1)
    assert records.count() == 4 and records.values("window").distinct().count() == 4
    assert AuditEntry.objects.filter(action="posts.plaques.recorded").count() == 2
