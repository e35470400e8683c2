import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per address in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def window_a(unit_a, branch_a1):
    from tests.windows.factories import staffed_window

    return staffed_window(unit_a, branch_a1, code="WA", name="综合受理窗口")


@pytest.fixture
def window_b(unit_b, branch_b1):
    from tests.windows.factories import staffed_window

    return staffed_window(unit_b, branch_b1, code="WB", name="户籍办理窗口")
