"""Years, phases, rules and criteria: each move checked, refused moves change nothing."""


import pytest
from django.db import IntegrityError, transaction

from evaluation.models import Criterion, EvaluationYear, Phase
from evaluation.years.services import close_year, create_year, open_assessment, start_review, update_criterion, update_rules
from members.models import AuditEntry
from pioneer.errors import Refusal
from tests.evaluation.conftest import advance


def test_a_new_year_gets_the_30_default_criteria_worth_100(committee_staff):
    year = create_year(committee_staff, number=2026)
    assert year.phase == Phase.SETUP
    assert year.criteria.count() == 30
    assert sum(year.criteria.values_list("max_points", flat=True)) == 100
    assert set(year.criteria.values_list("category", flat=True)) == {"systems", "environment", "work", "creation", "supervision"}


def test_a_new_year_copies_last_years_criteria_and_rules(committee_staff):
    last = create_year(committee_staff, number=2025)
    update_rules(committee_staff, year=last, weight_self=5, weight_peer=25)
    update_criterion(committee_staff, criterion=last.criteria.get(number=1), category="systems", text="改过的标准", max_points=4)
    year = create_year(committee_staff, number=2026)
    assert year.criteria.get(number=1).text == "改过的标准"
    assert (year.weight_self, year.weight_peer) == (5, 25)


def test_it_refuses_a_second_evaluation_for_the_same_year(committee_staff):
    create_year(committee_staff, number=2026)
    with pytest.raises(Refusal, match="已经存在|already"):
        create_year(committee_staff, number=2026)


def test_phases_move_in_order_and_each_move_is_audited(make_year, window_a, committee_staff):
    year = make_year(Phase.SETUP)
    with pytest.raises(Refusal):
        start_review(committee_staff, year=year)
    year = advance(year, committee_staff, Phase.REVIEW)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.REVIEW
    actions = set(AuditEntry.objects.filter(action__startswith="evaluation.year.").values_list("action", flat=True))
    assert {"evaluation.year.created", "evaluation.year.quarterly", "evaluation.year.assessment", "evaluation.year.review"} <= actions


def test_opening_the_assessment_creates_one_result_per_member_on_a_post_and_per_window(assessment_year, window_a, window_b):
    assert assessment_year.results.members().count() == 5
    assert set(assessment_year.results.windows().values_list("window_id", flat=True)) == {window_a.pk, window_b.pk}


def test_it_refuses_to_open_the_assessment_when_the_criteria_do_not_add_up_to_100(make_year, committee_staff):
    year = make_year(Phase.QUARTERLY)
    update_criterion(committee_staff, criterion=year.criteria.get(number=1), category="systems", text="x", max_points=1)
    with pytest.raises(Refusal, match="97"):
        open_assessment(committee_staff, year=year)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.QUARTERLY


def test_it_refuses_to_edit_a_frozen_criteria_set(assessment_year, committee_staff):
    criterion = assessment_year.criteria.get(number=1)
    with pytest.raises(Refusal, match="冻结|frozen"):
        update_criterion(committee_staff, criterion=criterion, category="systems", text="新文字", max_points=5)
    assert Criterion.objects.get(pk=criterion.pk).text != "新文字"


def test_the_database_refuses_weights_that_do_not_add_up_to_100(committee_staff):
    year = create_year(committee_staff, number=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationYear.objects.filter(pk=year.pk).update(weight_self=50)


def test_it_refuses_rules_with_weights_not_adding_up(committee_staff):
    year = create_year(committee_staff, number=2026)
    with pytest.raises(Refusal, match="100"):
        update_rules(committee_staff, year=year, weight_self=15)
    assert EvaluationYear.objects.get(pk=year.pk).rules_version == 1


def test_it_refuses_closing_the_year_before_plaques_are_decided(make_year, window_a, committee_staff):
    year = make_year(Phase.PUBLISHED)
    with pytest.raises(Refusal, match="牌|plaque"):
        close_year(committee_staff, year=year)
