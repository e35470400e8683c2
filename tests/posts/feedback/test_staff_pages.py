"""The staff side of the feedback: the inbox with overdue items, answering and concluding, what a branch secretary may do."""

import datetime
import zoneinfo

import time_machine
from django.urls import reverse

from posts.feedback import services as fs
from posts.models import Feedback

MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def test_the_inbox_highlights_overdue_items_to_the_unit_and_the_committee(client_for, window_a, window_b, unit_secretary, committee_staff):
    late = fs.submit_feedback(None, window=window_a, kind="complaint", text="逾期未答复", now=MONDAY)
    fs.submit_feedback(None, window=window_b, kind="complaint", text="另一单位", now=MONDAY)
    with time_machine.travel(MONDAY + datetime.timedelta(days=8), tick=False):
        fresh = fs.submit_feedback(None, window=window_a, kind="suggestion", text="新建议")
        unit_page = client_for(unit_secretary).get(reverse("posts:feedback_inbox"))
        html = unit_page.content.decode()
        assert [f.pk for f in unit_page.context["object_list"]] == [late.pk, fresh.pk]  # oldest deadline first
        assert html.count('class="table-danger overdue"') == 1
        assert "1 件已超过答复期限" in html
        committee = client_for(committee_staff).get(reverse("posts:feedback_inbox") + "?show=overdue")
        assert len(committee.context["object_list"]) == 2
        assert client_for(unit_secretary).get(reverse("posts:window_list")).context["object_list"][0].has_overdue


def test_the_unit_answers_and_concludes_through_the_pages(client_for, window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    client = client_for(unit_secretary)
    client.post(reverse("posts:feedback_respond", args=[fb.pk]), {"text": "正在核实"})
    fb.refresh_from_db()
    assert fb.status == "handling"
    missing = client.post(reverse("posts:feedback_conclude", args=[fb.pk]), {"text": "已整改", "upheld": ""})
    assert missing.status_code == 200 and "upheld" in missing.context["form"].errors
    client.post(reverse("posts:feedback_conclude", args=[fb.pk]), {"text": "已整改", "upheld": "yes", "serious": "on"})
    fb.refresh_from_db()
    assert (fb.status, fb.upheld, fb.serious) == ("concluded", True, True)
    again = client.post(reverse("posts:feedback_respond", args=[fb.pk]), {"text": "再答复"}, follow=True)
    assert "当前状态为" in again.content.decode()


def test_the_unit_never_sees_the_citizens_full_tracking_code(client_for, window_a, unit_secretary, committee_staff):
    # The code lets whoever holds it rate the answer: a unit that saw it could mark its own complaints "satisfied".
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    client = client_for(unit_secretary)
    client.post(reverse("posts:feedback_respond", args=[fb.pk]), {"text": "正在核实"})
    pages = [
        reverse("posts:feedback_inbox"), reverse("posts:feedback_manage", args=[fb.pk]),
        reverse("posts:window_manage", args=[window_a.code]), reverse("posts:feedback_respond", args=[fb.pk]),
        reverse("members:audit_log"),
    ]
    for url in pages:
        response = client_for(committee_staff if url == reverse("members:audit_log") else unit_secretary).get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert fb.tracking_code not in html, url
    assert fb.reference in client.get(reverse("posts:feedback_manage", args=[fb.pk])).content.decode()
    assert fb.tracking_code not in str(fb)


def test_a_branch_secretary_reads_the_units_feedback_but_cannot_answer(client_for, window_a, secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    page = client_for(secretary).get(reverse("posts:feedback_manage", args=[fb.pk]))
    assert page.status_code == 200 and page.context["reply_form"] is None
    assert client_for(secretary).post(reverse("posts:feedback_respond", args=[fb.pk]), {"text": "越权"}).status_code == 403
    assert Feedback.objects.get().status == "received"


def test_staff_find_feedback_by_full_code_name_or_phone(client_for, window_a, unit_secretary):
    wanted = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", contact_name="王建国", contact_phone="13800001111")
    fs.submit_feedback(None, window=window_a, kind="praise", text="很好", contact_name="李四", contact_phone="13900002222")
    client = client_for(unit_secretary)
    code = wanted.tracking_code
    for typed in (f"{code[:4]} {code[4:8]}-{code[8:]}".lower(), "王建国", "138 0000 1111"):
        page = client.get(reverse("posts:feedback_inbox"), {"show": "all", "q": typed})
        assert [f.pk for f in page.context["object_list"]] == [wanted.pk], typed
    # A partial code finds nothing: codes are not to be guessed from a list.
    assert not client.get(reverse("posts:feedback_inbox"), {"show": "all", "q": code[:6]}).context["object_list"]
    page = client.get(reverse("posts:feedback_inbox"), {"show": "all", "q": "王建国"})
    assert "q=%E7%8E%8B" in page.context["querystring"]
