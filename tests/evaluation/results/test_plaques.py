"""Plaque decisions follow the published results, keep the register's history and say why in public."""


import pytest
from django.urls import reverse

from evaluation.models import Phase, Result
from evaluation.results.plaques import decide_plaques
from evaluation.sources.services import score_window
from evaluation.years.services import close_year
from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import PlaqueRecord
from tests.evaluation.conftest import advance, complaint, fill_window


def test_plaques_follow_the_results_and_keep_the_history(make_year, window_a, window_b, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    PlaqueRecord.objects.create(window=window_b, year=2026, level="pioneer", source="application", decided_at=year.created_at,
                                verification_code="B2026")
    fill_window(year, window_a, unit_secretary)
    complaint(window_b, serious=True)
    advance(year, committee_staff, Phase.PUBLISHED)
    decide_plaques(committee_staff, year=year)
    a = PlaqueRecord.objects.get(window=window_a, year=2027)
    b = PlaqueRecord.objects.get(window=window_b, year=2027)
    # organisation 100 (30%) and committee 90 (10%): (3000 + 900) / 40 = 97.5
    assert a.level == "pioneer" and a.source == "evaluation" and "97.50" in a.reason
    assert b.level == "none" and ("严重投诉" in b.reason or "serious" in b.reason)
    assert PlaqueRecord.objects.get(window=window_b, year=2026).level == "pioneer"  # history stays
    # One summary entry for the decision, not one per window.
    summary = AuditEntry.objects.get(action="posts.plaques.recorded")
    assert summary.object_id == str(year.pk) and summary.to_state == "none:1 pioneer:1"
    assert summary.reason == "2027年度 2 项挂牌决定已记录。"
    assert a.change == "upgraded" or a.change == "awarded"
    assert b.change == "withdrawn"
    close_year(committee_staff, year=year)


def test_the_plaque_verification_page_says_why_and_links_to_the_scores(client, make_year, window_a, unit_secretary, committee_staff):
    from django.urls import reverse

    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    decide_plaques(committee_staff, year=year)
    record = PlaqueRecord.objects.get(window=window_a, year=2027)
    html = client.get(reverse("posts:plaque_verify", args=[record.verification_code])).content.decode()
    assert record.reason in html
    scores = reverse("evaluation:plaques", args=[2026]) + f"#plaque-{window_a.code}"
    assert scores in html
    assert f'id="plaque-{window_a.code}"' in client.get(reverse("evaluation:plaques", args=[2026])).content.decode()


def test_it_refuses_deciding_plaques_before_publication(make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with pytest.raises(Refusal):
        decide_plaques(committee_staff, year=year)
    assert not PlaqueRecord.objects.exists()


def test_anyone_can_see_why_a_window_got_its_plaque(client, make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    score_window(unit_secretary, result=result, scores={c.pk: (str(c.max_points), "") for c in year.criteria.all()})
    advance(year, committee_staff, Phase.PUBLISHED)
    decide_plaques(committee_staff, year=year)
    html = client.get(reverse("evaluation:plaques", args=[year.year])).content.decode()
    assert "共产党员先锋岗" in html and "97.50" in html and "党组织综合评定 100.00" in html


def test_the_public_register_shows_the_decision_at_once(client, make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    fill_window(year, window_a, unit_secretary)
    advance(year, committee_staff, Phase.PUBLISHED)
    register = reverse("posts:plaque_register")
    assert window_a.name not in client.get(register).content.decode()  # stored for visitors without a session
    decide_plaques(committee_staff, year=year)
    assert window_a.name in client.get(register).content.decode()
