"""The committee review: approval fixes the score, adjustments need a reason, the rest approved at once."""

import datetime
from decimal import Decimal as D

import pytest

from evaluation.models import Phase, Result
from evaluation.review.services import adjust_result, approve_remaining, approve_result
from evaluation.years.services import start_review
from members.models import AuditEntry
from pioneer.errors import Refusal
from tests.evaluation.conftest import complaint, fill_window


def test_adjusting_needs_a_reason_and_the_reason_stays_in_the_history(make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = fill_window(year, window_a, unit_secretary)
    start_review(committee_staff, year=year)
    with pytest.raises(Refusal, match="理由|reason"):
        adjust_result(committee_staff, result=result, points=3, reason=" ")
    approve_result(committee_staff, result=result, committee_score=80)
    # Sources: organisation 100 (30%), committee 80 (10%), others missing → (3000 + 800) / 40 = 95
    assert Result.objects.get(pk=result.pk).final_score == D("95.00")
    adjust_result(committee_staff, result=result, points=-7, reason="年中窗口秩序混乱,经查属实")
    result.refresh_from_db()
    assert result.final_score == D("88.00") and result.grade == "good"
    entry = AuditEntry.objects.get(action="evaluation.result.adjusted")
    assert entry.reason == "年中窗口秩序混乱,经查属实" and entry.to_state == "-7.00"


def test_upheld_complaints_count_against_the_window(make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = fill_window(year, window_a, unit_secretary)
    complaint(window_a)
    complaint(window_a)
    complaint(window_a, upheld=False)
    complaint(window_a, when=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))  # last year's does not count
    start_review(committee_staff, year=year)
    approve_result(committee_staff, result=result, committee_score=100)
    # (100×30 + 100×10)/40 = 100, minus 2 × 2 = 96
    assert Result.objects.get(pk=result.pk).final_score == D("96.00")


def test_a_complaint_naming_a_member_counts_against_that_member(make_year, window_a, member, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    complaint(window_a, member=member, serious=True)
    start_review(committee_staff, year=year)
    own = approve_result(committee_staff, result=Result.objects.get(year=year, member=member), committee_score=100)
    other = approve_result(committee_staff, result=Result.objects.filter(year=year, kind="member").exclude(member=member).first(), committee_score=100)
    # Only the committee source: 100, minus 2 for the complaint; the serious one vetoes the grade.
    assert (own.final_score, own.grade) == (D("98.00"), "fail")
    assert (other.final_score, other.grade) == (D("100.00"), "excellent")


def test_the_committee_approves_the_remaining_results_at_once(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    first = year.results.order_by("pk").first()
    approve_result(committee_staff, result=first, committee_score=70)
    assert approve_remaining(committee_staff, year=year, committee_score="95") == year.results.count() - 1
    assert not year.results.filter(status="open").exists()
    assert Result.objects.get(pk=first.pk).committee_score == 70
    # The one approved by hand has its own entry; the rest, one summary entry for the move (not one per result).
    assert AuditEntry.objects.filter(action="evaluation.result.approved").count() == 1
    summary = AuditEntry.objects.get(action="evaluation.results.approved_remaining")
    assert summary.object_id == str(year.pk) and summary.to_state == "approved"
    assert summary.reason == f"{year.results.count() - 1} 项结果以党工委审核分 95.00 通过。"


def test_it_refuses_approving_at_once_outside_the_review(assessment_year, committee_staff):
    with pytest.raises(Refusal):
        approve_remaining(committee_staff, year=assessment_year, committee_score=90)
    assert not assessment_year.results.exclude(status="open").exists()
