"""Plaque applications (申报 → preliminary review) and the per-year register kept by record_plaque."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import PlaqueApplication, PlaqueRecord
from posts.plaques import services as ps

YEAR = 2026


@pytest.fixture
def application(window_a, unit_secretary):
    return ps.apply_for_plaque(unit_secretary, window=window_a, year=YEAR, statement="岗位、标记、承诺均已公开")


def test_a_unit_applies_and_the_committee_approves_the_striving_plaque(application, committee_staff, unit_secretary):
    ps.approve_plaque_application(committee_staff, application=application, note="条件基本具备")
    application.refresh_from_db()
    assert application.status == PlaqueApplication.Status.APPROVED
    record = application.plaque
    assert (record.year, record.level, record.source, record.change) == (YEAR, "striving", "application", "awarded")
    assert record.decided_by == committee_staff
    assert unit_secretary.notifications.count() == 1
    assert AuditEntry.objects.filter(action="posts.plaque_application.approved").count() == 1
    assert AuditEntry.objects.filter(action="posts.plaque.recorded").count() == 1


def test_a_rejection_needs_a_reason_and_gives_no_plaque(application, committee_staff):
    with pytest.raises(Refusal):
        ps.reject_plaque_application(committee_staff, application=application, reason="  ")
    ps.reject_plaque_application(committee_staff, application=application, reason="岗位标记尚未设置")
    application.refresh_from_db()
    assert (application.status, application.review_note) == ("rejected", "岗位标记尚未设置")
    assert not PlaqueRecord.objects.exists()


def test_the_database_refuses_a_rejection_without_reason(application):
    with pytest.raises(IntegrityError):
        PlaqueApplication.objects.filter(pk=application.pk).update(status="rejected", review_note="")


def test_only_committee_staff_review(application, unit_secretary, secretary):
    for user in (unit_secretary, secretary):
        with pytest.raises(Refusal):
            ps.approve_plaque_application(user, application=application)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_decided_application_cannot_be_decided_again(application, committee_staff):
    ps.approve_plaque_application(committee_staff, application=application)
    with pytest.raises(Refusal):
        ps.reject_plaque_application(committee_staff, application=application, reason="改主意了")
    with pytest.raises(Refusal):
        ps.approve_plaque_application(committee_staff, application=application)
    assert PlaqueRecord.objects.count() == 1


def test_the_unit_withdraws_and_may_apply_again(application, unit_secretary, window_a):
    ps.withdraw_plaque_application(unit_secretary, application=application)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    again = ps.apply_for_plaque(unit_secretary, window=window_a, year=YEAR, statement="补充材料后重新申报")
    assert again.status == "submitted"


def test_one_live_application_per_window_and_year(application, unit_secretary, window_a):
    with pytest.raises(Refusal):
        ps.apply_for_plaque(unit_secretary, window=window_a, year=YEAR, statement="重复申报")
    assert PlaqueApplication.objects.count() == 1


def test_it_refuses_other_unit_secretary(window_a, other_secretary, secretary):
    for user in (other_secretary, secretary):
        with pytest.raises(Refusal):
            ps.apply_for_plaque(user, window=window_a, year=YEAR, statement="代为申报")


def test_a_window_with_a_plaque_for_the_year_cannot_apply(window_a, unit_secretary, committee_staff):
    ps.record_plaque(committee_staff, window=window_a, year=YEAR, level="pioneer", source="evaluation", reason="年终考评达标")
    with pytest.raises(Refusal):
        ps.apply_for_plaque(unit_secretary, window=window_a, year=YEAR, statement="申报")


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [("striving", "pioneer", "upgraded"), ("pioneer", "pioneer", "kept"), ("pioneer", "striving", "downgraded"),
     ("striving", "none", "withdrawn"), (None, "striving", "awarded")],
)
def test_record_plaque_names_the_change_against_last_year(window_a, committee_staff, before, after, change):
    if before:
        ps.record_plaque(committee_staff, window=window_a, year=YEAR - 1, level=before, source="evaluation")
    record = ps.record_plaque(committee_staff, window=window_a, year=YEAR, level=after, source="evaluation", reason="年终考评")
    assert record.change == change


def test_record_plaque_replaces_the_years_record_and_keeps_history(window_a, committee_staff):
    first = ps.record_plaque(committee_staff, window=window_a, year=YEAR, level="striving", source="application")
    second = ps.record_plaque(committee_staff, window=window_a, year=YEAR, level="pioneer", source="evaluation", reason="达标")
    assert first.pk == second.pk
    assert PlaqueRecord.objects.get().level == "pioneer"
    entries = AuditEntry.objects.filter(action="posts.plaque.recorded").order_by("pk")
    assert [(e.from_state, e.to_state) for e in entries] == [("", "striving"), ("striving", "pioneer")]


def test_verification_codes_fit_their_column_and_are_unguessable(window_a, committee_staff):
    record = ps.record_plaque(committee_staff, window=window_a, year=YEAR, level="striving", source="application")
    assert 20 <= len(record.verification_code) <= 32


def test_the_register_and_verification_page_show_the_plaque(client, window_a, committee_staff):
    record = ps.record_plaque(committee_staff, window=window_a, year=YEAR, level="striving", source="application")
    html = client.get(reverse("posts:plaque_register")).content.decode()
    assert "综合受理窗口" in html and record.verification_code in html
    verify = client.get(reverse("posts:plaque_verify", args=[record.verification_code]))
    assert verify.status_code == 200
    assert client.get(reverse("posts:plaque_verify", args=["not-a-real-code"])).status_code == 404
    qr = client.get(reverse("posts:plaque_qr", args=[record.verification_code]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in qr.content and b"style=" not in qr.content


def test_the_committee_reviews_through_the_pages(client_for, application, committee_staff, unit_secretary):
    url = reverse("posts:plaque_review", args=[application.pk])
    assert client_for(unit_secretary).post(url, {"decision": "approve"}).status_code == 403
    response = client_for(committee_staff).post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200  # the form asks for the reason
    application.refresh_from_db()
    assert application.status == "submitted"
    client_for(committee_staff).post(url, {"decision": "approve", "note": "同意"})
    application.refresh_from_db()
    assert application.status == "approved"


def test_the_unit_applies_through_the_page_for_its_own_windows_only(client_for, unit_secretary, window_a, window_b):
    client = client_for(unit_secretary)
    url = reverse("posts:plaque_apply")
    refused = client.post(url, {"window": window_b.pk, "year": YEAR, "statement": "代为申报"})
    assert refused.status_code == 200 and "window" in refused.context["form"].errors
    response = client.post(url, {"window": window_a.pk, "year": YEAR, "statement": "条件具备"})
    assert response.status_code == 302
    assert PlaqueApplication.objects.get().window == window_a


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_decide_once(window_a, unit_secretary, committee_staff, admin_user):
    import threading

    from django.db import connection

    app = ps.apply_for_plaque(unit_secretary, window=window_a, year=YEAR, statement="条件具备")
    results = []
    barrier = threading.Barrier(4)

    def review(user, approve):
        barrier.wait()
        try:
            if approve:
                ps.approve_plaque_application(user, application=app)
            else:
                ps.reject_plaque_application(user, application=app, reason="条件不足")
            results.append("ok")
        except Refusal:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=review, args=(u, a)) for u, a in
               [(committee_staff, True), (admin_user, False), (committee_staff, False), (admin_user, True)]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused", "refused"]
    assert PlaqueRecord.objects.count() <= 1


def test_the_register_labels_past_current_and_decided_future_years(client, window_a, committee_staff):
    import datetime

    import time_machine

    for year in (YEAR - 1, YEAR, YEAR + 1):
        ps.record_plaque(committee_staff, window=window_a, year=year, level="striving", source="application")
    with time_machine.travel(datetime.datetime(YEAR, 12, 1, 4, 0, tzinfo=datetime.UTC), tick=False):
        html = client.get(reverse("posts:plaque_register")).content.decode()
    assert html.count('data-testid="plaque-year-label"') == 3
    assert "本年度" in html and "往年" in html and "2027 年度（已决定）" in html
    assert html.count("往年") == 1
