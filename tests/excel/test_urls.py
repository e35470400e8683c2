"""Every Excel URL × every role: the exact status each gets."""

import pytest
from django.urls import reverse

ROLES = ["anonymous", "member", "secretary", "other_secretary", "unit_secretary", "committee_staff", "admin"]
MANAGERS = {"anonymous": 302, "member": 403, "secretary": 200, "other_secretary": 200, "unit_secretary": 200,
            "committee_staff": 200, "admin": 200}
COMMITTEE = {**MANAGERS, "secretary": 403, "other_secretary": 403, "unit_secretary": 403}
UNITS = {**COMMITTEE, "unit_secretary": 200}


def redirected(expected):
    """A page reached without an upload token sends allowed users back to the upload form."""
    return {role: 302 if status == 200 else status for role, status in expected.items()}


def post_only(expected):
    return {role: 405 if status == 200 else status for role, status in expected.items()}


CASES = [
    ("get", "members:excel:member_export", MANAGERS),
    ("get", "members:excel:organisation_export", MANAGERS),
    *[("get", f"members:excel:{code}_export", MANAGERS) for code in ["posts", "assignments", "windows", "handbook", "feedback", "plaques", "quarterly"]],
    ("get", "members:excel:members_template", MANAGERS),
    ("get", "members:excel:members_upload", MANAGERS),
    ("get", "members:excel:members_preview", redirected(MANAGERS)),
    ("get", "members:excel:members_apply", post_only(MANAGERS)),
    ("post", "members:excel:members_apply", redirected(MANAGERS)),
    ("post", "members:excel:members_cancel", redirected(MANAGERS)),
    ("get", "members:excel:organisations_template", COMMITTEE),
    ("get", "members:excel:organisations_upload", COMMITTEE),
    ("get", "members:excel:organisations_preview", redirected(COMMITTEE)),
    ("get", "members:excel:organisations_apply", post_only(COMMITTEE)),
    ("post", "members:excel:organisations_apply", redirected(COMMITTEE)),
    ("post", "members:excel:organisations_cancel", redirected(COMMITTEE)),
    ("get", "members:excel:windows_template", UNITS),
    ("get", "members:excel:windows_upload", UNITS),
    ("get", "members:excel:windows_preview", redirected(UNITS)),
    ("get", "members:excel:windows_apply", post_only(UNITS)),
    ("post", "members:excel:windows_apply", redirected(UNITS)),
    ("post", "members:excel:windows_cancel", redirected(UNITS)),
    ("get", "members:excel:posts_template", MANAGERS),
    ("get", "members:excel:posts_upload", MANAGERS),
    ("get", "members:excel:posts_preview", redirected(MANAGERS)),
    ("get", "members:excel:posts_apply", post_only(MANAGERS)),
    ("post", "members:excel:posts_apply", redirected(MANAGERS)),
    ("post", "members:excel:posts_cancel", redirected(MANAGERS)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "name", "expected"), CASES, ids=[f"{m} {n}" for m, n, _e in CASES])
def test_each_role_gets_the_expected_status(cast, client_for, role, method, name, expected):
    client = client_for(cast[role])
    response = getattr(client, method)(reverse(name))
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
