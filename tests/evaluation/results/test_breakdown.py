"""The result explanation adds up: every line shown, in cents, sums to the total shown."""

import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from evaluation import scoring
from evaluation.models import EvaluationYear, Result
from evaluation.results.breakdown import breakdown, shown_amounts
from evaluation.results.explanation import InputContext, explain


def test_apportioned_cents_add_up_to_the_total_and_move_at_most_a_cent():
    exact = [D("31.665"), D("31.665"), D("31.67")]
    assert scoring.apportion(exact, D("95.00")) == [D("31.67"), D("31.66"), D("31.67")]
    assert scoring.apportion([D("10.336"), D("10.336")], D("20.67")) == [D("10.34"), D("10.33")]
    assert scoring.apportion([D(10), D(0)], D("10.00")) == [D("10.00"), D("0.00")]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def demo_committee(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="committee")


def test_on_every_demo_result_the_lines_shown_add_up_to_the_total_shown(demo):
    carried = 0
    for year in EvaluationYear.objects.all():
        context = InputContext.for_all(year)
        for result in year.results.select_related("member", "window"):
            shown = breakdown(explain(result, context), year, result.kind)
            assert sum(ln["points"] for ln in shown["lines"]) == shown["base"], result
            assert sum(shown_amounts(shown)) == shown["final"], result
            carried += shown["carried"]
    assert carried  # the demo has results whose rounding had to be carried (issue: 32 of 160)


def test_the_result_page_shows_lines_that_add_up_and_the_rules_behind_them(demo_committee, client_for):
    year = EvaluationYear.objects.filter(phase="published").get()
    client = client_for(demo_committee)
    # Those whose stored per-source points did not add up to the weighted score first (the 32 of 160).
    results = sorted(year.results.order_by("pk"), key=lambda r: sum(D(ln["points"]) for ln in r.snapshot["outcome"]["lines"])
                     == D(r.snapshot["outcome"]["base"]))[:12]
    assert sum(D(ln["points"]) for ln in results[0].snapshot["outcome"]["lines"]) != D(results[0].snapshot["outcome"]["base"])
    checked = 0
    for result in results:
        html = client.get(reverse("evaluation:result_detail", args=[year.year, result.pk])).content.decode()
        amounts = [D(a) for a in re.findall(r'data-amount="(-?[0-9.]+)"', html)]
        total = D(re.search(r'data-testid="breakdown-total">([0-9.]+)<', html).group(1))
        assert sum(amounts) == total == result.final_score
        assert 'data-testid="carried"' in html or checked > 0
        assert "满意 = 85" in html and "基本满意 = 60" in html and "称职 = 85" in html
        assert "群众投票满 10 张、互评满 3 份方可计入" in html
        checked += 1
    assert checked == 12
    # A source below its minimum says why it is left out.
    result = year.results.members().order_by("pk").first()
    snap = dict(result.snapshot, counts={"ballots": 4, "peer_ratings": 2})
    Result.objects.filter(pk=result.pk).update(snapshot=snap)
    html = client_for(demo_committee).get(reverse("evaluation:result_detail", args=[year.year, result.pk])).content.decode()
    assert "共 4 张选票，不足 10 张：不计入，其权重由其他来源按比例分摊。" in html
    assert "共 2 份互评，不足 3 份：不计入，其权重由其他来源按比例分摊。" in html
