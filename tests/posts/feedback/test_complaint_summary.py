"""The complaint figures kept for the evaluation, and the page that shows each unit its own."""

import datetime
import zoneinfo

import time_machine
from django.urls import reverse

from posts.feedback import services as fs
from posts.feedback.selectors import complaint_summary

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_complaint_summary_counts_each_windows_complaints_and_outcomes(window_a, window_b, unit_secretary, committee_staff):
    sent = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    upheld = fs.submit_feedback(None, window=window_a, kind="complaint", text="属实的投诉", now=sent)
    fs.conclude_feedback(unit_secretary, feedback=upheld, text="属实", upheld=True, serious=True, now=sent)
    rejected = fs.submit_feedback(None, window=window_a, kind="complaint", text="不属实的投诉", now=sent)
    fs.conclude_feedback(unit_secretary, feedback=rejected, text="不属实", upheld=False, now=sent)
    fs.rate_feedback(None, feedback=rejected, satisfied=False, now=sent)
    fs.submit_feedback(None, window=window_a, kind="complaint", text="还没答复", now=sent)
    fs.submit_feedback(None, window=window_a, kind="praise", text="表扬", now=sent)
    fs.submit_feedback(None, window=window_a, kind="complaint", text="去年的投诉", now=sent.replace(year=2025))
    with time_machine.travel(datetime.datetime(2026, 4, 1, tzinfo=SHANGHAI), tick=False):
        rows = {w.code: w for w in complaint_summary(2026)}
    a, b = rows["WA"], rows["WB"]
    assert (a.complaints, a.upheld, a.serious, a.dissatisfied, a.overdue, a.praise) == (3, 1, 1, 1, 1, 1)
    assert (b.complaints, b.upheld, b.praise) == (0, 0, 0)


def test_the_summary_page_shows_each_unit_its_own_windows_and_the_committee_all(client_for, window_a, window_b, unit_secretary, committee_staff):
    fs.submit_feedback(None, window=window_a, kind="complaint", text="投诉")
    url = reverse("posts:complaint_summary")
    assert [w.code for w in client_for(unit_secretary).get(url).context["object_list"]] == ["WA"]
    rows = client_for(committee_staff).get(url).context["object_list"]
    assert [(w.code, w.complaints) for w in rows] == [("WA", 1), ("WB", 0)]
