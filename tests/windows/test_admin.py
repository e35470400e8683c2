"""The admin lists step 4's records but never moves a state: that is the services' job."""

from django.urls import reverse

from posts.services import feedback as fs
from posts.services import plaques as ps
from posts.services.windows import publish_handbook


def test_the_admin_lists_every_step_4_model(client_for, admin_user, window_a, committee_staff):
    fb = fs.submit_feedback(window_a, kind="complaint", text="排队太久")
    record = ps.record_plaque(window_a, 2026, "striving", source="application", actor=committee_staff)
    app = ps.apply_for_plaque(window_a, admin_user, year=2027, statement="条件具备")
    edition = publish_handbook(committee_staff)
    client = client_for(admin_user)
    for model, obj in [("window", window_a), ("feedback", fb), ("plaquerecord", record), ("plaqueapplication", app),
                       ("handbookedition", edition), ("memberphoto", None)]:
        assert client.get(reverse(f"admin:posts_{model}_changelist")).status_code == 200, model
        if obj is not None:
            assert client.get(reverse(f"admin:posts_{model}_change", args=[obj.pk])).status_code == 200, model


def test_the_admin_cannot_change_a_feedbacks_status(client_for, admin_user, window_a):
    fb = fs.submit_feedback(window_a, kind="complaint", text="排队太久")
    client_for(admin_user).post(reverse("admin:posts_feedback_change", args=[fb.pk]), {"status": "closed"})
    fb.refresh_from_db()
    assert fb.status == "received"
