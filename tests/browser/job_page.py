"""A job page followed as a person follows it: watch the bar until the job is finished, read its outcome, go on.

A job runs in the request when no broker is set (the tests), in a worker otherwise; either way the page ends the
same: a finished job's page shows its state, its counts and its next link, or (a job whose page the script follows,
an import's preview) the browser is already on that next page.
"""

import re

JOB_PAGE = re.compile(r"/jobs/[0-9a-f-]{36}/(\?.*)?$")
# The finished page (the script reloads the page when the job ends), or a page that is no job page at all.
FINISHED_OR_MOVED_ON = "[data-job-status][data-job-finished='1'], main:not(:has([data-job-status]))"


def on_job_page(page) -> bool:
    return bool(JOB_PAGE.search(page.url))


def wait_for_job(page, timeout=30_000) -> str | None:
    """Wait until the job on this page is finished; its state as shown, or None if the page moved on by itself."""
    page.wait_for_url(JOB_PAGE, timeout=timeout)  # the action that started the job lands here
    page.locator(FINISHED_OR_MOVED_ON).first.wait_for(state="attached", timeout=timeout)
    page.wait_for_load_state()
    if not on_job_page(page):
        return None
    return page.inner_text("[data-job-state]").strip()


def job_outcome(page) -> dict[str, str]:
    """The finished job's summary as the page lists it: label → value."""
    rows = page.locator("main dl dt")
    return {rows.nth(i).inner_text().strip(): page.locator("main dl dd").nth(i).inner_text().strip() for i in range(rows.count())}


def follow_job(page, timeout=30_000) -> None:
    """Wait for the job to finish, then take its next link (unless the page already went there by itself)."""
    if wait_for_job(page, timeout) is None:
        return
    with page.expect_navigation():
        page.click("[data-job-next]")
