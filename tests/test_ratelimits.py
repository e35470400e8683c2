"""Rate limits are named, documented and set from the environment."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pioneer import env, ratelimits
from tests.test_settings import run_manage


def test_a_limit_is_read_from_the_environment():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.RATELIMITS['vote_failed'])",
                        RATELIMIT_VOTE_FAILED="10/m")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "10/m"


@pytest.mark.parametrize("value", ["ten a minute", "10", "10/week", "/m"])
def test_a_limit_it_cannot_read_refuses_to_start(monkeypatch, value):
    monkeypatch.setenv("RATELIMIT_FEEDBACK", value)
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_FEEDBACK must be a rate"):
        env.get_rate("RATELIMIT_FEEDBACK", "120/h")


def test_every_limit_is_in_the_readme_with_its_default_and_variable():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, default in ratelimits.DEFAULTS.items():
        assert f"| `RATELIMIT_{name.upper()}` | `{default}` |" in readme, name


def test_an_unknown_limit_is_a_programming_error():
    with pytest.raises(KeyError):
        ratelimits.rate("vote_failures")
