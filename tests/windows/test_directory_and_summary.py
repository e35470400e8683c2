"""The public directory's search, and the complaint figures kept for the evaluation."""

import datetime
import zoneinfo

import time_machine
from django.urls import reverse

from posts.selectors import complaint_summary
from posts.services import feedback as fs

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def codes(response):
    return [w.code for w in response.context["object_list"]]


def test_the_directory_finds_windows_by_name_unit_and_service_item(client, window_a, window_b):
    post = window_b.posts.get()
    post.service_items = "户口迁移、居民身份证办理"
    post.save()
    url = reverse("posts:window_directory")
    assert codes(client.get(url)) == ["WA", "WB"]
    assert codes(client.get(url, {"q": "综合受理窗口"})) == ["WA"]
    assert codes(client.get(url, {"q": "公安分局"})) == ["WB"]
    assert codes(client.get(url, {"q": "身份证"})) == ["WB"]
    assert codes(client.get(url, {"unit": "UA"})) == ["WA"]
    assert codes(client.get(url, {"q": "不存在的事项"})) == []


def test_closed_windows_leave_the_directory_but_keep_their_page(client, window_a, window_b):
    window_a.is_active = False
    window_a.save()
    assert codes(client.get(reverse("posts:window_directory"))) == ["WB"]
    page = client.get(reverse("posts:window_public", args=["WA"]))
    assert page.status_code == 200 and "该窗口已关闭" in page.content.decode()


def test_complaint_summary_counts_each_windows_complaints_and_outcomes(window_a, window_b, unit_secretary, committee_staff):
    sent = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    upheld = fs.submit_feedback(window_a, kind="complaint", text="属实的投诉", now=sent)
    fs.conclude_feedback(upheld, unit_secretary, "属实", upheld=True, serious=True, now=sent)
    rejected = fs.submit_feedback(window_a, kind="complaint", text="不属实的投诉", now=sent)
    fs.conclude_feedback(rejected, unit_secretary, "不属实", upheld=False, now=sent)
    fs.rate_feedback(rejected, satisfied=False, now=sent)
    fs.submit_feedback(window_a, kind="complaint", text="还没答复", now=sent)
    fs.submit_feedback(window_a, kind="praise", text="表扬", now=sent)
    fs.submit_feedback(window_a, kind="complaint", text="去年的投诉", now=sent.replace(year=2025))
    with time_machine.travel(datetime.datetime(2026, 4, 1, tzinfo=SHANGHAI), tick=False):
        rows = {w.code: w for w in complaint_summary(2026)}
    a, b = rows["WA"], rows["WB"]
    assert (a.complaints, a.upheld, a.serious, a.dissatisfied, a.overdue, a.praise) == (3, 1, 1, 1, 1, 1)
    assert (b.complaints, b.upheld, b.praise) == (0, 0, 0)


def test_the_summary_page_shows_each_unit_its_own_windows_and_the_committee_all(client_for, window_a, window_b, unit_secretary, committee_staff):
    fs.submit_feedback(window_a, kind="complaint", text="投诉")
    url = reverse("posts:complaint_summary")
    assert [w.code for w in client_for(unit_secretary).get(url).context["object_list"]] == ["WA"]
    rows = client_for(committee_staff).get(url).context["object_list"]
    assert [(w.code, w.complaints) for w in rows] == [("WA", 1), ("WB", 0)]


def test_the_window_page_tells_the_public_how_much_feedback_was_concluded(client, window_a, unit_secretary):
    done = fs.submit_feedback(window_a, kind="complaint", text="投诉")
    fs.conclude_feedback(done, unit_secretary, "已整改", upheld=True)
    fs.submit_feedback(window_a, kind="suggestion", text="建议")
    html = client.get(reverse("posts:window_public", args=["WA"])).content.decode()
    assert "今年共收到群众意见 2 件，已办结 1 件" in html
