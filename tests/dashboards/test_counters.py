"""A count reads as Chinese counts: the number, a space, the measure word, the noun (“2 个服务窗口”, not “2服务窗口”)."""

import re

from django.urls import reverse

from posts.models import Window


def text_of(html):
    """What a reader gets from the page: tags dropped, runs of white space as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_home_figures_count_with_measure_words(world, client):
    text = text_of(client.get(reverse("home")).content.decode())
    for phrase in ("2 个单位党组织", "3 个机关党支部", "2 个服务窗口", "4 名党员在先锋岗"):
        assert phrase in text
    html = client.get(reverse("home")).content.decode()
    assert not re.search(r"\d</div>\S", html)  # no figure runs straight into its noun


def test_the_home_figures_in_english_agree_with_the_number(world, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = text_of(client.get(reverse("home")).content.decode())
    assert "2 service windows" in text and "4 members on pioneer posts" in text
    closed = Window.objects.get(code="WB")
    closed.is_active = False
    closed.save()  # as the window's edit page does: the public pages' counter moves on
    assert "1 service window " in text_of(client.get(reverse("home")).content.decode())


def test_the_dashboard_headline_counts_with_measure_words(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard")).content.decode()
    headline = re.search(r'<figure [^>]*data-figure="headline">(.*?)</figure>', html, re.S).group(1)
    labels = re.findall(r'class="dash-stat-label">([^<]+)<', headline)
    assert labels[:4] == ["个单位党组织", "个机关党支部", "个服务窗口", "名党员在先锋岗"]
