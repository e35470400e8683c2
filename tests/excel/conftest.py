import pytest
from django.test import Client, TestCase


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploads kept for previews go to the default storage: a fresh folder per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


class JobsAfterCommitClient(Client):
    """A client whose requests' jobs run when the request is over, as with no broker (after the commit)."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return JobsAfterCommitClient()
