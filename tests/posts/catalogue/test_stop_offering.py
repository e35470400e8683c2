"""Stopping offering a post goes through a confirmation page: the GET says what will happen and changes nothing."""

import re

from django.urls import reverse

from members.models import AuditEntry
from posts.models import Assignment, Post
from tests.factories import MemberFactory


def test_the_post_page_links_to_the_confirmation_instead_of_acting(client_for, secretary, internal_post, window_post):
    html = client_for(secretary).get(reverse("posts:post_detail", args=[internal_post.pk])).content.decode()
    url = reverse("posts:post_offer", args=[internal_post.pk])
    assert f'href="{url}"' in html
    assert not re.search(rf'<form[^>]*action="{url}"', html)


def test_the_confirmation_says_what_happens_and_changes_nothing(client_for, secretary, internal_post, window_post):
    response = client_for(secretary).get(reverse("posts:post_offer", args=[internal_post.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "撤下岗位“党建宣传岗”" in html
    assert "党员不能再在认岗活动中认领该岗位" in html and "之后可以重新开放（每个党组织最多设 10 个先锋岗）。" in html
    assert 'method="post"' in html and "取消" in html and reverse("posts:post_detail", args=[internal_post.pk]) in html
    # Without script and under the strict CSP: no inline script or style on the page.
    assert "style=" not in html and all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    internal_post.refresh_from_db()
    assert internal_post.is_active and not AuditEntry.objects.filter(action="posts.post.withdrawn").exists()


def test_the_post_on_the_confirmation_page_stops_offering(client_for, secretary, internal_post, window_post):
    response = client_for(secretary).post(reverse("posts:post_offer", args=[internal_post.pk]))
    assert response.status_code == 302
    internal_post.refresh_from_db()
    assert not internal_post.is_active
    # Offering again stays one click: it takes nothing away.
    html = client_for(secretary).get(reverse("posts:post_detail", args=[internal_post.pk])).content.decode()
    assert re.search(rf'<form method="post" action="{reverse("posts:post_offer", args=[internal_post.pk])}"', html)


def test_the_confirmation_says_when_it_would_be_refused(client_for, secretary, branch_a1, internal_post, window_post):
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=internal_post, status=Assignment.Status.CONFIRMED)
    html = client_for(secretary).get(reverse("posts:post_offer", args=[internal_post.pk])).content.decode()
    assert "有 1 名党员在此岗位上：请先调整其定岗。" in html
    assert re.search(r'<button[^>]*data-testid="confirm"[^>]*disabled', html)


def test_the_last_offered_post_cannot_be_stopped(client_for, secretary, internal_post):
    assert Post.objects.offered_by(internal_post.organisation).active().count() == 1
    html = client_for(secretary).get(reverse("posts:post_offer", args=[internal_post.pk])).content.decode()
    assert "每个党组织至少设 1 个先锋岗" in html


def test_english_reads_too(client_for, secretary, internal_post, window_post):
    client = client_for(secretary)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("posts:post_offer", args=[internal_post.pk])).content.decode()
    assert "Stop offering 党建宣传岗" in html and "will no longer offer the post 党建宣传岗" in html
