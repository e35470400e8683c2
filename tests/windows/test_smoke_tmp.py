import pytest
from django.urls import reverse

def test_smoke(cast, client_for, window_a, window_b):
    from posts.services import feedback as fs, windows as ws, plaques as ps
    fb = fs.submit_feedback(window_a, kind="complaint", text="<script>alert(1)</script>等了很久")
    ws.publish_handbook(cast["committee_staff"])
    app = ps.apply_for_plaque(window_a, cast["unit_secretary"], year=2026, statement="条件具备")
    for role, user in cast.items():
        c = client_for(user)
        for url in ["/windows/", "/windows/WA/", "/handbook/", "/plaques/", f"/feedback/{fb.tracking_code}/", "/feedback/new/WA/", "/staff/windows/", "/staff/windows/WA/", "/staff/windows/WA/markers/", "/staff/feedback/", f"/staff/feedback/{fb.pk}/", "/staff/plaques/", "/staff/plaques/applications/", f"/staff/plaques/applications/{app.pk}/", "/staff/handbook/", "/staff/windows/new/", "/staff/windows/WA/edit/", "/handbook/editions/", "/handbook/editions/1/", "/staff/plaques/apply/"]:
            r = c.get(url)
            print(role, url, r.status_code)
            assert r.status_code != 500
