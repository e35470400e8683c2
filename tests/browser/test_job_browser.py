"""The job page in a real browser: the bar moves as the job goes, and the finished page offers the file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from playwright.sync_api import expect

from members.jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_follows_the_job_and_the_finished_page_offers_the_file(live_server, page, login_in_browser, secretary):
    import tests.jobs.kinds  # noqa: F401  (the job's kind and title)

    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    job = Job.objects.create(kind="tests.count", created_by=secretary, state=Job.State.RUNNING, done=2, total=10, started_at=timezone.now())
    login_in_browser("secretary")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    assert page.text_content("[data-job-count]").strip() == "2 / 10"

    Job.objects.filter(pk=job.pk).update(done=7)
    # The page's own script (the CSP forbids evaluated strings, so the test reads the DOM only).
    expect(page.locator("[data-job-count]")).to_have_text("7 / 10", timeout=10_000)
    expect(page.locator("[data-job-progress]")).to_have_js_property("value", 7)

    path = default_storage.save("jobs/browser.csv", ContentFile(b"a\n"))
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=10, finished_at=timezone.now(), result_file=path, result_name="名单.csv")
    page.wait_for_selector("[data-job-download]", timeout=10_000)
    assert page.text_content("[data-job-state]").strip() == "已完成"
    assert problems == [], "no script errors and no Content-Security-Policy violations"
