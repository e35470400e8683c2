"""Public uploads (marker photos) are served with DEBUG off; nothing else in the media storage is."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from posts.models import MemberPhoto
from tests.factories import MemberFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (40, 50), "red").save(buf, "PNG")
    return buf.getvalue()


def test_a_marker_photo_url_answers_200_with_debug_off(client, media, branch_a1, settings):
    assert settings.DEBUG is False
    photo = MemberPhoto(member=MemberFactory(branch=branch_a1))
    photo.image.save("photo.png", ContentFile(png_bytes()))
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert "public" in response["Cache-Control"] and "max-age=2592000" in response["Cache-Control"]


def test_a_photo_is_answered_304_when_the_browser_has_it(client, media, branch_a1):
    photo = MemberPhoto(member=MemberFactory(branch=branch_a1))
    photo.image.save("photo.png", ContentFile(png_bytes()))
    first = client.get(photo.image.url)
    again = client.get(photo.image.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_excel_uploads_waiting_in_the_same_storage_are_never_served(client, media, settings):
    path = default_storage.save("excel-imports/members/0123456789abcdef.xlsx", ContentFile(b"PK\x03\x04 roster"))
    assert client.get(f"/{settings.MEDIA_URL}{path}").status_code == 404


@pytest.mark.parametrize("path", ["markers/../excel-imports/members/x.xlsx", "markers/%2e%2e/secret", "markers/missing.png", "markers/"])
def test_paths_outside_the_public_folders_or_missing_files_are_404(client, media, path):
    (media / "excel-imports" / "members").mkdir(parents=True)
    (media / "excel-imports" / "members" / "x.xlsx").write_bytes(b"PK")
    assert client.get(f"/media/{path}").status_code == 404
