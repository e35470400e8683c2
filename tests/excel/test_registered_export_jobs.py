"""The exports the apps register follow the members' rule: above EXCEL_INLINE_EXPORT_ROWS a job, its file from the job page.

The job keeps only the export's code and the query; it rebuilds the rows from its starter's scope as it is
when it runs, so nothing stored in its params can widen what the file holds.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Activity, EvaluationYear, QuarterReport
from members.jobs.models import Job
from pioneer import excel
from posts.models import Assignment, Feedback, PlaqueRecord, Post, Window
from tests.excel.helpers import rows_of
from tests.excel.test_export_jobs import downloaded_rows
from tests.factories import MemberFactory

NOON = timezone.make_aware(datetime.datetime(2026, 3, 5, 12, 0))
POSTS_URL = reverse("members:excel:posts_export")
ROUTED = sorted(code for code, exporter in excel.EXPORTS.items() if exporter.excel_url)


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 3


def post(org, title, kind="public"):
    return Post.objects.create(organisation=org, title=title, kind=kind, duties="窗口受理", capacity=3, service_items="咨询")


@pytest.fixture
def city(cast, member, unit_a, unit_b, branch_a1, branch_b1):
    """Five posts (three of branch A1, one of unit A, one of branch B1), each on a window of its unit, held, with feedback,
    a plaque and a quarter's activity."""
    year = EvaluationYear.objects.create(year=2026)
    posts = [post(branch_a1, "综合受理岗"), post(branch_a1, "政策咨询岗"), post(branch_a1, "帮办代办岗"),
             post(unit_a, "党建联络岗"), post(branch_b1, "户籍办理岗")]
    for number, p in enumerate(posts):
        unit = unit_b if p.organisation == branch_b1 else unit_a
        window = Window.objects.create(organisation=unit, code=f"W-{number}", name=f"{number}号窗口")
        window.posts.set([p])
        holder = member if number == 0 else MemberFactory(branch=branch_b1 if unit == unit_b else branch_a1)
        Assignment.objects.create(member=holder, post=p, status="confirmed", decided_at=NOON, confirmed_at=NOON)
        Feedback.objects.create(window=window, kind="praise", text="很好", created_at=NOON, due_at=NOON)
        PlaqueRecord.objects.create(window=window, year=2025, level="pioneer", source="evaluation", decided_at=NOON)
        report = QuarterReport.objects.create(year=year, window=window, quarter=1)
        Activity.objects.create(report=report, date=datetime.date(2026, 3, 5), kind="study", description="学习党章")
    return posts


def titles(rows):
    return sorted(r[2] for r in rows[1:])


def test_a_posts_export_above_the_threshold_is_a_job_whose_file_has_the_rows(city, cast, client_for):
    client = client_for(cast["admin"])
    response = client.get(POSTS_URL)
    job = Job.objects.get(kind="excel.export")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.params == {"code": "posts", "query": ""}
    assert (job.state, job.done, job.total, job.result_data) == (Job.State.DONE, 5, 5, {"rows": 5})
    assert job.result_name.startswith("先锋岗岗位-") and job.result_name.endswith(".xlsx")
    rows = downloaded_rows(client, job)
    assert rows[0][:3] == ("组织代码", "党组织", "岗位名称")
    assert titles(rows) == ["党建联络岗", "帮办代办岗", "户籍办理岗", "政策咨询岗", "综合受理岗"]


def test_below_the_threshold_the_posts_come_at_once(city, cast, client_for, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 5
    response = client_for(cast["admin"]).get(POSTS_URL)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert len(rows_of(response)) == 6
    assert not Job.objects.exists()


def test_a_secretarys_posts_job_holds_their_branchs_posts_only(city, cast, client_for, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 2  # the branch has three
    client = client_for(cast["secretary"])
    client.get(POSTS_URL)
    job = Job.objects.get(kind="excel.export")
    assert titles(downloaded_rows(client, job)) == ["帮办代办岗", "政策咨询岗", "综合受理岗"]


def test_another_users_posts_job_file_is_404(city, cast, client_for, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 2
    client_for(cast["secretary"]).get(POSTS_URL)
    job = Job.objects.get(kind="excel.export")
    for role in ("other_secretary", "unit_secretary", "member"):
        assert client_for(cast[role]).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert len(downloaded_rows(client_for(cast["secretary"]), job)) == 4


def test_a_forged_filter_in_the_params_cannot_widen_the_posts_job(city, cast, client_for, run_job_now, unit_b, branch_b1):
    # Whatever the stored query names (another unit, a scope word), the rows are the starter's own.
    forged = run_job_now(cast["secretary"], "excel.export", code="posts",
                         query=f"organisation={branch_b1.pk}&unit={unit_b.pk}&scope=all&all=1")
    assert forged.state == Job.State.DONE
    assert titles(downloaded_rows(client_for(cast["secretary"]), forged)) == ["帮办代办岗", "政策咨询岗", "综合受理岗"]


def test_the_job_reads_the_starters_scope_when_it_runs_not_when_it_was_asked_for(city, cast, settings, branch_b1):
    from django.test import Client

    from members.jobs import services
    from members.models import Role

    settings.EXCEL_INLINE_EXPORT_ROWS = 2
    secretary = cast["secretary"]
    extra = Role.objects.create(user=secretary, kind="branch_secretary", organisation=branch_b1)
    client = Client()  # its job waits in the queue: the request's transaction is never committed here
    client.force_login(secretary, backend="django.contrib.auth.backends.ModelBackend")
    client.get(POSTS_URL)  # asked for with branches A1 and B1: four posts
    job = Job.objects.get(kind="excel.export")
    assert job.state == Job.State.QUEUED
    extra.delete()  # by the time the job runs, branch B1 is no longer the secretary's
    assert services.run(job.pk) == Job.State.DONE
    job.refresh_from_db()
    assert job.result_data == {"rows": 3}
    assert titles(downloaded_rows(client, job)) == ["帮办代办岗", "政策咨询岗", "综合受理岗"]


def test_a_starter_who_lost_every_role_gets_no_posts_file(city, cast, run_job_now):
    from members.models import Role

    Role.objects.filter(user=cast["secretary"]).delete()
    job = run_job_now(cast["secretary"], "excel.export", code="posts")
    assert job.state == Job.State.FAILED and not job.result_file


def test_an_unknown_code_in_the_params_is_refused(cast, run_job_now):
    job = run_job_now(cast["admin"], "excel.export", code="no-such-export")
    assert job.state == Job.State.FAILED and not job.result_file


@pytest.mark.parametrize("code", ROUTED)
def test_every_registered_export_is_a_job_above_the_threshold_with_the_same_rows(city, cast, client_for, settings, code):
    url = reverse(f"members:excel:{code}_export")
    client = client_for(cast["committee_staff"])
    settings.EXCEL_INLINE_EXPORT_ROWS = 5000
    at_once = rows_of(client.get(url))
    assert len(at_once) > 2, "the export has rows to move to a job"
    settings.EXCEL_INLINE_EXPORT_ROWS = len(at_once) - 2  # one row fewer than the file holds
    response = client.get(url)
    job = Job.objects.get(kind="excel.export", params__code=code)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == Job.State.DONE and job.result_data == {"rows": len(at_once) - 1}
    assert downloaded_rows(client, job) == at_once


def test_every_registered_export_counts_its_rows():
    # register_export refuses one that cannot: it would be written inside the request whatever its size.
    assert all(exporter.count is not excel.XlsxExporter.count for exporter in excel.EXPORTS.values())
