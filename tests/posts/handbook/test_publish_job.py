"""Publishing a handbook edition is a job: the draft page starts it, the job page follows it and leads to the edition."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from members.jobs.models import Job
from members.models import Role
from posts.handbook import jobs
from posts.handbook.services import publish_handbook
from posts.models import HandbookEdition
from tests.factories import CommitteeFactory, RoleFactory, UserFactory

URL = "/staff/handbook/"


@pytest.fixture
def publish(client_for, committee_staff, django_capture_on_commit_callbacks):
    """POST the draft page's form as the committee would, the job running in the request as with no broker."""

    def _post(after=0, user=committee_staff, **data):
        client = client_for(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, {"title": "公开服务手册", "note": "", "after": after, **data})
        return client, response

    return _post


def job_of(response) -> Job:
    assert response.status_code == 302
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_the_page_starts_a_job_that_publishes_the_edition(publish, window_a, committee_staff):
    client, response = publish(note="第一版")
    job = job_of(response)
    assert (job.kind, job.state, job.created_by) == (jobs.PUBLISH, Job.State.DONE, committee_staff)
    edition = HandbookEdition.objects.get()
    assert (edition.version, edition.note, edition.published_by, edition.window_count) == (1, "第一版", committee_staff, 1)
    page = client.get(response["Location"])
    html = page.content.decode()
    # The job page leads on to the edition it published, and says which one.
    assert page.context["next"][:2] == ("查看已发布的版本", reverse("posts:handbook_edition", args=[1]))
    assert 'href="/handbook/editions/1/"' in html and "data-job-next" in html
    assert dict(page.context["summary"]) == {"版次": 1, "窗口数": 1}
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["state"] == "done"


def test_the_get_writes_nothing_and_carries_the_latest_edition(client_for, window_a, committee_staff):
    client = client_for(committee_staff)
    assert client.get(URL).context["form"].initial["after"] == 0
    publish_handbook(committee_staff)
    window_a.name = "改名后的窗口"
    window_a.save()
    response = client.get(URL)
    assert response.context["form"].initial["after"] == 1
    assert 'name="after" value="1"' in response.content.decode()
    assert not Job.objects.exists() and HandbookEdition.objects.count() == 1


def test_no_open_window_makes_a_failed_job_that_says_why_in_chinese(publish, db, committee_staff):
    client, response = publish()
    job = job_of(response)
    assert job.state == Job.State.FAILED
    assert job.message == "没有可发布的服务窗口。"
    assert not HandbookEdition.objects.exists()
    page = client.get(response["Location"])
    assert "没有可发布的服务窗口。" in page.content.decode()
    # A failed job leads back to the draft, where it may be tried again.
    assert page.context["next"][1] == reverse("posts:handbook_draft")


def test_the_same_form_sent_twice_makes_one_edition_and_one_job(publish, window_a):
    _client, first = publish(after=0)
    client, second = publish(after=0)
    assert job_of(second) == job_of(first)
    assert Job.objects.count() == 1 and HandbookEdition.objects.count() == 1
    assert "已经提交" in " ".join(str(m) for m in get_messages(second.wsgi_request))


def test_a_second_job_of_a_stale_form_is_refused_and_publishes_nothing(publish, window_a, committee, committee_staff):
    # A colleague sends the same page's form (edition 0 the latest) after the first job published edition 1.
    colleague = RoleFactory(user=UserFactory(username="colleague"), kind=Role.Kind.COMMITTEE_STAFF, organisation=committee).user
    publish(after=0)
    _client, response = publish(after=0, user=colleague)
    job = job_of(response)
    assert job.state == Job.State.FAILED
    assert job.message == "自打开本页以来已发布了第 1 版，未再次发布。"
    assert HandbookEdition.objects.count() == 1


def test_a_second_run_of_the_same_job_ends_with_the_edition_the_first_published(window_a, committee_staff):
    # A worker that died after the edition was committed: the job is run again from the start.
    job = Job.objects.create(
        kind=jobs.PUBLISH, created_by=committee_staff, params={"title": "手册", "note": "第一版", "after": 0}
    )
    first = jobs.publish_edition(job, lambda *a: None, **job.params)
    again = jobs.publish_edition(job, lambda *a: None, **job.params)
    assert first == again == {"version": 1, "windows": 1}
    assert HandbookEdition.objects.count() == 1


def test_while_the_job_is_queued_the_button_is_disabled_with_a_link_to_it(client_for, window_a, committee_staff):
    client = client_for(committee_staff)
    # No on-commit callbacks run here: the job stays queued, as it does until a worker takes it.
    response = client.post(URL, {"title": "公开服务手册", "note": "", "after": 0})
    job = job_of(response)
    assert job.state == Job.State.QUEUED
    html = client.get(URL).content.decode()
    assert 'data-testid="publish-disabled"' in html and "正在发布一版" in html
    assert reverse("jobs:detail", args=[job.pk]) in html and 'name="title"' not in html


def test_someone_outside_the_job_cannot_see_it(publish, client_for, window_a, unit_secretary):
    _client, response = publish()
    job = job_of(response)
    other_district = RoleFactory(
        user=UserFactory(username="other_committee"),
        kind=Role.Kind.COMMITTEE_STAFF,
        organisation=CommitteeFactory(code="C2", name="另一工委"),
    ).user
    for user in (unit_secretary, other_district):
        client = client_for(user)
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 404


def test_only_committee_staff_start_it_and_the_job_checks_again(publish, client_for, window_a, unit_secretary, committee_staff):
    assert client_for(unit_secretary).post(URL, {"title": "手册", "after": 0}).status_code == 403
    assert not Job.objects.exists()
    Role.objects.filter(user=committee_staff).delete()
    job = Job.objects.create(kind=jobs.PUBLISH, created_by=committee_staff, params={"title": "手册", "note": "", "after": 0})
    job = Job.objects.select_related("created_by").get(pk=job.pk)
    with pytest.raises(Exception, match="只有党工委工作人员"):
        jobs.publish_edition(job, lambda *a: None, **job.params)
    assert not HandbookEdition.objects.exists()
