"""The evaluation demo: last year finished with plaques, this year in assessment with votes; idempotent."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import override as translation_override

from evaluation import demo
from evaluation.models import Ballot, EvaluationYear, Phase
from members.models import AuditEntry
from posts.models import PlaqueRecord


def snapshot():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def district(db):
    """The whole demo: members, posts and windows, then this app's evaluations."""
    call_command("load_demo", verbosity=0)


def test_the_demo_creates_nothing_without_windows(db):
    from members import demo as members_demo

    members_demo.load()
    before = snapshot()
    demo.load()
    assert snapshot() == before


def test_the_demo_runs_a_whole_year_and_leaves_this_year_in_assessment(district):
    this_year = timezone.localdate().year
    last = EvaluationYear.objects.get(year=this_year - 1)
    current = EvaluationYear.objects.get(year=this_year)
    assert last.phase == Phase.PUBLISHED and last.plaques_decided_at
    assert not last.results.exclude(status="published").exists()
    assert last.results.windows().count() >= 10
    assert PlaqueRecord.objects.filter(year=this_year, source="evaluation").count() == last.results.windows().count()
    assert set(PlaqueRecord.objects.filter(year=this_year, source="evaluation").values_list("level", flat=True)) >= {"pioneer", "striving"}
    assert current.phase == Phase.ASSESSMENT
    assert Ballot.objects.filter(year=current).exists()
    assert current.criteria.count() == 30


def test_loading_the_demo_twice_changes_nothing(district):
    before = snapshot()
    demo.load()
    assert snapshot() == before


def test_the_demo_has_a_login_with_a_self_report_to_write(district, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from members.demo import DEMO_PASSWORD

    this_year = timezone.localdate().year
    user = get_user_model().objects.get(username=demo.COLLEAGUE)
    assert user.check_password(DEMO_PASSWORD) and user.member.branch.code == "XZSP-1"
    client.force_login(user)
    response = client.get(reverse("evaluation:self_assessment", args=[this_year]))
    assert response.status_code == 200 and not response.context["form"].fields["report"].disabled
    assert response.context["result"].self_score is None


def test_the_demo_writes_its_stored_texts_in_chinese(db):
    from django.core.management import call_command

    with translation_override("en"):
        call_command("load_demo", verbosity=0)
    reasons = list(PlaqueRecord.objects.filter(source="evaluation").values_list("reason", flat=True))
    assert reasons and all("年度考评" in r for r in reasons)
    assert not AuditEntry.objects.filter(reason="Criteria frozen.").exists()
