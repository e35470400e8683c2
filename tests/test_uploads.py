"""Stale uploads are removed; uploads are judged by their content, never by their names."""

import datetime
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pioneer import excel
from pioneer.errors import Refusal
from pioneer.uploads import remove_stale_uploads
from posts.windows.forms import MarkerPhotoForm
from tests.excel.helpers import workbook_bytes


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def saved(path, age_hours):
    name = default_storage.save(path, ContentFile(b"PK\x03\x04"))
    then = time.time() - age_hours * 3600
    os.utime(default_storage.path(name), (then, then))
    return name


def test_waiting_uploads_older_than_the_limit_are_removed_and_the_rest_kept(media):
    old_members = saved("excel-imports/members/old.xlsx", 30)
    old_windows = saved("excel-imports/windows/old.xlsx", 7)
    old_admin = saved("django-import-export/old.xlsx", 30)
    fresh = saved("excel-imports/members/fresh.xlsx", 1)
    photo = saved("markers/1-abc.png", 24 * 400)
    assert remove_stale_uploads(datetime.timedelta(hours=6)) == 3
    assert not any(default_storage.exists(p) for p in (old_members, old_windows, old_admin))
    assert default_storage.exists(fresh)
    assert default_storage.exists(photo), "marker photos are not waiting uploads"


def test_nothing_to_remove_when_no_upload_ever_waited(media):
    assert remove_stale_uploads(datetime.timedelta(hours=6)) == 0


def image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "red").save(buffer, fmt)
    return buffer.getvalue()


def test_a_photo_is_named_by_what_it_is_not_by_what_it_is_called():
    form = MarkerPhotoForm(files={"image": SimpleUploadedFile("holiday.gif", image("JPEG"), content_type="image/gif")})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["image"].name == "photo.jpg"


def test_a_workbook_renamed_from_text_is_refused_and_a_real_one_under_any_name_case_passes():
    with pytest.raises(Refusal):
        excel.check_upload(io.BytesIO(b"name,phone\n=HYPERLINK(1),1\n"), "roster.xlsx")
    excel.check_upload(io.BytesIO(workbook_bytes([["a"], [1]])), "ROSTER.XLSX")
