"""The change history is a district's own: another district's members, organisations and moves do not show."""

from django.urls import reverse

from members import audit
from members.models import AuditEntry
from posts.feedback import services as fs
from posts.models import Window
from tests.dashboards.test_districts import city, second  # noqa: F401 - fixtures


def test_each_entry_names_the_district_of_what_it_is_about(world, second, committee, member):  # noqa: F811
    from evaluation.models import EvaluationYear

    theirs = fs.submit_feedback(None, window=Window.objects.get(code="W2"), kind="praise", text="服务热情")
    window = Window.objects.get(code="WA")
    event = theirs.events.get()
    assert audit.district_of(member) == audit.district_of(window) == audit.district_of(window.posts.first()) == committee.pk
    assert audit.district_of(theirs) == audit.district_of(event) == second["committee"].pk
    assert audit.district_of(EvaluationYear.objects.create(year=2031)) is None
    # A member loaded without its district column still names it (the column is read, not skipped).
    from members.models import Member

    assert audit.district_of(Member.objects.only("name").get(pk=second["member"].pk)) == second["committee"].pk
    assert AuditEntry.objects.get(action="posts.feedback.received", object_id=str(theirs.pk)).committee_id == second["committee"].pk


def test_a_district_s_staff_read_their_own_history_only(world, second, committee, committee_staff, admin_user, member, client_for):  # noqa: F811
    theirs = fs.submit_feedback(None, window=Window.objects.get(code="W2"), kind="complaint", text="排队太久")
    ours = fs.submit_feedback(None, window=Window.objects.get(code="WA"), kind="complaint", text="态度不好")
    other_member = second["member"]
    other_member.phone = "13900000000"
    other_member.save()
    member.phone = "13800000000"
    member.save()
    url = reverse("members:audit_log")
    client = client_for(committee_staff)
    moves = client.get(url + "?tab=transitions").context["object_list"]
    ids = {e.object_id for e in moves}
    assert str(ours.pk) in ids and str(theirs.pk) not in ids
    members = {row.id for row in client.get(url).context["object_list"]}
    assert member.pk in members and other_member.pk not in members
    organisations = {row.id for row in client.get(url + "?tab=organisations").context["object_list"]}
    assert second["unit"].pk not in organisations and second["committee"].pk not in organisations
    assert committee.pk in organisations
    # An administrator reads the whole installation's.
    admin = client_for(admin_user)
    assert str(theirs.pk) in {e.object_id for e in admin.get(url + "?tab=transitions").context["object_list"]}
    assert other_member.pk in {row.id for row in admin.get(url).context["object_list"]}
