"""Approving a nomination goes through its page: the board links to it, the GET says what happens, the POST approves."""

import re

from django.urls import reverse

from posts.models import Assignment, Nomination
from posts.nominations import services as nomination_services


def _nominate(member, open_round, post):
    return nomination_services.submit_nomination(member.user, round=open_round, post=post, statement="熟悉政策咨询。")


def test_the_board_and_the_nomination_page_link_to_the_approval_page(client_for, member, secretary, open_round, window_post):
    nomination = _nominate(member, open_round, window_post)
    url = reverse("posts:nomination_approve", args=[nomination.pk])
    client = client_for(secretary)
    for page in (reverse("posts:review_board", args=[open_round.pk]), reverse("posts:nomination_detail", args=[nomination.pk])):
        html = client.get(page).content.decode()
        assert f'href="{url}"' in html, page
        assert not re.search(rf'<form[^>]*action="{url}"', html), page


def test_the_approval_page_says_what_happens_and_changes_nothing(client_for, member, secretary, open_round, window_post):
    nomination = _nominate(member, open_round, window_post)
    response = client_for(secretary).get(reverse("posts:nomination_approve", args=[nomination.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "张伟将被确定在岗位“政策咨询导办岗”上，并收到通知；该岗位共 2 个名额，目前剩余 2 个。" in html
    assert "style=" not in html and all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED and not Assignment.objects.exists()


def test_the_post_from_the_approval_page_approves(client_for, member, secretary, open_round, window_post):
    nomination = _nominate(member, open_round, window_post)
    response = client_for(secretary).post(reverse("posts:nomination_approve", args=[nomination.pk]), {"reason": ""})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPROVED and Assignment.objects.get().post == window_post
