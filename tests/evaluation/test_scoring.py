"""The scoring rule against examples worked out by hand."""

from decimal import Decimal as D

import pytest

from evaluation.scoring import Inputs, Rules, compute, grade_for, plaque_level

WEIGHTS = {"self": 10, "peer": 20, "public": 30, "organisation": 30, "committee": 10}
RULES = Rules(weights=WEIGHTS)


def sources(self=80, peer=90, public=70, organisation=85, committee=95):
    return {"self": self, "peer": peer, "public": public, "organisation": organisation, "committee": committee}


def test_it_weights_the_five_sources():
    # 80×.10 + 90×.20 + 70×.30 + 85×.30 + 95×.10 = 8 + 18 + 21 + 25.5 + 9.5 = 82
    outcome = compute(Inputs(sources=sources()), RULES)
    assert outcome.base == D("82.00")
    assert outcome.final == D("82.00")
    assert outcome.grade == "good"
    assert [ln.points for ln in outcome.lines] == [D(8), D(18), D(21), D("25.5"), D("9.5")]


def test_it_deducts_points_per_upheld_complaint():
    # 82 − 3 × 2 = 76: good becomes pass.
    outcome = compute(Inputs(sources=sources(), upheld_complaints=3), RULES)
    assert outcome.deduction == D("6.00")
    assert outcome.final == D("76.00")
    assert outcome.grade == "pass"


def test_an_upheld_serious_complaint_vetoes_the_grade():
    outcome = compute(Inputs(sources=sources(100, 100, 100, 100, 100), upheld_complaints=1, serious_complaints=1), RULES)
    assert outcome.final == D("98.00")
    assert outcome.vetoed and outcome.grade == "fail"
    assert plaque_level(outcome.final, outcome.vetoed, RULES) == "none"


def test_the_veto_can_be_switched_off_for_a_year():
    rules = Rules(weights=WEIGHTS, veto_on_serious_complaint=False)
    outcome = compute(Inputs(sources=sources(100, 100, 100, 100, 100), upheld_complaints=1, serious_complaints=1), rules)
    assert not outcome.vetoed and outcome.grade == "excellent"


def test_the_committee_adjustment_is_added_after_deductions():
    # 82 − 2 + 9 = 89: still good (excellent from 90).
    outcome = compute(Inputs(sources=sources(), upheld_complaints=1, adjustment=D(9)), RULES)
    assert outcome.final == D("89.00") and outcome.grade == "good"
    outcome = compute(Inputs(sources=sources(), upheld_complaints=1, adjustment=D(10)), RULES)
    assert outcome.final == D("90.00") and outcome.grade == "excellent"


def test_missing_sources_share_their_weight_among_the_others():
    # No public vote (too few ballots): the other 70% become 100%.
    # (80×10 + 90×20 + 85×30 + 95×10) / 70 = (800 + 1800 + 2550 + 950) / 70 = 6100 / 70 = 87.142857… → 87.14
    outcome = compute(Inputs(sources=sources(public=None)), RULES)
    assert outcome.base == D("87.14")
    public = next(ln for ln in outcome.lines if ln.source == "public")
    assert public.score is None and public.points == 0


def test_the_final_score_stays_between_0_and_100():
    assert compute(Inputs(sources=sources(100, 100, 100, 100, 100), adjustment=D(20)), RULES).final == D(100)
    assert compute(Inputs(sources=sources(0, 0, 0, 0, 10), upheld_complaints=5), RULES).final == D(0)


def test_rounding_is_half_up_to_two_places():
    # 33.335 × 100% → 33.34 (banker's rounding would give 33.34 too; 0.125 shows the difference)
    rules = Rules(weights={"self": 0, "peer": 0, "public": 0, "organisation": 100, "committee": 0})
    assert compute(Inputs(sources={"organisation": D("0.125")}), rules).final == D("0.13")


@pytest.mark.parametrize(("score", "grade"), [(D(90), "excellent"), (D("89.99"), "good"), (D(80), "good"), (D(60), "pass"), (D("59.99"), "fail")])
def test_grades_follow_the_thresholds(score, grade):
    assert grade_for(score, RULES) == grade


@pytest.mark.parametrize(("score", "level"), [(D(95), "pioneer"), (D(90), "pioneer"), (D("89.9"), "striving"), (D(70), "striving"), (D(69), "none")])
def test_plaques_follow_the_standard(score, level):
    assert plaque_level(score, False, RULES) == level


def test_weights_must_add_up_to_100():
    with pytest.raises(ValueError):
        Rules(weights={**WEIGHTS, "self": 11})
