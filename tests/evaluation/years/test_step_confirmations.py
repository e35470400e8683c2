"""Each year-end step, publishing the results among them, goes through a confirmation page that changes nothing."""

import re

import pytest
from django.urls import reverse

from evaluation.models import EvaluationYear, Phase, Result
from evaluation.review.services import approve_result
from members.jobs.models import Job
from members.models import AuditEntry


def _no_inline_script_or_style(html):
    return "style=" not in html and all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_the_year_page_links_to_the_step_instead_of_acting(client_for, committee_staff, make_year):
    year = make_year(Phase.SETUP)
    html = client_for(committee_staff).get(reverse("evaluation:year_detail", args=[year.year])).content.decode()
    url = reverse("evaluation:phase", args=[year.year, "quarterly"])
    assert f'href="{url}"' in html and not re.search(rf'<form[^>]*action="{url}"', html)
    assert "data-confirm" not in html


def test_the_publish_page_counts_the_results_and_publishes_nothing(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.REVIEW)
    for result in year.results.all():
        approve_result(committee_staff, result=result, committee_score=90)
    response = client_for(committee_staff).get(reverse("evaluation:phase", args=[year.year, "publish"]))
    html = response.content.decode()
    assert response.status_code == 200
    # window A: the cast's member and three colleagues; window B: one member. Five members, two windows.
    assert "将公布 7 项考评结果：在岗党员 5 项，服务窗口 2 项。" in html
    assert "2026年度考评将从“党工委审核”阶段进入“结果已公布”阶段。此步骤不可撤销。" in html
    assert ">公布考评结果</button>" in html and "取消" in html
    assert _no_inline_script_or_style(html)
    year.refresh_from_db()
    assert year.phase == Phase.REVIEW and not Job.objects.exists()
    assert not year.results.filter(status=Result.Status.PUBLISHED).exists()


def test_the_publish_page_says_why_it_would_be_refused(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.REVIEW)
    html = client_for(committee_staff).get(reverse("evaluation:phase", args=[year.year, "publish"])).content.decode()
    assert "还有7项结果未经审核" in html
    assert re.search(r'<button[^>]*data-testid="confirm"[^>]*disabled', html)


def test_the_post_from_the_publish_page_starts_the_job(client_for, committee_staff, make_year, window_a,
                                                       django_capture_on_commit_callbacks):
    year = make_year(Phase.REVIEW)
    for result in year.results.all():
        approve_result(committee_staff, result=result, committee_score=90)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(committee_staff).post(reverse("evaluation:phase", args=[year.year, "publish"]))
    assert response["Location"] == f"/jobs/{Job.objects.get().pk}/"
    year.refresh_from_db()
    assert year.phase == Phase.PUBLISHED


@pytest.mark.parametrize(("phase", "step", "words"), [
    (Phase.SETUP, "quarterly", "各单位按季度记录窗口活动。"),
    (Phase.QUARTERLY, "assessment", "考核标准（共 100 分）将被锁定"),
    (Phase.ASSESSMENT, "review", "项考评结果进入党工委审核。"),
    (Phase.PUBLISHED, "close", "请先作出下一年度挂牌决定"),
])
def test_every_step_page_says_what_happens_and_changes_nothing(client_for, committee_staff, make_year, window_a, phase, step, words):
    year = make_year(phase)
    entries = AuditEntry.objects.count()
    html = client_for(committee_staff).get(reverse("evaluation:phase", args=[year.year, step])).content.decode()
    assert words in html and "此步骤不可撤销。" in html
    assert EvaluationYear.objects.get(pk=year.pk).phase == phase and AuditEntry.objects.count() == entries


def test_a_step_out_of_turn_says_so_and_an_unknown_one_is_404(client_for, committee_staff, make_year):
    year = make_year(Phase.SETUP)
    client = client_for(committee_staff)
    html = client.get(reverse("evaluation:phase", args=[year.year, "publish"])).content.decode()
    assert "此操作需要在“党工委审核”阶段进行，当前考评处于“准备”阶段。" in html
    assert client.get(reverse("evaluation:phase", args=[year.year, "nonsense"])).status_code == 404
