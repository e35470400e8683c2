"""The admin lists every posts record but never moves a state: that is the services' job."""

import pytest
from django.urls import reverse

from posts.feedback import services as fs
from posts.handbook.services import publish_handbook
from posts.plaques import services as ps


def test_the_admin_lists_every_step_4_model(client_for, admin_user, window_a, committee_staff):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    record = ps.record_plaque(committee_staff, window=window_a, year=2026, level="striving", source="application")
    app = ps.apply_for_plaque(admin_user, window=window_a, year=2027, statement="条件具备")
    edition = publish_handbook(committee_staff)
    client = client_for(admin_user)
    for model, obj in [("window", window_a), ("feedback", fb), ("plaquerecord", record), ("plaqueapplication", app),
                       ("handbookedition", edition), ("memberphoto", None)]:
        assert client.get(reverse(f"admin:posts_{model}_changelist")).status_code == 200, model
        if obj is not None:
            assert client.get(reverse(f"admin:posts_{model}_change", args=[obj.pk])).status_code == 200, model


def test_the_admin_cannot_change_a_feedbacks_status(client_for, admin_user, window_a):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    client_for(admin_user).post(reverse("admin:posts_feedback_change", args=[fb.pk]), {"status": "closed"})
    fb.refresh_from_db()
    assert fb.status == "received"


@pytest.mark.parametrize("model", ["post", "assignment", "round", "nomination", "publication", "objection"])
def test_the_admin_lists_and_shows_each_model(client_for, admin_user, published, model):
    from django.apps import apps

    client = client_for(admin_user)
    assert client.get(f"/admin/posts/{model}/").status_code == 200
    obj = apps.get_model("posts", model).objects.first()
    if obj is not None:
        assert client.get(f"/admin/posts/{model}/{obj.pk}/change/").status_code == 200
