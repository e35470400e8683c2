"""The year-end moves at any size: the same queries for 3 windows as for 12, the same scores as one by one."""

import datetime
import random
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation import bulk
from evaluation.models import Ballot, CriterionScore, PeerRating, Phase, Result
from evaluation.results.explanation import InputContext, outcome_for, snapshot_for
from evaluation.results.plaques import _record, decide_plaques, record_plaques_bulk
from evaluation.results.services import publish_results
from evaluation.review.services import approve_remaining
from evaluation.years.services import create_year, start_review
from members.models import AuditEntry, Notification
from posts.models import PlaqueRecord
from tests.evaluation.conftest import advance, complaint, confirm, make_window
from tests.factories import MemberFactory, UserFactory


def city_in_small(n_windows, unit, branch, committee_staff, *, seed=7):
    """`n_windows` windows, each with two members on its post (one with a login), every source filled in."""
    rng = random.Random(seed)
    for i in range(n_windows):
        window, post = make_window(unit, f"W{n_windows}-{i}", post_org=branch)
        confirm(MemberFactory(branch=branch, user=UserFactory()), post)
        confirm(MemberFactory(branch=branch), post)
        if i % 3 == 0:
            complaint(window)
    year = advance(create_year(committee_staff, number=2026), committee_staff, Phase.ASSESSMENT)
    criteria = list(year.criteria.all())
    scores, members = [], []
    for result in year.results.all():
        if result.kind == Result.Kind.WINDOW:
            scores += [CriterionScore(result=result, criterion=c, max_points=c.max_points,
                                      score=Decimal(c.max_points) - Decimal(rng.randint(0, 3)) / 4) for c in criteria]
        else:
            result.self_score, result.organisation_score = Decimal(rng.randint(80, 99)), Decimal(rng.randint(70, 97)) + Decimal("0.5")
            members.append(result)
    CriterionScore.objects.bulk_create(scores)
    Result.objects.bulk_update(members, ["self_score", "organisation_score"])
    ids = [r.member_id for r in members]
    PeerRating.objects.bulk_create(
        PeerRating(year=year, rater_id=rater, rated_id=rated, level=rng.choice(list(PeerRating.POINTS)))
        for rated in ids[::2] for rater in ids if rater != rated
    )
    # Enough ballots for every other window; the rest stay below the minimum and drop out.
    Ballot.objects.bulk_create(
        Ballot(year=year, window_id=r.window_id, rating=rng.choice(list(Ballot.POINTS)))
        for k, r in enumerate(year.results.windows().order_by("pk")) for _n in range(12 if k % 2 == 0 else 4)
    )
    return start_review(committee_staff, year=year)


def count_queries(call):
    ContentType.objects.clear_cache()  # the audit's content type is read once per process: count it every time
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.fixture
def sized_year(unit_a, branch_a1, committee_staff):
    return lambda n: city_in_small(n, unit_a, branch_a1, committee_staff)


# Queries, whatever the number of results, each move inside its savepoint (2) and, on PostgreSQL, after
# `SET LOCAL jit = off` (1); each write of many rows (W) is one UPDATE on SQLite and, on PostgreSQL, three
# (a temporary table, the COPY into it, the UPDATE from it):
# approve: lock year, open results, ballots, peer ratings, complaints per window, per member, criterion totals,
#   members per window, the write, content type, audit entry = 10 + W
# publish: lock year, count unreviewed, ballots, peer ratings, complaints ×2, results (their window members
#   among them), criterion scores, the write, phase UPDATE, content type, audit entry = 11 + W
# plaques: lock year, published outcomes, this year's plaques, next year's (locked), earlier ones,
#   the write (none to replace here), one INSERT, content type, audit entry, year UPDATE = 9 + W
POSTGRES = connection.vendor == "postgresql"
WRAP, W = 2 + POSTGRES, 3 if POSTGRES else 1


@pytest.mark.parametrize("n_windows", [3, 12])
def test_the_year_end_runs_in_the_same_queries_whatever_its_size(sized_year, committee_staff, n_windows, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    # A batch far below the results' number: a move that wrote in batches would need more statements at 12 windows.
    monkeypatch.setattr(bulk, "CHUNK", 4)
    year = sized_year(n_windows)
    assert year.results.count() == 3 * n_windows
    assert count_queries(lambda: approve_remaining(committee_staff, year=year, committee_score=92)) == 10 + W + WRAP
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert count_queries(lambda: publish_results(committee_staff, year=year)) == 11 + W + WRAP
    # After the commit: the dashboards' figures counter (moved on by the audit entry), the security log's one line
    # and the notifications' one bulk insert.
    assert len(callbacks) == 3
    notified = Notification.objects.filter(text="您的2026年度考评结果已公布。")
    assert notified.count() == n_windows
    links = {r.member.user_id: r.get_absolute_url() for r in year.results.members().select_related("member", "year")}
    assert all(links[n.recipient_id] == n.url for n in notified)
    year.refresh_from_db()
    assert count_queries(lambda: decide_plaques(committee_staff, year=year)) == 9 + W + WRAP
    assert PlaqueRecord.objects.filter(year=2027).count() == n_windows
    # One summary entry per move, never one per result.
    assert AuditEntry.objects.filter(action="evaluation.results.approved_remaining").count() == 1
    assert AuditEntry.objects.filter(action="evaluation.result.approved").count() == 0
    assert AuditEntry.objects.filter(action="posts.plaques.recorded").count() == 1
    assert not AuditEntry.objects.filter(action="posts.plaque.recorded").exists()


def test_progress_is_told_per_chunk(sized_year, committee_staff):
    year = sized_year(3)
    seen = []
    approve_remaining(committee_staff, year=year, committee_score=92, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 9), (9, 9)]


def test_the_bulk_moves_give_the_same_scores_as_one_result_at_a_time(sized_year, committee_staff):
    year = sized_year(4)
    # The one-result path: a plain context that reads each window's criterion scores itself.
    expected = {}
    for result in year.results.select_related("member", "window"):
        result.committee_score = Decimal("92.00")
        outcome = outcome_for(result, InputContext(year))
        expected[result.pk] = (outcome.final, outcome.grade)
    assert len({final for final, _g in expected.values()}) > 3  # the sources really differ
    approve_remaining(committee_staff, year=year, committee_score=92)
    assert {r.pk: (r.final_score, r.grade) for r in year.results.all()} == expected
    publish_results(committee_staff, year=year)
    year.refresh_from_db()
    for result in year.results.select_related("member", "window"):
        assert result.snapshot == snapshot_for(result, InputContext(year))
        assert (result.final_score, result.grade) == expected[result.pk]


def test_the_bulk_register_follows_the_same_rules_as_one_record_at_a_time(make_year, window_a, window_b, committee_staff):
    year = make_year(Phase.SETUP)
    now = datetime.datetime(2026, 12, 30, tzinfo=datetime.UTC)
    for window, level in ((window_a, "striving"), (window_b, "pioneer")):
        PlaqueRecord.objects.create(window=window, year=2025, level=level, source="application", decided_at=now)
    one = [_record(committee_staff, window=w, year=2026, level=lv, source="evaluation", reason="r", now=now)
           for w, lv in ((window_a, "pioneer"), (window_b, "none"))]
    # The same decisions again in bulk for the next year, and over one of them again (replaced, code kept).
    code = one[0].verification_code
    many = record_plaques_bulk(committee_staff, year=2026, decisions=[(window_a.pk, "pioneer", "evaluation", "r"),
                                                                      (window_b.pk, "none", "evaluation", "r")],
                               subject=year, now=now)
    assert sorted((r.window_id, r.level, r.change) for r in many) == sorted((r.window_id, r.level, r.change) for r in one)
    assert PlaqueRecord.objects.get(window=window_a, year=2026).verification_code == code
    record_plaques_bulk(committee_staff, year=2027, decisions=[(window_a.pk, "pioneer", "evaluation", "r"),
                                                               (window_b.pk, "striving", "evaluation", "r")], subject=year, now=now)
    assert dict(PlaqueRecord.objects.filter(year=2027).values_list("window__code", "change")) == {"W-A": "kept", "W-B": "awarded"}
