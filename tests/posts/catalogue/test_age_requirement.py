"""A post's age requirement reads in words, one way everywhere: never a dash beside an en dash."""

import pytest
from django.urls import reverse
from django.utils import translation

from posts.models import Post
from posts.nominations import services as nomination_services


@pytest.mark.parametrize(("low", "high", "zh", "en"), [
    (None, None, "不限", "any"),
    (None, 55, "不超过 55 岁", "55 or younger"),
    (30, None, "30 岁以上", "30 or older"),
    (30, 55, "30–55 岁", "from 30 to 55"),
])
def test_the_age_requirement_in_words(low, high, zh, en):
    post = Post(min_age=low, max_age=high)
    with translation.override("zh-hans"):
        assert post.age_requirement() == zh
    with translation.override("en"):
        assert post.age_requirement() == en


def test_every_page_that_shows_the_age_says_it_in_words(client_for, member, secretary, open_round, window_post):
    Post.objects.filter(pk=window_post.pk).update(max_age=55)
    nomination_services.submit_nomination(member.user, round=open_round, post=window_post, statement="熟悉政策咨询。")
    client = client_for(secretary)
    for url in (reverse("posts:post_detail", args=[window_post.pk]), reverse("posts:review_board", args=[open_round.pk]),
                reverse("posts:round_detail", args=[open_round.pk])):
        html = client.get(url).content.decode()
        assert "不超过 55 岁" in html, url
        assert "—–" not in html and "–—" not in html, url


def test_a_post_without_an_age_limit_says_any(client_for, secretary, internal_post):
    html = client_for(secretary).get(reverse("posts:post_detail", args=[internal_post.pk])).content.decode()
    assert "<dt class=\"col-sm-4\">年龄要求</dt><dd class=\"col-sm-8\">不限</dd>" in html
