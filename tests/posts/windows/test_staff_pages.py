"""The staff side of step 4: windows of one's own unit, markers and their photos."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from posts.models import MemberPhoto, Window
from posts.windows.selectors import members_on_duty
from tests.posts.factories import PublicPostFactory


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
