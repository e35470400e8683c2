"""Publication: every result reviewed first, then a snapshot later edits never change."""

import threading

import pytest
from django.db import connection

from evaluation.models import CriterionScore, EvaluationYear, Phase, Result
from evaluation.results.explanation import explain
from evaluation.results.services import publish_results
from evaluation.review.services import adjust_result, approve_result
from evaluation.years.services import create_year, update_criterion
from members.models import AuditEntry
from pioneer.errors import Refusal
from tests.evaluation.conftest import advance, complaint, confirm, fill_window, make_window


def test_it_refuses_publishing_before_every_result_is_reviewed(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with pytest.raises(Refusal, match="审核|review"):
        publish_results(committee_staff, year=year)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.REVIEW
    assert not Result.objects.filter(snapshot__isnull=False).exists()


def test_it_refuses_publishing_from_the_assessment_phase(assessment_year, committee_staff):
    with pytest.raises(Refusal):
        publish_results(committee_staff, year=assessment_year)


def test_a_published_result_is_a_snapshot_later_edits_never_change(make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    result.refresh_from_db()
    published = result.snapshot
    assert published["rule_version"] == 1 and published["outcome"]["final"] == str(result.final_score)
    # Later: a complaint arrives, a score row is edited behind the service's back, next year's criteria change.
    complaint(window_a, serious=True)
    CriterionScore.objects.filter(result=result).update(score=0)
    next_year = create_year(committee_staff, number=2027)
    update_criterion(committee_staff, criterion=next_year.criteria.get(number=1), category="systems", text="新", max_points=4)
    result.refresh_from_db()
    assert explain(result) == published
    with pytest.raises(Refusal, match="发布|published|审核|review"):
        adjust_result(committee_staff, result=result, points=5, reason="试图修改")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_of_two_staff_publishing_at_once_one_publishes(committee_staff, unit_a, branch_a1, member):



    window, post = make_window(unit_a, "W-PG2", post_org=branch_a1)
    confirm(member, post)
    year = advance(create_year(committee_staff, number=2026), committee_staff, Phase.REVIEW)
    for result in year.results.all():
        approve_result(committee_staff, result=result, committee_score=90)
    barrier = threading.Barrier(4)
    outcomes = []

    def publish():
        barrier.wait()
        try:
            publish_results(committee_staff, year=EvaluationYear.objects.get(pk=year.pk))
            outcomes.append("ok")
        except Refusal:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert AuditEntry.objects.filter(action="evaluation.year.published").count() == 1
