"""The list pages offer their Excel downloads and uploads to those who may use them."""

import pytest
from django.urls import reverse

PAGES = [
    ("members:list", ["members:excel:member_export", "members:excel:members_upload"]),
    ("members:organisation_list", ["members:excel:organisation_export", "members:excel:organisations_upload"]),
    ("posts:post_list", ["members:excel:posts_export", "members:excel:assignments_export", "members:excel:posts_upload"]),
    ("posts:window_list", ["members:excel:windows_export", "members:excel:windows_upload"]),
    ("posts:feedback_inbox", ["members:excel:feedback_export"]),
    ("posts:plaque_overview", ["members:excel:plaques_export"]),
    ("posts:handbook_draft", ["members:excel:handbook_export"]),
]


@pytest.mark.parametrize(("page", "links"), PAGES)
def test_committee_staff_see_every_excel_button(cast, client_for, page, links):
    html = client_for(cast["committee_staff"]).get(reverse(page)).content.decode()
    for link in links:
        assert f'href="{reverse(link)}' in html, link


def test_a_branch_secretary_is_not_offered_imports_they_may_not_use(cast, client_for):
    client = client_for(cast["secretary"])
    assert reverse("members:excel:organisations_upload") not in client.get(reverse("members:organisation_list")).content.decode()
    assert reverse("members:excel:windows_upload") not in client.get(reverse("posts:window_list")).content.decode()
    assert reverse("members:excel:members_upload") in client.get(reverse("members:list")).content.decode()


def test_the_roster_export_link_keeps_the_list_filters(cast, client_for, branch_a1):
    html = client_for(cast["admin"]).get(reverse("members:list"), {"q": "张", "branch": branch_a1.pk}).content.decode()
    assert f'href="{reverse("members:excel:member_export")}?q=%E5%BC%A0&amp;branch={branch_a1.pk}"' in html
