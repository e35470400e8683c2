"""Quarterly evidence is private: stored outside the public media folder, served only to those who see the report."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.models import Evidence, Phase
from evaluation.quarters.services import add_activity, quarter_report


@pytest.fixture
def evidence(make_year, window_a, unit_secretary, member):
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=2)
    photo = SimpleUploadedFile("签到表.jpg", b"\xff\xd8\xff" + b"0" * 50, content_type="image/jpeg")
    add_activity(unit_secretary, report=report, date=datetime.date(2026, 5, 4), kind="study", description="学习", participants=[member], files=[photo])
    return Evidence.objects.get()


def test_evidence_is_not_stored_under_the_public_media_folder(evidence):
    stored = Path(evidence.file.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.is_relative_to(Path(settings.STORAGES["private"]["OPTIONS"]["location"]))


def test_the_unit_secretary_downloads_the_evidence(client_for, unit_secretary, evidence):
    response = client_for(unit_secretary).get(reverse("evaluation:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 404), ("other_secretary", 404), ("committee_staff", 200)])
def test_others_cannot_download_the_evidence(cast, client_for, evidence, role, status):
    assert client_for(cast[role]).get(reverse("evaluation:evidence", args=[evidence.pk])).status_code == status
