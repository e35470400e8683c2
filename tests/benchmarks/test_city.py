"""The city builder at a tiny scale: the counts it promises, constraints respected, the same rows from the same seed."""

import pytest

from benchmarks.city import CITY, build_city
from evaluation.models import Ballot, CriterionScore, EvaluationYear, PeerRating, Phase, Result
from members.models import Member, Organisation, Role
from posts.models import Assignment, Feedback, HandbookEdition, Nomination, PlaqueRecord, Window

TINY = CITY.scaled(0.02)


@pytest.mark.django_db
def test_it_builds_two_districts_with_the_promised_counts():
    counts = build_city(seed=7, districts=2, sizes=TINY)

    assert counts["committees"] == 2
    assert counts["units"] == 2 * TINY.units
    assert counts["branches"] == 2 * TINY.branches
    assert counts["members"] == 2 * TINY.members
    assert counts["posts"] == 2 * TINY.posts
    assert counts["windows"] == 2 * TINY.units * TINY.windows_per_unit
    assert counts["feedback"] == 2 * TINY.feedback
    assert counts["years"] == 2
    holders = Assignment.objects.confirmed().count()
    assert holders == 2 * TINY.holders
    with_posts = Window.objects.filter(posts__isnull=False).distinct().count()
    # One result per holder and per window with posts, in each of the two years.
    assert counts["results"] == 2 * (holders + with_posts)
    assert counts["ballots"] == 2 * with_posts * TINY.ballots_per_window
    assert counts["peer_ratings"] == PeerRating.objects.filter(rated__assignments__status="confirmed").count()
    assert CriterionScore.objects.count() == 2 * with_posts * 30


@pytest.mark.django_db
def test_each_district_is_a_committee_of_its_own_with_its_staff():
    build_city(seed=7, districts=2, sizes=TINY)

    for committee in Organisation.objects.filter(kind="committee"):
        units = Organisation.objects.filter(parent=committee)
        assert units.count() == TINY.units
        assert Member.objects.filter(branch__parent__parent=committee).count() == TINY.members
        assert Role.objects.filter(kind=Role.Kind.COMMITTEE_STAFF, organisation=committee).count() == 1
    assert Role.objects.get(user__username="committee").organisation.code == "D01"
    # Open rounds at both levels, with nominations awaiting review, as in the district demo.
    assert Nomination.objects.filter(status="submitted", round__organisation__kind="branch").exists()
    assert Nomination.objects.filter(status="submitted", round__organisation__kind="unit").exists()


@pytest.mark.django_db
def test_last_year_is_published_with_snapshots_and_plaques_and_this_year_is_open():
    build_city(seed=7, districts=2, sizes=TINY)

    last, this = EvaluationYear.objects.order_by("year")
    assert last.phase == Phase.PUBLISHED and this.phase == Phase.ASSESSMENT
    assert not last.results.exclude(status=Result.Status.PUBLISHED).exists()
    sample = last.results.windows().first()
    assert str(sample.final_score) == sample.snapshot["outcome"]["final"]
    assert len(sample.snapshot["criteria"]) == 30
    assert not this.results.exclude(status=Result.Status.OPEN).exists()
    assert Ballot.objects.filter(year=this).exists()
    assert PlaqueRecord.objects.filter(year=this.year).count() == Window.objects.filter(posts__isnull=False).distinct().count()
    assert HandbookEdition.objects.get().window_count == Window.objects.count()


@pytest.mark.django_db
def test_concluded_complaints_are_judged():
    build_city(seed=7, districts=2, sizes=TINY)

    done = Feedback.objects.filter(kind="complaint", status__in=["concluded", "escalated", "closed"])
    assert done.exists()
    assert not done.filter(upheld__isnull=True).exists()


def _snapshot():
    return (list(Member.objects.order_by("member_no").values_list("member_no", "name", "branch__code")),
            list(Feedback.objects.order_by("tracking_code").values_list("tracking_code", "window__code", "status")),
            list(Result.objects.filter(status="published").order_by("year__year", "kind", "member__member_no", "window__code")
                 .values_list("final_score", flat=True)))


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_builds_the_same_rows():
    build_city(seed=7, districts=2, sizes=TINY)
    first = _snapshot()
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    build_city(seed=7, districts=2, sizes=TINY)

    assert _snapshot() == first
    assert len(first[0]) == 2 * TINY.members


@pytest.mark.django_db
def test_the_published_scores_are_what_the_evaluation_code_computes_from_the_same_rows():
    from benchmarks.yearend import python_scores

    build_city(seed=7, districts=2, sizes=TINY)
    year = EvaluationYear.objects.get(phase=Phase.PUBLISHED)

    computed = python_scores(year)

    stored = {r.pk: (r.final_score, r.grade) for r in year.results.all()}
    assert computed == stored
    assert len({grade for _score, grade in stored.values()}) > 1
