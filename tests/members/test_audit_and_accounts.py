"""Change history, notifications, login lockout."""

import pytest
from django.urls import reverse

from members import audit
from members.models import AuditEntry, Notification


def test_the_change_history_is_for_committee_staff(client_for, committee_staff, secretary, member):
    assert client_for(secretary).get(reverse("members:audit_log")).status_code == 403
    response = client_for(committee_staff).get(reverse("members:audit_log"))
    assert response.status_code == 200
    assert "张伟" in response.content.decode()


def test_the_change_history_shows_what_changed(client_for, committee_staff, member):
    member.position = "窗口负责人"
    member._change_reason = "调整"
    member.save()
    content = client_for(committee_staff).get(reverse("members:audit_log")).content.decode()
    assert "窗口负责人" in content and "科员" in content


def test_the_change_history_names_fields_and_related_objects_in_the_reader_s_language(client_for, committee_staff, member,
                                                                                    branch_a2):
    member.phone = "13900000001"
    member.branch = branch_a2
    member.save()
    content = client_for(committee_staff).get(reverse("members:audit_log")).content.decode()
    assert "<strong>电话</strong>" in content and "<strong>phone</strong>" not in content
    assert "张伟 as of" not in content  # the history row's own __str__: English, with a raw UTC timestamp
    assert "审批办第一党支部 → 审批办第二党支部" in content


def test_the_change_history_query_count_does_not_grow_with_the_page(client_for, committee_staff, member, branch_a2,
                                                                     django_assert_num_queries):
    from tests.factories import MemberFactory

    client = client_for(committee_staff)

    def changed_members(n):
        for m in MemberFactory.create_batch(n, branch=member.branch):
            m.phone = "13900000001"
            m.branch = branch_a2
            m.save()

    # session, user, roles, own member record, count, page of history rows, the earlier rows of those members,
    # the branches named by the branch changes, unread notifications: the same at both sizes.
    changed_members(2)
    with django_assert_num_queries(9) as small:
        client.get(reverse("members:audit_log"))
    changed_members(20)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("members:audit_log"))


def test_an_audit_entry_names_actor_states_and_reason(secretary, member):
    entry = audit.record(secretary, "members.member.moved", member, from_state="a", to_state="b", reason="因工作需要")
    assert entry.actor == secretary and entry.object_id == str(member.pk)
    assert list(audit.entries_for(member)) == [entry]
    transitions = AuditEntry.objects.filter(action="members.member.moved")
    assert transitions.get().reason == "因工作需要"


def test_notifications_count_and_mark_read(client_for, member):
    audit.notify(member.user, "您的认岗申请已通过", "/me/")
    client = client_for(member.user)
    assert "data-testid=\"unread-count\"" in client.get(reverse("home")).content.decode()
    client.post(reverse("members:notifications_read"))
    assert not Notification.objects.unread().filter(recipient=member.user).exists()


def test_someone_elses_notification_is_404(client_for, member, secretary):
    note = audit.notify(member.user, "仅本人可见")
    assert client_for(secretary).get(reverse("members:notification_open", args=[note.pk])).status_code == 404


def test_opening_a_notification_marks_it_read_by_post_only(client_for, member):
    note = audit.notify(member.user, "您的认岗申请已通过", "/me/")
    client = client_for(member.user)
    url = reverse("members:notification_open", args=[note.pk])
    # A GET (an old link, a prefetching browser) only follows the notification: it writes nothing.
    assert client.get(url)["Location"] == "/me/"
    note.refresh_from_db()
    assert note.read_at is None
    assert client.post(url)["Location"] == "/me/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_home_page_opens_a_notification_with_a_form(client_for, member):
    note = audit.notify(member.user, "您的岗位已确认", "/me/")
    html = client_for(member.user).get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("members:notification_open", args=[note.pk])}"' in html


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account(client, django_user_model):
    django_user_model.objects.create_user("locked", password="right-password-123")
    for _ in range(5):
        client.post(reverse("login"), {"username": "locked", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "locked", "password": "right-password-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production():
    from pioneer import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
