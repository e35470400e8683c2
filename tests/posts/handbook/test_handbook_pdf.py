"""The handbook edition as a PDF booklet, made in a background job and downloaded from the job page."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from members.jobs.models import Job
from posts.handbook.jobs import KIND
from posts.handbook.services import publish_handbook
from tests.jobs import conftest as job_fixtures

run_job_now = job_fixtures.run_job_now


@pytest.fixture
def edition(window_a, window_b, committee_staff):
    return publish_handbook(committee_staff, note="第一版")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_job_makes_a_pdf_with_the_windows_in_chinese(edition, secretary, run_job_now):
    job = run_job_now(secretary, KIND, version=edition.version)
    assert job.state == Job.State.DONE, job.message
    data = job.result_file.open("rb").read()
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "综合受理窗口" in text and "户籍办理窗口" in text
    # Cover, contents, one page per unit at least.
    assert len(PdfReader(io.BytesIO(data)).pages) >= 4
    assert job.result_name.endswith(".pdf")


def test_the_contents_give_page_numbers(edition, secretary, run_job_now):
    job = run_job_now(secretary, KIND, version=edition.version)
    reader = PdfReader(io.BytesIO(job.result_file.open("rb").read()))
    contents = reader.pages[1].extract_text()
    # WeasyPrint's target-counter: the first unit starts on page 3, after the cover and the contents.
    assert re.search(r"综合受理窗口 \.{3,} 3", contents), contents


def test_the_start_page_asks_and_the_post_starts_the_job(edition, secretary, client_for, django_capture_on_commit_callbacks):
    client = client_for(secretary)
    url = reverse("posts:handbook_pdf", args=[edition.version])
    assert client.get(url).status_code == 200
    assert not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.kind == KIND and job.created_by == secretary


def test_members_cannot_start_it(edition, member_user, client_for):
    assert client_for(member_user).post(reverse("posts:handbook_pdf", args=[edition.version])).status_code == 403


def test_another_users_pdf_is_404(edition, secretary, other_secretary, client_for, run_job_now):
    job = run_job_now(secretary, KIND, version=edition.version)
    assert client_for(secretary).get(reverse("jobs:download", args=[job.pk])).status_code == 200
    assert client_for(other_secretary).get(reverse("jobs:download", args=[job.pk])).status_code == 404
