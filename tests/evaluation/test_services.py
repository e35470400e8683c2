"""Phases, the five sources, review, publication and plaques: each move checked, refused moves change nothing."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import override as translation_override

from evaluation import services
from evaluation.models import Criterion, CriterionScore, EvaluationYear, PeerRating, Phase, QuarterReport, Result
from evaluation.services import EvaluationError
from members.models import AuditEntry
from posts.models import PlaqueRecord
from tests.evaluation.conftest import advance, complaint
from tests.factories import MemberFactory

# ---------------------------------------------------------------- years and phases

def test_a_new_year_gets_the_30_default_criteria_worth_100(committee_staff):
    year = services.create_year(2026, committee_staff)
    assert year.phase == Phase.SETUP
    assert year.criteria.count() == 30
    assert sum(year.criteria.values_list("max_points", flat=True)) == 100
    assert set(year.criteria.values_list("category", flat=True)) == {"systems", "environment", "work", "creation", "supervision"}


def test_a_new_year_copies_last_years_criteria_and_rules(committee_staff):
    last = services.create_year(2025, committee_staff)
    services.update_rules(last, committee_staff, weight_self=5, weight_peer=25)
    services.update_criterion(last.criteria.get(number=1), committee_staff, category="systems", text="改过的标准", max_points=4)
    year = services.create_year(2026, committee_staff)
    assert year.criteria.get(number=1).text == "改过的标准"
    assert (year.weight_self, year.weight_peer) == (5, 25)


def test_it_refuses_a_second_evaluation_for_the_same_year(committee_staff):
    services.create_year(2026, committee_staff)
    with pytest.raises(EvaluationError, match="已经存在|already"):
        services.create_year(2026, committee_staff)


def test_phases_move_in_order_and_each_move_is_audited(make_year, window_a, committee_staff):
    year = make_year(Phase.SETUP)
    with pytest.raises(EvaluationError):
        services.start_review(year, committee_staff)
    year = advance(year, committee_staff, Phase.REVIEW)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.REVIEW
    actions = set(AuditEntry.objects.filter(action__startswith="evaluation.year.").values_list("action", flat=True))
    assert {"evaluation.year.created", "evaluation.year.quarterly", "evaluation.year.assessment", "evaluation.year.review"} <= actions


def test_opening_the_assessment_creates_one_result_per_member_on_a_post_and_per_window(assessment_year, window_a, window_b):
    assert assessment_year.results.members().count() == 5
    assert set(assessment_year.results.windows().values_list("window_id", flat=True)) == {window_a.pk, window_b.pk}


def test_it_refuses_to_open_the_assessment_when_the_criteria_do_not_add_up_to_100(make_year, committee_staff):
    year = make_year(Phase.QUARTERLY)
    services.update_criterion(year.criteria.get(number=1), committee_staff, category="systems", text="x", max_points=1)
    with pytest.raises(EvaluationError, match="97"):
        services.open_assessment(year, committee_staff)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.QUARTERLY


def test_it_refuses_to_edit_a_frozen_criteria_set(assessment_year, committee_staff):
    criterion = assessment_year.criteria.get(number=1)
    with pytest.raises(EvaluationError, match="冻结|frozen"):
        services.update_criterion(criterion, committee_staff, category="systems", text="新文字", max_points=5)
    assert Criterion.objects.get(pk=criterion.pk).text != "新文字"


def test_the_database_refuses_weights_that_do_not_add_up_to_100(committee_staff):
    year = services.create_year(2026, committee_staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationYear.objects.filter(pk=year.pk).update(weight_self=50)


def test_it_refuses_rules_with_weights_not_adding_up(committee_staff):
    year = services.create_year(2026, committee_staff)
    with pytest.raises(EvaluationError, match="100"):
        services.update_rules(year, committee_staff, weight_self=15)
    assert EvaluationYear.objects.get(pk=year.pk).rules_version == 1


def test_it_refuses_publishing_before_every_result_is_reviewed(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with pytest.raises(EvaluationError, match="审核|review"):
        services.publish_results(year, committee_staff)
    assert EvaluationYear.objects.get(pk=year.pk).phase == Phase.REVIEW
    assert not Result.objects.filter(snapshot__isnull=False).exists()


def test_it_refuses_publishing_from_the_assessment_phase(assessment_year, committee_staff):
    with pytest.raises(EvaluationError):
        services.publish_results(assessment_year, committee_staff)


# ---------------------------------------------------------------- quarterly activity

def jpeg(name="photo.jpg", size=100):
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"0" * size, content_type="image/jpeg")


def test_an_activity_is_recorded_with_evidence_and_the_quarter_is_locked_on_submission(make_year, window_a, unit_secretary, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 2)
    services.add_activity(report, unit_secretary, date=datetime.date(2026, 5, 4), kind="study", description="学习",
                          participants=[member], files=[jpeg()])
    services.submit_quarter(report, unit_secretary)
    report.refresh_from_db()
    assert report.is_locked and report.activities.get().evidence.count() == 1
    with pytest.raises(EvaluationError, match="锁定|locked"):
        services.add_activity(report, unit_secretary, date=datetime.date(2026, 5, 5), kind="study", description="再学习")
    assert report.activities.count() == 1


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream"), "文件类型|file type"),
    (SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf"), "PDF"),
    (jpeg(size=5 * 1024 * 1024), "5 MB"),
])
def test_it_refuses_evidence_of_the_wrong_type_or_size(make_year, window_a, unit_secretary, upload, message):
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 1)
    with pytest.raises(EvaluationError, match=message):
        services.add_activity(report, unit_secretary, date=datetime.date(2026, 2, 1), kind="meeting", description="会议", files=[upload])
    assert not report.activities.exists()


def test_it_refuses_an_activity_dated_outside_the_quarter(make_year, window_a, unit_secretary):
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 1)
    with pytest.raises(EvaluationError, match="第1季度"):
        services.add_activity(report, unit_secretary, date=datetime.date(2026, 4, 1), kind="meeting", description="会议")


def test_it_refuses_participants_from_another_organisation(make_year, window_a, unit_secretary, branch_b1):
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 1)
    stranger = MemberFactory(branch=branch_b1, name="外人")
    with pytest.raises(EvaluationError, match="外人"):
        services.add_activity(report, unit_secretary, date=datetime.date(2026, 2, 1), kind="meeting", description="会议", participants=[stranger])


def test_a_quarter_submitted_after_its_deadline_is_late(make_year, window_a, unit_secretary, time_machine):
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 1)
    services.add_activity(report, unit_secretary, date=datetime.date(2026, 2, 1), kind="meeting", description="会议")
    time_machine.move_to(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC))
    services.submit_quarter(report, unit_secretary)
    assert QuarterReport.objects.get(pk=report.pk).is_late


# ---------------------------------------------------------------- the five sources

def test_a_member_writes_their_self_report(assessment_year, member):
    result = Result.objects.get(year=assessment_year, member=member)
    services.submit_self_assessment(result, member.user, report="全年受理业务1200件", score="92.5")
    result.refresh_from_db()
    assert result.self_score == D("92.50") and "1200" in result.self_report


@pytest.mark.parametrize("score", ["101", "-1", "abc", "NaN"])
def test_it_refuses_a_self_score_out_of_range(assessment_year, member, score):
    result = Result.objects.get(year=assessment_year, member=member)
    with pytest.raises(EvaluationError):
        services.submit_self_assessment(result, member.user, report="报告", score=score)
    assert Result.objects.get(pk=result.pk).self_score is None


def test_it_refuses_writing_someone_elses_self_report(assessment_year, member, branch_a1):
    other = Result.objects.filter(year=assessment_year, kind="member").exclude(member=member).first()
    with pytest.raises(EvaluationError):
        services.submit_self_assessment(other, member.user, report="冒名", score=100)


def test_it_refuses_rating_oneself_in_peer_review(assessment_year, member):
    with pytest.raises(EvaluationError, match="自己|themselves"):
        services.rate_peer(assessment_year, member, member, "excellent")


def test_the_database_refuses_a_self_rating_too(assessment_year, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        PeerRating.objects.create(year=assessment_year, rater=member, rated=member, level="excellent")


def test_it_refuses_rating_outside_ones_organisation(assessment_year, member, window_b):
    outsider = Result.objects.get(year=assessment_year, window=window_b, kind="member").member
    with pytest.raises(EvaluationError, match="本组织|own organisation"):
        services.rate_peer(assessment_year, member, outsider, "excellent")


def test_it_refuses_rating_the_same_colleague_twice(assessment_year, member):
    colleague = services.peers_to_rate(assessment_year, member).first()
    services.rate_peer(assessment_year, member, colleague, "excellent")
    with pytest.raises(EvaluationError, match="已经|already"):
        services.rate_peer(assessment_year, member, colleague, "incompetent")
    assert PeerRating.objects.get(rater=member, rated=colleague).level == "excellent"


def test_peer_ratings_are_hidden_below_the_minimum(assessment_year, member):
    colleagues = list(services.peers_to_rate(assessment_year, member))
    services.rate_peer(assessment_year, colleagues[0], member, "excellent")
    services.rate_peer(assessment_year, colleagues[1], member, "competent")
    assert services.peer_summary(assessment_year, member.pk) == (2, None)
    services.rate_peer(assessment_year, colleagues[2], member, "competent")
    # (100 + 85 + 85) / 3 = 90
    assert services.peer_summary(assessment_year, member.pk) == (3, D("90.00"))


def test_the_organisation_scores_a_window_within_each_maximum(assessment_year, window_a, unit_secretary):
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    c1 = assessment_year.criteria.get(number=1)
    services.score_window(result, unit_secretary, {c1.pk: ("4", "有方案")})
    with pytest.raises(EvaluationError, match="4"):
        services.score_window(result, unit_secretary, {c1.pk: ("5", "")})
    with pytest.raises(EvaluationError):
        services.score_window(result, unit_secretary, {c1.pk: ("-1", "")})
    assert CriterionScore.objects.get(result=result, criterion=c1).score == D(4)


def test_the_database_refuses_a_criterion_score_above_its_maximum(assessment_year, window_a):
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    c1 = assessment_year.criteria.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionScore.objects.create(result=result, criterion=c1, max_points=c1.max_points, score=c1.max_points + 1)


def test_it_refuses_scoring_a_window_of_another_unit(assessment_year, window_b, secretary):
    result = Result.objects.get(year=assessment_year, window=window_b, kind="window")
    with pytest.raises(EvaluationError):
        services.score_window(result, secretary, {assessment_year.criteria.first().pk: ("1", "")})


# ---------------------------------------------------------------- review, publication, snapshot, plaques

def fill_window(year, window, secretary, points_each_full=True):
    result = Result.objects.get(year=year, window=window, kind="window")
    services.score_window(result, secretary, {c.pk: (str(c.max_points), "") for c in year.criteria.all()})
    return result


def test_adjusting_needs_a_reason_and_the_reason_stays_in_the_history(make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = fill_window(year, window_a, unit_secretary)
    services.start_review(year, committee_staff)
    with pytest.raises(EvaluationError, match="理由|reason"):
        services.adjust_result(result, committee_staff, points=3, reason=" ")
    services.approve_result(result, committee_staff, committee_score=80)
    # Sources: organisation 100 (30%), committee 80 (10%), others missing → (3000 + 800) / 40 = 95
    assert Result.objects.get(pk=result.pk).final_score == D("95.00")
    services.adjust_result(result, committee_staff, points=-7, reason="年中窗口秩序混乱,经查属实")
    result.refresh_from_db()
    assert result.final_score == D("88.00") and result.grade == "good"
    entry = AuditEntry.objects.get(action="evaluation.result.adjusted")
    assert entry.reason == "年中窗口秩序混乱,经查属实" and entry.to_state == "-7.00"


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
    next_year = services.create_year(2027, committee_staff)
    services.update_criterion(next_year.criteria.get(number=1), committee_staff, category="systems", text="新", max_points=4)
    result.refresh_from_db()
    assert services.explain(result) == published
    with pytest.raises(EvaluationError, match="发布|published|审核|review"):
        services.adjust_result(result, committee_staff, points=5, reason="试图修改")


def test_upheld_complaints_count_against_the_window(make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = fill_window(year, window_a, unit_secretary)
    complaint(window_a)
    complaint(window_a)
    complaint(window_a, upheld=False)
    complaint(window_a, when=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))  # last year's does not count
    services.start_review(year, committee_staff)
    services.approve_result(result, committee_staff, committee_score=100)
    # (100×30 + 100×10)/40 = 100, minus 2 × 2 = 96
    assert Result.objects.get(pk=result.pk).final_score == D("96.00")


def test_plaques_follow_the_results_and_keep_the_history(make_year, window_a, window_b, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    PlaqueRecord.objects.create(window=window_b, year=2026, level="pioneer", source="application", decided_at=year.created_at,
                                verification_code="B2026")
    fill_window(year, window_a, unit_secretary)
    complaint(window_b, serious=True)
    advance(year, committee_staff, Phase.PUBLISHED)
    services.decide_plaques(year, committee_staff)
    a = PlaqueRecord.objects.get(window=window_a, year=2027)
    b = PlaqueRecord.objects.get(window=window_b, year=2027)
    # organisation 100 (30%) and committee 90 (10%): (3000 + 900) / 40 = 97.5
    assert a.level == "pioneer" and a.source == "evaluation" and "97.50" in a.reason
    assert b.level == "none" and ("严重投诉" in b.reason or "serious" in b.reason)
    assert PlaqueRecord.objects.get(window=window_b, year=2026).level == "pioneer"  # history stays
    assert AuditEntry.objects.filter(action="posts.plaque.recorded", to_state__in=["pioneer", "none"]).count() == 2
    assert a.change == "upgraded" or a.change == "awarded"
    assert b.change == "withdrawn"
    services.close_year(year, committee_staff)


def test_the_public_plaque_reason_is_written_in_the_sites_language(make_year, window_a, unit_secretary, committee_staff):
    from django.utils import translation

    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    with translation.override("en"):  # a committee member using the English interface decides
        services.decide_plaques(year, committee_staff)
    reason = PlaqueRecord.objects.get(window=window_a, year=2027).reason
    assert reason.startswith("2026年度考评") and "points" not in reason


def test_the_plaque_verification_page_says_why_and_links_to_the_scores(client, make_year, window_a, unit_secretary, committee_staff):
    from django.urls import reverse

    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    services.decide_plaques(year, committee_staff)
    record = PlaqueRecord.objects.get(window=window_a, year=2027)
    html = client.get(reverse("posts:plaque_verify", args=[record.verification_code])).content.decode()
    assert record.reason in html
    scores = reverse("evaluation:plaques", args=[2026]) + f"#plaque-{window_a.code}"
    assert scores in html
    assert f'id="plaque-{window_a.code}"' in client.get(reverse("evaluation:plaques", args=[2026])).content.decode()


def test_the_demo_writes_its_stored_texts_in_chinese(db):
    from django.core.management import call_command

    with translation_override("en"):
        call_command("load_demo", verbosity=0)
    reasons = list(PlaqueRecord.objects.filter(source="evaluation").values_list("reason", flat=True))
    assert reasons and all("年度考评" in r for r in reasons)
    assert not AuditEntry.objects.filter(reason="Criteria frozen.").exists()


def test_it_refuses_closing_the_year_before_plaques_are_decided(make_year, window_a, committee_staff):
    year = make_year(Phase.PUBLISHED)
    with pytest.raises(EvaluationError, match="牌|plaque"):
        services.close_year(year, committee_staff)


def test_it_refuses_deciding_plaques_before_publication(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with pytest.raises(EvaluationError):
        services.decide_plaques(year, committee_staff)
    assert not PlaqueRecord.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_of_two_staff_publishing_at_once_one_publishes(committee_staff, unit_a, branch_a1, member):
    import threading

    from django.db import connection

    from tests.evaluation.conftest import confirm, make_window

    window, post = make_window(unit_a, "W-PG2", post_org=branch_a1)
    confirm(member, post)
    year = advance(services.create_year(2026, committee_staff), committee_staff, Phase.REVIEW)
    for result in year.results.all():
        services.approve_result(result, committee_staff, committee_score=90)
    barrier = threading.Barrier(4)
    outcomes = []

    def publish():
        barrier.wait()
        try:
            services.publish_results(EvaluationYear.objects.get(pk=year.pk), committee_staff)
            outcomes.append("ok")
        except EvaluationError:
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


def test_the_committee_approves_the_remaining_results_at_once(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    first = year.results.order_by("pk").first()
    services.approve_result(first, committee_staff, committee_score=70)
    assert services.approve_remaining(year, committee_staff, committee_score="95") == year.results.count() - 1
    assert not year.results.filter(status="open").exists()
    assert Result.objects.get(pk=first.pk).committee_score == 70
    assert AuditEntry.objects.filter(action="evaluation.result.approved").count() == year.results.count()


def test_it_refuses_approving_at_once_outside_the_review(assessment_year, committee_staff):
    with pytest.raises(EvaluationError):
        services.approve_remaining(assessment_year, committee_staff, committee_score=90)
    assert not assessment_year.results.exclude(status="open").exists()


def test_a_complaint_naming_a_member_counts_against_that_member(make_year, window_a, member, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    complaint(window_a, member=member, serious=True)
    services.start_review(year, committee_staff)
    own = services.approve_result(Result.objects.get(year=year, member=member), committee_staff, committee_score=100)
    other = services.approve_result(Result.objects.filter(year=year, kind="member").exclude(member=member).first(), committee_staff, committee_score=100)
    # Only the committee source: 100, minus 2 for the complaint; the serious one vetoes the grade.
    assert (own.final_score, own.grade) == (D("98.00"), "fail")
    assert (other.final_score, other.grade) == (D("100.00"), "excellent")
