"""Every step 4 URL × every role: the exact status each one gets (another unit's data is 404, visible-but-not-allowed 403)."""

import re

import pytest
from django.urls import reverse

from posts.feedback import services as fs
from posts.handbook.services import publish_handbook
from posts.plaques import services as ps
from posts.windows.selectors import members_on_duty

ROLES = ["anonymous", "member", "secretary", "other_secretary", "unit_secretary", "committee_staff", "admin"]
PUBLIC = [200] * 7
STAFF_VIEW = [302, 403, 200, 404, 200, 200, 200]  # a branch secretary sees the own unit's windows; another unit's are 404
STAFF_LIST = [302, 403, 200, 200, 200, 200, 200]
UNIT_ACT = [302, 403, 403, 404, 200, 200, 200]  # the unit (and the committee) act; the branch secretary only looks
UNIT_ONLY_PAGE = [302, 403, 403, 403, 200, 200, 200]
COMMITTEE_ACT = [302, 403, 403, 404, 403, 200, 200]
COMMITTEE_PAGE = [302, 403, 403, 403, 403, 200, 200]


@pytest.fixture
def world(cast, window_a, window_b, unit_secretary, committee_staff):
    received = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    escalated = fs.submit_feedback(None, window=window_a, kind="complaint", text="态度生硬")
    fs.conclude_feedback(unit_secretary, feedback=escalated, text="不属实", upheld=False)
    fs.rate_feedback(None, feedback=escalated, satisfied=False)
    fs.reopen_feedback(None, feedback=escalated, reason="不满意")
    other = fs.submit_feedback(None, window=window_b, kind="complaint", text="另一单位")
    app = ps.apply_for_plaque(unit_secretary, window=window_a, year=2026, statement="条件具备")
    record = ps.record_plaque(committee_staff, window=window_a, year=2025, level="striving", source="application")
    publish_handbook(committee_staff)
    return {
        "fa": received, "fesc": escalated, "fb": other, "app": app, "record": record,
        "on_duty": members_on_duty(window_a).first().member,
    }


def cases(w):
    return [
        ("posts:window_directory", [], PUBLIC),
        ("posts:window_public", ["WA"], PUBLIC),
        ("posts:window_qr", ["WA"], PUBLIC),
        ("posts:feedback_lookup", [], PUBLIC),
        ("posts:feedback_new", ["WA"], PUBLIC),
        ("posts:feedback_track", [w["fa"].tracking_code], PUBLIC),
        ("posts:handbook", [], PUBLIC),
        ("posts:handbook_editions", [], PUBLIC),
        ("posts:handbook_edition", [1], PUBLIC),
        ("posts:handbook_unit", ["UA"], PUBLIC),
        ("posts:handbook_edition_unit", [1, "UB"], PUBLIC),
        ("posts:handbook_pdf", [1], STAFF_LIST),
        ("posts:plaque_register", [], PUBLIC),
        ("posts:plaque_verify", [w["record"].verification_code], PUBLIC),
        ("posts:plaque_qr", [w["record"].verification_code], PUBLIC),
        ("posts:window_list", [], STAFF_LIST),
        ("posts:window_create", [], UNIT_ONLY_PAGE),
        ("posts:window_manage", ["WA"], STAFF_VIEW),
        ("posts:window_manage", ["WB"], [302, 403, 404, 200, 404, 200, 200]),
        ("posts:window_edit", ["WA"], UNIT_ACT),
        ("posts:window_markers", ["WA"], STAFF_VIEW),
        ("posts:marker_photo", ["WA", w["on_duty"].pk], UNIT_ACT),
        ("posts:feedback_inbox", [], STAFF_LIST),
        ("posts:complaint_summary", [], STAFF_LIST),
        ("posts:feedback_manage", [w["fa"].pk], STAFF_VIEW),
        ("posts:feedback_manage", [w["fb"].pk], [302, 403, 404, 200, 404, 200, 200]),
        ("posts:feedback_respond", [w["fa"].pk], UNIT_ACT),
        ("posts:feedback_conclude", [w["fa"].pk], UNIT_ACT),
        ("posts:feedback_close", [w["fesc"].pk], COMMITTEE_ACT),
        ("posts:plaque_overview", [], STAFF_LIST),
        ("posts:plaque_application_list", [], STAFF_LIST),
        ("posts:plaque_apply", [], UNIT_ONLY_PAGE),
        ("posts:plaque_application", [w["app"].pk], STAFF_VIEW),
        ("posts:plaque_review", [w["app"].pk], COMMITTEE_ACT),
        ("posts:plaque_withdraw", [w["app"].pk], UNIT_ACT),
        ("posts:handbook_draft", [], COMMITTEE_PAGE),
    ]


def test_every_step_4_url_answers_each_role_exactly(world, cast, client_for):
    from posts.feedback.urls import urlpatterns as feedback
    from posts.handbook.urls import urlpatterns as handbook
    from posts.plaques.urls import urlpatterns as plaques
    from posts.windows.urls import urlpatterns as windows

    urlpatterns = windows + feedback + handbook + plaques
    table = cases(world)
    assert {name.split(":")[1] for name, _, _ in table} == {p.name for p in urlpatterns}, "a URL is missing from the table"
    failures = []
    for name, args, expected in table:
        url = reverse(name, args=args)
        for role, status in zip(ROLES, expected, strict=True):
            response = client_for(cast[role]).get(url)
            if response.status_code != status:
                failures.append(f"{url} as {role}: {response.status_code}, expected {status}")
            elif status == 200 and response["Content-Type"].startswith("text/html"):
                html = response.content.decode()
                if len(re.findall(r"<h1[\s>]", html)) != 1 or "style=" in html:
                    failures.append(f"{url} as {role}: needs exactly one <h1> and no style attribute")
    assert not failures, "\n".join(failures)


def test_posting_to_another_units_feedback_is_404_and_changes_nothing(world, cast, client_for):
    client = client_for(cast["other_secretary"])
    response = client.post(reverse("posts:feedback_conclude", args=[world["fa"].pk]), {"text": "越权办结", "upheld": "no"})
    assert response.status_code == 404
    world["fa"].refresh_from_db()
    assert world["fa"].status == "received"
