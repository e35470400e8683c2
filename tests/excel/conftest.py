import pytest


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploads kept for previews go to the default storage: a fresh folder per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
