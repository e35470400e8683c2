"""Unlocking a login locked by failed attempts: from the member's page, by the committee or the unit's secretaries."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from members.models import AuditEntry, Notification
from members.unlock import locked_until, unlock_account
from pioneer.errors import Refusal


def lock(user, *, minutes_ago=1):
    return AccessAttempt.objects.create(
        username=user.get_username(), ip_address="10.0.0.1", user_agent="test", failures_since_start=5,
        attempt_time=timezone.now() - datetime.timedelta(minutes=minutes_ago), get_data="", post_data="",
    )


def test_a_lock_ends_after_the_cool_off(member):
    lock(member.user)
    assert locked_until(member.user) is not None
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert locked_until(member.user) is None


def test_the_unit_secretary_unlocks_with_an_audit_and_a_notice(member, unit_secretary):
    lock(member.user)
    unlock_account(unit_secretary, member=member)
    assert locked_until(member.user) is None and not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(action="members.account.unlocked")
    assert (entry.actor, entry.from_state, entry.to_state) == (unit_secretary, "locked", "unlocked")
    assert Notification.objects.filter(recipient=member.user, text="您的账号已解锁，可以重新登录。").exists()


def test_an_unlocked_account_cannot_be_unlocked(member, committee_staff):
    with pytest.raises(Refusal) as exc:
        unlock_account(committee_staff, member=member)
    assert str(exc.value) == "该账号未被锁定。"


def test_a_branch_secretary_does_not_unlock(member, secretary):
    lock(member.user)
    with pytest.raises(Refusal) as exc:
        unlock_account(secretary, member=member)
    assert str(exc.value) == "只有党委工作人员或单位党组织书记可以解锁账号。"
    assert AccessAttempt.objects.exists()


@pytest.mark.parametrize(("who", "sees", "post_status"), [
    ("member", False, 403), ("secretary", False, 403), ("other_secretary", None, 404),
    ("unit_secretary", True, 302), ("committee_staff", True, 302), ("anonymous", None, 302),
])
def test_the_unlock_button_by_role(request, client, client_for, member, who, sees, post_status):
    lock(member.user)
    url = f"/members/{member.pk}/"
    c = client if who == "anonymous" else client_for(request.getfixturevalue(who) if who != "member" else member.user)
    page = c.get(url)
    if sees is None:
        assert page.status_code in (302, 404)
    else:
        assert page.status_code == 200
        assert ("立即解锁" in page.content.decode()) is sees
    response = c.post(f"/members/{member.pk}/unlock/")
    assert response.status_code == post_status
    if who == "anonymous":
        assert "/login" in response["Location"]
    assert AccessAttempt.objects.exists() is not (post_status == 302 and who != "anonymous")


def test_the_lockout_page_says_when_the_lock_ends(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": member.user.get_username(), "password": "wrong"})
    ends = timezone.localtime(timezone.now() + datetime.timedelta(minutes=30))
    html = response.content.decode()
    assert "账号已锁定至" in html
    assert ends.strftime("%Y-%m-%d") in html


def test_the_unlock_notice_reads_in_the_members_language_whoever_unlocked(member, unit_secretary):
    from django.utils import translation

    lock(member.user)
    with translation.override("en"):  # the secretary's interface is in English
        unlock_account(unit_secretary, member=member)
    note = Notification.objects.get(recipient=member.user)
    with translation.override("zh-hans"):
        assert note.text == "您的账号已解锁，可以重新登录。"
    with translation.override("en"):
        assert note.text == "Your account was unlocked. You can log in again."
