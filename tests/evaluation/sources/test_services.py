"""The sources: self-report, peer review, the organisation's scores; refusals change nothing."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from evaluation.models import CriterionScore, PeerRating, Result
from evaluation.results.explanation import peer_summary
from evaluation.sources.selectors import peers_to_rate
from evaluation.sources.services import rate_peer, score_window, submit_self_assessment
from pioneer.errors import Refusal


def test_a_member_writes_their_self_report(assessment_year, member):
    result = Result.objects.get(year=assessment_year, member=member)
    submit_self_assessment(member.user, result=result, report="全年受理业务1200件", score="92.5")
    result.refresh_from_db()
    assert result.self_score == D("92.50") and "1200" in result.self_report


@pytest.mark.parametrize("score", ["101", "-1", "abc", "NaN"])
def test_it_refuses_a_self_score_out_of_range(assessment_year, member, score):
    result = Result.objects.get(year=assessment_year, member=member)
    with pytest.raises(Refusal):
        submit_self_assessment(member.user, result=result, report="报告", score=score)
    assert Result.objects.get(pk=result.pk).self_score is None


def test_it_refuses_writing_someone_elses_self_report(assessment_year, member, branch_a1):
    other = Result.objects.filter(year=assessment_year, kind="member").exclude(member=member).first()
    with pytest.raises(Refusal):
        submit_self_assessment(member.user, result=other, report="冒名", score=100)


def test_it_refuses_rating_oneself_in_peer_review(assessment_year, member):
    with pytest.raises(Refusal, match="自己|themselves"):
        rate_peer(member, year=assessment_year, rated=member, level="excellent")


def test_the_database_refuses_a_self_rating_too(assessment_year, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        PeerRating.objects.create(year=assessment_year, rater=member, rated=member, level="excellent")


def test_it_refuses_rating_outside_ones_organisation(assessment_year, member, window_b):
    outsider = Result.objects.get(year=assessment_year, window=window_b, kind="member").member
    with pytest.raises(Refusal, match="本组织|own organisation"):
        rate_peer(member, year=assessment_year, rated=outsider, level="excellent")


def test_it_refuses_rating_the_same_colleague_twice(assessment_year, member):
    colleague = peers_to_rate(assessment_year, member).first()
    rate_peer(member, year=assessment_year, rated=colleague, level="excellent")
    with pytest.raises(Refusal, match="已经|already"):
        rate_peer(member, year=assessment_year, rated=colleague, level="incompetent")
    assert PeerRating.objects.get(rater=member, rated=colleague).level == "excellent"


def test_peer_ratings_are_hidden_below_the_minimum(assessment_year, member):
    colleagues = list(peers_to_rate(assessment_year, member))
    rate_peer(colleagues[0], year=assessment_year, rated=member, level="excellent")
    rate_peer(colleagues[1], year=assessment_year, rated=member, level="competent")
    assert peer_summary(assessment_year, member.pk) == (2, None)
    rate_peer(colleagues[2], year=assessment_year, rated=member, level="competent")
    # (100 + 85 + 85) / 3 = 90
    assert peer_summary(assessment_year, member.pk) == (3, D("90.00"))


def test_the_organisation_scores_a_window_within_each_maximum(assessment_year, window_a, unit_secretary):
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    c1 = assessment_year.criteria.get(number=1)
    score_window(unit_secretary, result=result, scores={c1.pk: ("4", "有方案")})
    with pytest.raises(Refusal, match="4"):
        score_window(unit_secretary, result=result, scores={c1.pk: ("5", "")})
    with pytest.raises(Refusal):
        score_window(unit_secretary, result=result, scores={c1.pk: ("-1", "")})
    assert CriterionScore.objects.get(result=result, criterion=c1).score == D(4)


def test_the_database_refuses_a_criterion_score_above_its_maximum(assessment_year, window_a):
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    c1 = assessment_year.criteria.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionScore.objects.create(result=result, criterion=c1, max_points=c1.max_points, score=c1.max_points + 1)


def test_it_refuses_scoring_a_window_of_another_unit(assessment_year, window_b, secretary):
    result = Result.objects.get(year=assessment_year, window=window_b, kind="window")
    with pytest.raises(Refusal):
        score_window(secretary, result=result, scores={assessment_year.criteria.first().pk: ("1", "")})
