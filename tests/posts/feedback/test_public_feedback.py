"""The public feedback form and tracking page: what a citizen with a phone does, and what abuse it withstands."""

import re

import pytest
from django.urls import reverse

from posts.feedback import services as fs
from posts.models import Feedback
from posts.windows.selectors import members_on_duty


def form_token(client, code="WA"):
    html = client.get(reverse("posts:feedback_new", args=[code])).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def send(client, token, **overrides):
    data = {"kind": "complaint", "text": "窗口人员中途离岗二十分钟", "member": "", "contact_name": "", "contact_phone": "", "token": token}
    data.update(overrides)
    return client.post(reverse("posts:feedback_new", args=["WA"]), data)


def test_a_citizen_sends_a_complaint_and_gets_a_tracking_page(client, window_a, unit_secretary):
    response = send(client, form_token(client), contact_phone="13800001111")
    fb = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("posts:feedback_track", args=[fb.tracking_code])
    page = client.get(response["Location"]).content.decode()
    assert fb.tracking_code in page and "已受理" in page
    assert "13800001111" not in page  # contact details are for the unit only
    assert unit_secretary.notifications.count() == 1


def test_sending_the_same_form_twice_records_it_once(client, window_a):
    token = form_token(client)
    first = send(client, token)
    second = send(client, token)
    assert Feedback.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_forged_token_is_refused(client, window_a):
    response = send(client, "made-up-token")
    assert response.status_code == 200
    assert "表单已过期" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("text", ["", "    ", "长" * 2001])
def test_empty_or_oversized_text_is_refused_with_a_chinese_message(client, window_a, text):
    response = send(client, form_token(client), text=text)
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not Feedback.objects.exists()


def test_script_laden_text_is_shown_escaped(client, window_a, client_for, unit_secretary):
    send(client, form_token(client), text='<script>alert("x")</script><img src=x onerror=alert(1)>')
    fb = Feedback.objects.get()
    for html in (client.get(fb.get_absolute_url()).content.decode(),
                 client_for(unit_secretary).get(reverse("posts:feedback_manage", args=[fb.pk])).content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_only_members_on_duty_can_be_named(client, window_a, window_b):
    on_duty = members_on_duty(window_a).first().member
    elsewhere = members_on_duty(window_b).first().member
    refused = send(client, form_token(client), member=elsewhere.pk)
    assert refused.status_code == 200 and "member" in refused.context["form"].errors
    send(client, form_token(client), member=on_duty.pk)
    assert Feedback.objects.get().member == on_duty


def test_the_form_is_rate_limited_per_address(client, window_a, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "feedback": "10/h"}
    for _ in range(10):
        assert send(client, form_token(client)).status_code == 302
    response = send(client, form_token(client))
    assert response.status_code == 429
    assert Feedback.objects.count() == 10


def test_a_closed_window_is_404_for_new_feedback(client, window_a):
    window_a.is_active = False
    window_a.save()
    assert client.get(reverse("posts:feedback_new", args=["WA"])).status_code == 404


def test_looking_up_a_code_leads_to_its_page_and_a_wrong_code_says_so(client, window_a):
    fb = fs.submit_feedback(None, window=window_a, kind="praise", text="很好")
    response = client.get(reverse("posts:feedback_lookup"), {"code": fb.tracking_code.lower()})
    assert response["Location"] == fb.get_absolute_url()
    wrong = client.get(reverse("posts:feedback_lookup"), {"code": "ZZZZZZZZZZZZ"})
    assert wrong.status_code == 200 and "没有找到" in wrong.content.decode()
    assert client.get(reverse("posts:feedback_track", args=["ZZZZZZZZZZZZ"])).status_code == 404


def test_the_citizen_rates_and_reopens_on_the_tracking_page(client, window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    fs.conclude_feedback(unit_secretary, feedback=fb, text="不属实", upheld=False)
    url = fb.get_absolute_url()
    refused = client.post(url, {"opinion": "reopen", "comment": ""})
    assert refused.status_code == 200
    fb.refresh_from_db()
    assert fb.satisfied is None
    client.post(url, {"opinion": "reopen", "comment": "答复没有回应问题"})
    fb.refresh_from_db()
    assert (fb.status, fb.satisfied) == ("escalated", False)
    client.post(url, {"opinion": "reopen", "comment": "再来一次"})
    fb.refresh_from_db()
    assert fb.events.filter(to_status="escalated").count() == 1


def test_a_dissatisfied_citizen_can_still_reopen_later(client, window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    fs.conclude_feedback(unit_secretary, feedback=fb, text="不属实", upheld=False)
    client.post(fb.get_absolute_url(), {"opinion": "dissatisfied", "comment": ""})
    page = client.get(fb.get_absolute_url()).content.decode()
    assert "申请党工委复查" in page
    client.post(fb.get_absolute_url(), {"opinion": "reopen", "comment": "想了想还是不满意"})
    fb.refresh_from_db()
    assert fb.status == "escalated"


def test_looking_up_codes_is_rate_limited(client, db, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "feedback_lookup": "60/h"}
    url = reverse("posts:feedback_lookup")
    for _ in range(60):
        assert client.get(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 200
    assert client.get(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 429


@pytest.mark.parametrize("typed", ["{a}-{b}-{c}", " {a} {b} {c} ", "{a}.{b}.{c}"])
def test_a_code_typed_in_groups_is_found(client, window_a, typed):
    fb = fs.submit_feedback(None, window=window_a, kind="praise", text="很好")
    code = fb.tracking_code.lower()
    response = client.get(reverse("posts:feedback_lookup"), {"code": typed.format(a=code[:4], b=code[4:8], c=code[8:])})
    assert response["Location"] == fb.get_absolute_url()


def test_a_code_of_the_wrong_length_gets_a_clear_message(client, window_a):
    response = client.get(reverse("posts:feedback_lookup"), {"code": "ABCD-EFGH"})
    assert response.status_code == 200 and "12 位字母和数字" in response.content.decode()


def test_the_form_chooses_no_kind_unless_the_link_says_so(client, window_a):
    html = client.get(reverse("posts:feedback_new", args=["WA"])).content.decode()
    assert "checked" not in html
    response = send(client, form_token(client), kind="")
    assert response.status_code == 200 and not Feedback.objects.exists()
    linked = client.get(reverse("posts:feedback_new", args=["WA"]) + "?kind=praise").content.decode()
    assert re.search(r'value="praise"[^>]*checked', linked)
    assert "checked" not in client.get(reverse("posts:feedback_new", args=["WA"]) + "?kind=nonsense").content.decode()
