"""Big batches of vote cards: the codes and their PDF come out of one job, 8 cards to an A4 sheet."""

import io
import math
import re
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluation.models import TokenBatch, VoteToken
from evaluation.vote.jobs import KIND
from evaluation.vote.services import hash_token
from members.jobs.models import Job
from tests.factories import RoleFactory, UserFactory
from tests.jobs import conftest as job_fixtures

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")

run_job_now = job_fixtures.run_job_now


def _params(year, window, size):
    return {"year": year.year, "window": window.pk, "size": size, "valid_days": 30,
            "submission": str(uuid.uuid4()), "vote_url": "http://testserver/vote/"}


@pytest.mark.parametrize("size", [8, 13])
def test_the_job_makes_the_batch_and_a_pdf_of_its_codes(assessment_year, window_a, committee_staff, run_job_now, size):
    job = run_job_now(committee_staff, KIND, **_params(assessment_year, window_a, size))
    assert job.state == Job.State.DONE, job.message
    data = job.result_file.open("rb").read()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == math.ceil(size / 8)
    per_page = [CODE.findall(page.extract_text()) for page in reader.pages]
    assert [len(codes) for codes in per_page] == [min(8, size - 8 * i) for i in range(len(per_page))]
    codes = [code for page in per_page for code in page]
    assert len(set(codes)) == size
    batch = TokenBatch.objects.get()
    # Each printed code is a real card of this batch: its hash is stored, the code itself is not.
    assert VoteToken.objects.filter(batch=batch, token_hash__in=[hash_token(c) for c in codes]).count() == size
    assert "综合" in reader.pages[0].extract_text() or window_a.name[:2] in reader.pages[0].extract_text()


def test_a_second_run_of_the_same_job_makes_no_second_batch(assessment_year, window_a, committee_staff, run_job_now):
    params = _params(assessment_year, window_a, 3)
    run_job_now(committee_staff, KIND, **params)
    again = run_job_now(committee_staff, KIND, **params)
    assert again.state == Job.State.FAILED
    assert TokenBatch.objects.count() == 1 and VoteToken.objects.count() == 3


def test_the_form_starts_the_job_for_committee_staff(assessment_year, window_a, committee_staff, client_for,
                                                     django_capture_on_commit_callbacks):
    client = client_for(committee_staff)
    data = {"window": window_a.pk, "size": 9, "valid_days": 30, "submission": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation:tokens_pdf", kwargs={"year": assessment_year.year}), data)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.DONE and VoteToken.objects.count() == 9
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_only_the_starter_downloads_the_codes(assessment_year, window_a, committee, committee_staff, secretary, client_for,
                                              run_job_now):
    colleague = RoleFactory(user=UserFactory(username="colleague"), kind="committee_staff", organisation=committee).user
    job = run_job_now(committee_staff, KIND, **_params(assessment_year, window_a, 2))
    for user in (colleague, secretary):
        assert client_for(user).get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_members_and_secretaries_cannot_start_it(assessment_year, window_a, secretary, client_for):
    response = client_for(secretary).post(reverse("evaluation:tokens_pdf", kwargs={"year": assessment_year.year}), {})
    assert response.status_code == 403
    assert not Job.objects.exists()
