"""What the year-end writes for people is stored as a message: written while the committee member's interface was
in one language (both are tried), each row reads in English and in Chinese. Window names stay as they were typed."""

import pytest
from django.utils import translation

from evaluation.models import Phase, Result
from evaluation.results.plaques import decide_plaques
from evaluation.results.services import publish_results
from evaluation.review.services import approve_remaining
from evaluation.vote.services import generate_tokens_for_windows
from members.models import AuditEntry, Notification
from posts.models import PlaqueRecord
from tests.evaluation.conftest import advance, fill_window


@pytest.fixture(params=["en", "zh-hans"])
def actor_language(request):
    return request.param


def reads(row, field) -> dict:
    row = type(row).objects.get(pk=row.pk)
    seen = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            seen[language] = getattr(row, field)
    return seen


def test_published_results_tell_each_member_in_their_language(
    actor_language, make_year, window_a, member, committee_staff, django_capture_on_commit_callbacks
):
    year = make_year(Phase.REVIEW)
    approve_remaining(committee_staff, year=year, committee_score=90)
    with translation.override(actor_language), django_capture_on_commit_callbacks(execute=True):
        publish_results(committee_staff, year=year)
    assert reads(Notification.objects.get(recipient=member.user), "text") == {
        "en": "Your evaluation result for 2026 is published.",
        "zh-hans": "您的2026年度考评结果已公布。",
    }
    n = year.results.count()
    entry = AuditEntry.objects.get(action="evaluation.year.published")
    assert reads(entry, "reason") == {"en": f"{n} results published.", "zh-hans": f"已公布{n}项结果。"}


def test_approving_the_remaining_results_is_recorded_in_each_language(actor_language, make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with translation.override(actor_language):
        n = approve_remaining(committee_staff, year=year, committee_score=90)
    entry = AuditEntry.objects.get(action="evaluation.results.approved_remaining")
    assert n == Result.objects.filter(year=year).count() > 0  # the score as parsed: two decimals
    assert reads(entry, "reason") == {
        "en": f"{n} results approved with the committee score 90.00.",
        "zh-hans": f"{n} 项结果以党工委审核分 90.00 通过。",
    }


def test_vote_cards_are_recorded_in_each_language(actor_language, make_year, window_a, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    with translation.override(actor_language):
        generate_tokens_for_windows(committee_staff, year=year, windows=[window_a], size_per_window=3)
    entry = AuditEntry.objects.get(action="evaluation.tokens.generated_many")
    assert reads(entry, "reason") == {"en": "3 cards for 1 windows.", "zh-hans": "为 1 个窗口生成 3 张投票卡。"}


def test_the_public_plaque_reason_reads_in_each_readers_language_whoever_decided(
    actor_language, make_year, window_a, unit_secretary, committee_staff
):
    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    with translation.override(actor_language):
        decide_plaques(committee_staff, year=year)
    record = PlaqueRecord.objects.get(window=window_a, year=2027)
    # organisation 100 (30%) and committee 90 (10%): (3000 + 900) / 40 = 97.5, above the pioneer standard.
    assert record.level == PlaqueRecord.Level.PIONEER
    standard = year.pioneer_min
    assert reads(record, "reason") == {
        "en": f"2026 evaluation: 97.50 points, Excellent. Awarded the pioneer post plaque (standard {standard} reached).",
        "zh-hans": f"2026年度考评得分97.50分，等次为优秀。达到标准（{standard}分），授予“共产党员先锋岗”牌子。",
    }
    # The text column keeps a snapshot in the site's language for search and exports, whoever decided.
    assert PlaqueRecord.objects.filter(pk=record.pk, reason__startswith="2026年度考评").exists()
    summary = AuditEntry.objects.get(action="posts.plaques.recorded")
    assert reads(summary, "reason") == {"en": "1 plaque decisions for 2027 recorded.", "zh-hans": "2027年度 1 项挂牌决定已记录。"}


def test_deciding_again_rewrites_the_reason_as_a_message(make_year, window_a, unit_secretary, committee_staff):
    """A second decision updates the existing records in bulk: their messages (key and parameters) follow."""
    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    PlaqueRecord.objects.create(
        window=window_a,
        year=2027,
        level="striving",
        source="application",
        reason="申报通过",
        decided_at=year.created_at,
        verification_code="A2027",
    )
    with translation.override("en"):
        decide_plaques(committee_staff, year=year)
    record = PlaqueRecord.objects.get(window=window_a, year=2027)
    assert record.verification_code == "A2027" and record.reason_key == "%(sentences)s"
    assert reads(record, "reason")["en"].startswith("2026 evaluation: 97.50 points, Excellent.")
    assert PlaqueRecord.objects.filter(pk=record.pk, reason__startswith="2026年度考评").exists()
