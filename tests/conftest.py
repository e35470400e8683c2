"""The fixed cast every test can use.

One committee with two units; unit A has branches A1 and A2, unit B has branch B1.
- member: a party member of A1 with a login
- secretary: secretary of branch A1
- other_secretary: secretary of branch B1 (another unit)
- unit_secretary: secretary of unit A (sees A1 and A2)
- committee_staff: staff of the committee
- admin: superuser
"""

import os

import pytest

from tests.factories import BranchFactory, CommitteeFactory, MemberFactory, RoleFactory, UnitFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def committee(db):
    return CommitteeFactory()


@pytest.fixture
def unit_a(committee):
    return UnitFactory(code="UA", name="区行政审批服务管理办公室党组", parent=committee)


@pytest.fixture
def unit_b(committee):
    return UnitFactory(code="UB", name="区公安分局党委", parent=committee)


@pytest.fixture
def branch_a1(unit_a):
    return BranchFactory(code="UA-1", name="审批办第一党支部", parent=unit_a)


@pytest.fixture
def branch_a2(unit_a):
    return BranchFactory(code="UA-2", name="审批办第二党支部", parent=unit_a)


@pytest.fixture
def branch_b1(unit_b):
    return BranchFactory(code="UB-1", name="公安分局第一党支部", parent=unit_b)


@pytest.fixture
def member(branch_a1):
    user = UserFactory(username="member")
    return MemberFactory(name="张伟", branch=branch_a1, user=user, member_no="A1-001")


@pytest.fixture
def member_user(member):
    return member.user


@pytest.fixture
def secretary(branch_a1):
    return RoleFactory(user=UserFactory(username="secretary"), kind="branch_secretary", organisation=branch_a1).user


@pytest.fixture
def other_secretary(branch_b1):
    return RoleFactory(user=UserFactory(username="other_secretary"), kind="branch_secretary", organisation=branch_b1).user


@pytest.fixture
def unit_secretary(unit_a):
    return RoleFactory(user=UserFactory(username="unit_secretary"), kind="unit_secretary", organisation=unit_a).user


@pytest.fixture
def committee_staff(committee):
    return RoleFactory(user=UserFactory(username="committee_staff"), kind="committee_staff", organisation=committee).user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def cast(member, secretary, other_secretary, unit_secretary, committee_staff, admin_user, branch_a2):
    """Everyone at once, by role name (None is the anonymous visitor)."""
    return {
        "anonymous": None,
        "member": member.user,
        "secretary": secretary,
        "other_secretary": other_secretary,
        "unit_secretary": unit_secretary,
        "committee_staff": committee_staff,
        "admin": admin_user,
    }


@pytest.fixture
def client_for(client):
    """Return a test client logged in as the given user (or anonymous for None)."""

    def _client(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _client


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (row locks, concurrency) run in CI's PostgreSQL pass; elsewhere they say why they skip."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (CI does)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def login_in_browser(live_server, page):
    """Log a user in through the real login form."""

    def _login(username, password="pw-for-tests"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        return page

    return _login


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Each test starts in the default language; a request that switched language must not leak."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached public pages and handbook editions must not leak between tests."""
    from django.core.cache import cache

    from pioneer import pagecache

    cache.clear()
    pagecache.forget_local()
    yield
