"""The year-end moves run as jobs: each view starts one and sends the user to its page."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from evaluation import jobs
from evaluation.models import Phase, Result
from evaluation.results.plaques import decide_plaques
from evaluation.results.services import publish_results
from evaluation.review.services import approve_remaining
from members.jobs.models import Job
from members.jobs.services import Progress, start_job
from posts.models import PlaqueRecord


def post_and_run(client, url, data=None, capture=None):
    with capture(execute=True):
        response = client.post(url, data or {})
    return response


def job_of(response):
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    return job


def end_state(year):
    rows = year.results.order_by("pk").values_list("status", "final_score", "grade")
    year.refresh_from_db()
    plaques = sorted(PlaqueRecord.objects.filter(year=year.year + 1).values_list("window_id", "level"))
    return list(rows), year.phase, plaques


@pytest.fixture
def review_year(make_year, window_a, window_b):
    return make_year(Phase.REVIEW)


def _all_three_by_jobs(client, year, capture):
    job = job_of(post_and_run(client, reverse("evaluation:approve_remaining", args=[year.year]),
                              {"committee_score": "92"}, capture))
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    assert job.kind == jobs.APPROVE
    job.delete()
    job = job_of(post_and_run(client, reverse("evaluation:phase", args=[year.year, "publish"]), capture=capture))
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    assert job.kind == jobs.PUBLISH
    job.delete()
    job = job_of(post_and_run(client, reverse("evaluation:plaques_decide", args=[year.year]), capture=capture))
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    assert job.kind == jobs.PLAQUES


def test_the_three_views_start_jobs_that_end_as_the_direct_calls_do(
    client_for, committee_staff, review_year, django_capture_on_commit_callbacks
):
    sid = transaction.savepoint()
    approve_remaining(committee_staff, year=review_year, committee_score=92)
    publish_results(committee_staff, year=review_year)
    review_year.refresh_from_db()
    decide_plaques(committee_staff, year=review_year)
    direct = end_state(review_year)
    transaction.savepoint_rollback(sid)
    review_year.refresh_from_db()
    assert review_year.phase == Phase.REVIEW
    assert review_year.results.filter(status=Result.Status.OPEN).exists()

    _all_three_by_jobs(client_for(committee_staff), review_year, django_capture_on_commit_callbacks)
    assert end_state(review_year) == direct
    assert direct[1] == Phase.PUBLISHED and direct[2]


def test_a_second_post_while_one_runs_is_refused(client_for, committee_staff, review_year):
    client = client_for(committee_staff)
    url = reverse("evaluation:approve_remaining", args=[review_year.year])
    # No commit in a test: the first job stays queued, as it would while a worker has it.
    first = job_of(client.post(url, {"committee_score": "92"}))
    response = client.post(url, {"committee_score": "92"}, follow=True)
    assert Job.objects.get() == first
    assert "2026年度的这项操作正在进行中" in response.content.decode()
    # Another move of the same year is a separate job.
    response = client.post(reverse("evaluation:plaques_decide", args=[review_year.year]))
    assert Job.objects.filter(kind=jobs.PLAQUES).count() == 1


def test_a_finished_job_does_not_block_the_next_start(client_for, committee_staff, review_year):
    client = client_for(committee_staff)
    url = reverse("evaluation:phase", args=[review_year.year, "publish"])
    first = job_of(client.post(url))
    Job.objects.filter(pk=first.pk).update(state=Job.State.FAILED, error_key="x", finished_at=first.created_at)
    assert client.post(url).status_code == 302
    assert Job.objects.filter(kind=jobs.PUBLISH).count() == 2


@pytest.mark.parametrize("name,kwargs,data", [
    ("evaluation:approve_remaining", {}, {"committee_score": "92"}),
    ("evaluation:phase", {"step": "publish"}, {}),
    ("evaluation:plaques_decide", {}, {}),
])
def test_others_cannot_start_them(client_for, secretary, unit_secretary, review_year, name, kwargs, data):
    url = reverse(name, kwargs={"year": review_year.year, **kwargs})
    for user in (secretary, unit_secretary):
        assert client_for(user).post(url, data).status_code == 403
    assert not Job.objects.exists()


def test_the_job_checks_the_role_again_when_it_runs(secretary, review_year, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(secretary, kind=jobs.APPROVE, params={"year": review_year.year, "committee_score": "92"})
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == "只有党工委工作人员可以进行年终考评操作。"
    assert review_year.results.filter(status=Result.Status.OPEN).exists()


def test_progress_inside_a_transaction_shows_on_the_status_and_the_page(client_for, committee_staff):
    job = Job.objects.create(kind=jobs.APPROVE, created_by=committee_staff, state=Job.State.RUNNING, attempts=1)
    client = client_for(committee_staff)
    progress = Progress(job)
    with transaction.atomic():
        progress(250, 1000)
        # The row says nothing to another connection before the commit; the cache does.
        Job.objects.filter(pk=job.pk).update(done=0, total=0)
        status = client.get(reverse("jobs:status", args=[job.pk])).json()
        assert (status["done"], status["total"], status["percent"]) == (250, 1000, 25)
        assert "250 / 1000" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def test_a_finished_job_shows_its_row_not_the_cache(client_for, committee_staff):
    job = Job.objects.create(kind=jobs.APPROVE, created_by=committee_staff, state=Job.State.RUNNING, attempts=1)
    Progress(job)(3, 10)
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=10, total=10, finished_at=job.created_at)
    status = client_for(committee_staff).get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["done"], status["total"], status["percent"]) == (10, 10, 100)


@pytest.mark.parametrize("kind,done_url,done_label", [
    (jobs.APPROVE, "/evaluation/2026/results/", "查看考评结果"),
    (jobs.PUBLISH, "/evaluation/2026/", "返回考评年度"),
    (jobs.PLAQUES, "/evaluation/2026/plaques/", "查看挂牌决定"),
])
def test_a_finished_year_end_job_leads_on_and_a_failed_one_back_to_the_year(client_for, committee_staff, kind, done_url, done_label):
    job = Job.objects.create(kind=kind, created_by=committee_staff, params={"year": 2026}, state=Job.State.DONE,
                             finished_at=timezone.now())
    client = client_for(committee_staff)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f'href="{done_url}" data-job-next>{done_label}</a>' in page
    # The page shows the outcome itself: its script does not leave it.
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["next_url"] is None
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, error_key="x")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'href="/evaluation/2026/" data-job-next>返回考评年度</a>' in page
