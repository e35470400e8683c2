"""The staff side: windows of one's own unit, the feedback inbox with overdue items, markers and their photos."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from posts.models import Feedback, MemberPhoto, Window
from posts.selectors import members_on_duty
from posts.services import feedback as fs
from tests.windows.factories import PublicPostFactory

MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def window_data(unit, posts, **overrides):
    data = {"organisation": unit.pk, "code": "WNEW", "name": "新窗口", "location": "一楼", "opening_hours": "工作日",
            "phone": "0574-1", "theme": "争先创优", "commitments": "零投诉", "posts": [p.pk for p in posts], "is_active": "on"}
    data.update(overrides)
    return data


def test_a_unit_secretary_sets_up_a_window_from_the_units_public_posts(client_for, unit_secretary, unit_a, branch_a1):
    post = PublicPostFactory(organisation=branch_a1)
    response = client_for(unit_secretary).post(reverse("posts:window_create"), window_data(unit_a, [post]))
    assert response.status_code == 302
    window = Window.objects.get(code="WNEW")
    assert (window.organisation, list(window.posts.all())) == (unit_a, [post])


def test_it_refuses_another_units_organisation_or_posts(client_for, unit_secretary, unit_b, unit_a, branch_b1):
    client = client_for(unit_secretary)
    foreign_post = PublicPostFactory(organisation=branch_b1)
    assert "organisation" in client.post(reverse("posts:window_create"), window_data(unit_b, [])).context["form"].errors
    assert "posts" in client.post(reverse("posts:window_create"), window_data(unit_a, [foreign_post])).context["form"].errors
    assert not Window.objects.filter(code="WNEW").exists()


def test_the_window_code_is_fixed_once_printed(client_for, unit_secretary, window_a, unit_a):
    data = window_data(unit_a, list(window_a.posts.all()), code="CHANGED", name="改名窗口")
    client_for(unit_secretary).post(reverse("posts:window_edit", args=["WA"]), data)
    window_a.refresh_from_db()
    assert (window_a.code, window_a.name) == ("WA", "改名窗口")


def test_the_inbox_highlights_overdue_items_to_the_unit_and_the_committee(client_for, window_a, window_b, unit_secretary, committee_staff):
    late = fs.submit_feedback(window_a, kind="complaint", text="逾期未答复", now=MONDAY)
    fs.submit_feedback(window_b, kind="complaint", text="另一单位", now=MONDAY)
    with time_machine.travel(MONDAY + datetime.timedelta(days=8), tick=False):
        fresh = fs.submit_feedback(window_a, kind="suggestion", text="新建议")
        unit_page = client_for(unit_secretary).get(reverse("posts:feedback_inbox"))
        html = unit_page.content.decode()
        assert [f.pk for f in unit_page.context["object_list"]] == [late.pk, fresh.pk]  # oldest deadline first
        assert html.count('class="table-danger overdue"') == 1
        assert "1 件已超过答复期限" in html
        committee = client_for(committee_staff).get(reverse("posts:feedback_inbox") + "?show=overdue")
        assert len(committee.context["object_list"]) == 2
        assert client_for(unit_secretary).get(reverse("posts:window_list")).context["object_list"][0].has_overdue


def test_the_unit_answers_and_concludes_through_the_pages(client_for, window_a, unit_secretary):
    fb = fs.submit_feedback(window_a, kind="complaint", text="排队太久")
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
    fb = fs.submit_feedback(window_a, kind="complaint", text="排队太久")
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
    fb = fs.submit_feedback(window_a, kind="complaint", text="排队太久")
    page = client_for(secretary).get(reverse("posts:feedback_manage", args=[fb.pk]))
    assert page.status_code == 200 and page.context["reply_form"] is None
    assert client_for(secretary).post(reverse("posts:feedback_respond", args=[fb.pk]), {"text": "越权"}).status_code == 403
    assert Feedback.objects.get().status == "received"


def test_the_markers_page_has_a_card_per_member_on_duty_with_the_windows_qr_code(client_for, window_a, secretary):
    html = client_for(secretary).get(reverse("posts:window_markers", args=["WA"])).content.decode()
    assert html.count('data-testid="marker"') == members_on_duty(window_a).count() == 2
    assert html.count('<svg viewBox=') == 3  # the window's card and one per member
    assert "http://testserver/windows/WA/" in html
    assert "style=" not in html


def image_file(fmt="PNG", size=(60, 80), name="p.png"):
    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, fmt)
    return SimpleUploadedFile(name, buf.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_photo_is_uploaded_for_a_member_on_duty(client_for, window_a, unit_secretary, media):
    member = members_on_duty(window_a).first().member
    url = reverse("posts:marker_photo", args=["WA", member.pk])
    assert client_for(unit_secretary).post(url, {"image": image_file()}).status_code == 302
    photo = MemberPhoto.objects.get(member=member)
    assert photo.image.name.endswith(".png")
    markers = client_for(unit_secretary).get(reverse("posts:window_markers", args=["WA"])).content.decode()
    assert photo.image.url in markers


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png"),
        lambda: image_file("GIF", name="anim.gif"),
        lambda: image_file("BMP", size=(1200, 1200), name="huge.bmp"),
        lambda: image_file("PNG", size=(6000, 10), name="wide.png"),
    ],
    ids=["not-an-image", "gif", "too-large", "too-many-pixels"],
)
def test_photos_are_checked_for_type_and_size(client_for, window_a, unit_secretary, media, upload):
    member = members_on_duty(window_a).first().member
    response = client_for(unit_secretary).post(reverse("posts:marker_photo", args=["WA", member.pk]), {"image": upload()})
    assert response.status_code == 200 and response.context["form"].errors["image"]
    assert not MemberPhoto.objects.exists()


def test_a_photo_only_for_members_on_duty_of_the_window(client_for, window_a, window_b, unit_secretary, media):
    elsewhere = members_on_duty(window_b).first().member
    response = client_for(unit_secretary).post(reverse("posts:marker_photo", args=["WA", elsewhere.pk]), {"image": image_file()})
    assert response.status_code == 404
