"""The job pages: who sees which job and file, the JSON the page's script polls, the page with and without a file."""

import pytest
from django.urls import reverse

from members.jobs.models import Job


@pytest.fixture
def job_with_file(run_job_now, secretary, branch_a1):
    return run_job_now(secretary, "tests.count", scope=branch_a1, n=3, with_file=True)


@pytest.mark.parametrize(
    ("role", "status"),
    [("secretary", 200), ("committee_staff", 200), ("admin", 200), ("other_secretary", 404), ("unit_secretary", 404), ("member", 404)],
)
def test_a_job_file_is_downloaded_only_by_its_owner_and_committee_staff(cast, client_for, job_with_file, role, status):
    client = client_for(cast[role])
    for name in ("detail", "status", "download"):
        response = client.get(reverse(f"jobs:{name}", args=[job_with_file.pk]))
        assert response.status_code == status, (name, role)
    if status == 200:
        response = client.get(reverse("jobs:download", args=[job_with_file.pk]))
        assert b"".join(response.streaming_content).decode() == "序号\n0\n1\n2\n"
        assert "attachment" in response["Content-Disposition"]
        assert "filename*=utf-8''%E5%90%8D%E5%8D%95_2026.csv" in response["Content-Disposition"]


def test_committee_staff_of_another_committee_do_not_see_the_job(client_for, job_with_file):
    from tests.factories import CommitteeFactory, RoleFactory, UserFactory

    stranger = RoleFactory(user=UserFactory(username="elsewhere"), kind="committee_staff", organisation=CommitteeFactory(code="C2")).user
    assert client_for(stranger).get(reverse("jobs:detail", args=[job_with_file.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, job_with_file):
    for name in ("detail", "status", "download"):
        response = client.get(reverse(f"jobs:{name}", args=[job_with_file.pk]))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_status_json_has_the_shape_the_page_script_reads(client_for, secretary, job_with_file):
    data = client_for(secretary).get(reverse("jobs:status", args=[job_with_file.pk])).json()
    assert data == {
        "state": "done", "state_label": "已完成", "finished": True, "done": 3, "total": 3, "percent": 100,
        "message": "", "download_url": f"/jobs/{job_with_file.pk}/download/", "next_url": None,
    }


def test_status_json_of_a_queued_and_a_failed_job(client_for, secretary, run_job_now):
    queued = Job.objects.create(kind="tests.count", created_by=secretary, total=8, done=2)
    data = client_for(secretary).get(reverse("jobs:status", args=[queued.pk])).json()
    assert (data["state"], data["finished"], data["percent"], data["download_url"]) == ("queued", False, 25, None)
    failed = run_job_now(secretary, "tests.refuse")
    data = client_for(secretary).get(reverse("jobs:status", args=[failed.pk]), HTTP_ACCEPT_LANGUAGE="en").json()
    # The reader asked for English: the stored message key is translated for them, not for the starter.
    assert data["state"] == "failed" and data["message"] == "This upload has expired or is not yours; please upload the file again."


def test_the_finished_page_shows_the_bar_the_outcome_and_the_download(client_for, secretary, job_with_file):
    html = client_for(secretary).get(reverse("jobs:detail", args=[job_with_file.pk])).content.decode()
    assert '<progress class="w-100" value="3" max="3"' in html and "3 / 3" in html
    assert f'href="/jobs/{job_with_file.pk}/download/"' in html and "名单_2026.csv" in html
    assert '<script src="/static/js/job.js">' in html
    assert "http-equiv" not in html  # finished: nothing to refresh


def test_a_page_without_a_file_has_no_download_and_refreshes_only_without_script(client_for, secretary):
    job = Job.objects.create(kind="tests.count", created_by=secretary, state=Job.State.RUNNING, done=4, total=10)
    html = client_for(secretary).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<progress class="w-100" value="4" max="10"' in html and "4 / 10" in html
    assert "download" not in html.split("<main", 1)[1].split("</main>")[0].replace("data-job-download", "")
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html


def test_a_failed_job_page_says_why_in_the_readers_language(client_for, secretary, run_job_now):
    job = run_job_now(secretary, "tests.refuse")
    client = client_for(secretary)
    assert "此上传已过期或不属于您" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "This upload has expired or is not yours" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def _jobs(user, scope, n):
    Job.objects.bulk_create([Job(kind="tests.count", created_by=user, scope=scope) for _ in range(n)])


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_shows_own_jobs_and_committee_staff_their_scope_in_pinned_queries(
    client_for, secretary, other_secretary, committee_staff, branch_a1, branch_b1, django_assert_num_queries, n
):
    _jobs(secretary, branch_a1, n)
    _jobs(other_secretary, branch_b1, 2)
    client = client_for(committee_staff)
    # session, user, roles, member record, unread notifications, count, one page of jobs with their users and organisations
    with django_assert_num_queries(7):
        response = client.get(reverse("jobs:list"))
    assert response.context["paginator"].count == n + 2
    assert len(response.context["object_list"]) == min(n + 2, 25)
    own = client_for(other_secretary).get(reverse("jobs:list"))
    assert own.context["paginator"].count == 2
