"""Two secretaries approve the last place at once: one wins, the other gets a clear message (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from pioneer.errors import Refusal
from posts.models import Assignment, Nomination
from posts.nominations import services as nomination_services
from posts.review import services as review_services
from tests.factories import MemberFactory
from tests.posts.factories import make_post, make_round

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what we compare
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_two_secretaries_approving_the_last_place_one_wins(secretary, unit_secretary, branch_a1, attempt):
    post = make_post(branch_a1, "户籍办理岗", capacity=1)
    rnd = make_round(branch_a1)
    first, second = (
        nomination_services.submit_nomination(secretary, round=rnd, post=post, statement="熟悉户籍业务。", member=MemberFactory(branch=branch_a1)) for _ in range(2)
    )
    results = race(
        lambda: review_services.approve_nomination(secretary, nomination=first),
        lambda: review_services.approve_nomination(unit_secretary, nomination=second),
    )
    winners = [r for r in results if isinstance(r, Nomination)]
    losers = [r for r in results if isinstance(r, Refusal)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "名额已满" in str(losers[0])
    assert Assignment.objects.filter(post=post).count() == 1
    assert Nomination.objects.filter(status="submitted").count() == 1


def test_two_secretaries_deciding_one_nomination_at_once_decide_it_once(secretary, unit_secretary, branch_a1):
    post = make_post(branch_a1, "户籍办理岗", capacity=5)
    rnd = make_round(branch_a1)
    nomination = nomination_services.submit_nomination(secretary, round=rnd, post=post, statement="熟悉户籍业务。", member=MemberFactory(branch=branch_a1))
    results = race(
        lambda: review_services.approve_nomination(secretary, nomination=nomination),
        lambda: review_services.reject_nomination(unit_secretary, nomination=nomination, reason="不符合要求"),
    )
    assert sum(isinstance(r, Nomination) for r in results) == 1
    assert any(isinstance(r, Refusal) and "已由他人处理" in str(r) for r in results)
    assert Assignment.objects.count() == (1 if Nomination.objects.get().status == "approved" else 0)
