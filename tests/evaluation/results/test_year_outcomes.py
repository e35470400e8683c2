"""The year-end's flat path (`year_outcomes`) scores every result as the one-result path does, whatever the inputs."""

import datetime
from decimal import Decimal

import pytest

from benchmarks.yearend import python_scores
from evaluation.models import CriterionScore, Phase, Result
from evaluation.results.explanation import InputContext, outcome_for, year_outcomes, year_rows
from evaluation.review.services import approve_remaining
from tests.evaluation.conftest import complaint
from tests.evaluation.results.test_year_end_in_bulk import city_in_small


@pytest.fixture
def mixed_year(unit_a, branch_a1, committee_staff):
    """Six windows and their twelve members with every kind of input the rule knows."""
    year = city_in_small(6, unit_a, branch_a1, committee_staff, seed=3)
    windows = list(year.results.windows().order_by("pk"))
    members = list(year.results.members().select_related("member").order_by("pk"))
    # Adjustments, up and down, each with its reason.
    Result.objects.filter(pk=members[0].pk).update(adjustment=Decimal("-7.50"), adjustment_reason="窗口秩序混乱")
    Result.objects.filter(pk=windows[1].pk).update(adjustment=Decimal("3.25"), adjustment_reason="表现突出")
    # A serious upheld complaint naming a member (the member and the window vetoed); ones that do not count.
    complaint(windows[2].window, serious=True, member=members[4].member)
    complaint(windows[3].window, serious=True, upheld=False)
    complaint(windows[3].window, when=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))
    # A window the organisation has not scored, a member with neither self-assessment nor organisation rating.
    CriterionScore.objects.filter(result=windows[5]).delete()
    Result.objects.filter(pk=members[6].pk).update(self_score=None, organisation_score=None)
    # Committee scores given one by one on some, none yet on the rest.
    Result.objects.filter(pk__in=[members[1].pk, windows[0].pk]).update(committee_score=Decimal("88.50"))
    return year


def one_by_one(year, committee_score=None):
    """The one-result path: a plain context per result, reading its own criterion scores and the window's members."""
    out = {}
    for result in year.results.select_related("member", "window"):
        if committee_score is not None:
            result.committee_score = committee_score
        out[result.pk] = outcome_for(result, InputContext(year))
    return out


def test_the_flat_path_gives_every_result_the_one_result_outcome(mixed_year):
    expected = one_by_one(mixed_year)
    flat = {row.pk: outcome for row, outcome in year_outcomes(mixed_year)}
    assert flat == expected
    assert python_scores(mixed_year) == {pk: (o.final, o.grade) for pk, o in expected.items()}
    # The year really holds every kind of input.
    lines = {pk: {ln.source: ln.score for ln in o.lines} for pk, o in expected.items()}
    kinds = dict(mixed_year.results.values_list("pk", "kind"))
    assert any(o.vetoed for o in expected.values()) and any(o.adjustment < 0 for o in expected.values())
    assert any(o.adjustment > 0 for o in expected.values()) and any(o.deduction > 0 for o in expected.values())
    assert {s["public"] is None for s in lines.values()} == {True, False}  # votes under the minimum drop out
    assert {s["peer"] is None for pk, s in lines.items() if kinds[pk] == "member"} == {True, False}
    assert {s["organisation"] is None for pk, s in lines.items() if kinds[pk] == "window"} == {True, False}
    # A window's self-assessment and peer review are its members' averages.
    assert all(s["self"] is not None and s["peer"] is not None for pk, s in lines.items() if kinds[pk] == "window")
    assert len({o.final for o in expected.values()}) > 10


def test_the_committee_score_of_the_rest_stands_for_each_rows_own(mixed_year):
    expected = one_by_one(mixed_year, committee_score=Decimal("92.00"))
    rows = year_rows(mixed_year.results.all())
    flat = {row.pk: o for row, o in year_outcomes(mixed_year, rows, committee_score=Decimal("92.00"))}
    assert flat == expected
    # Given some rows only, the window members still come from the whole year.
    some = [row for row in rows if row.kind == Result.Kind.WINDOW]
    assert {row.pk: o for row, o in year_outcomes(mixed_year, some, committee_score=Decimal("92.00"))} == {
        row.pk: expected[row.pk] for row in some
    }


def test_approving_the_rest_writes_the_one_result_scores(mixed_year, committee_staff):
    mixed_year.phase = Phase.REVIEW  # already there: city_in_small starts the review
    expected = one_by_one(mixed_year, committee_score=Decimal("92.00"))
    approve_remaining(committee_staff, year=mixed_year, committee_score="92")
    written = {
        pk: (final, grade, score)
        for pk, final, grade, score in mixed_year.results.values_list("pk", "final_score", "grade", "committee_score")
    }
    assert written == {pk: (o.final, o.grade, Decimal("92.00")) for pk, o in expected.items()}
