"""The home page: the public summary, and each logged-in user's way to their dashboard and post."""

import re

from django.urls import reverse

from members.models import Notification


def headline(html):
    block = re.search(r'data-testid="headline-figures">(.*?)\n</div>', html, re.S).group(1)
    return [int(n) for n in re.findall(r'class="display-6"[^>]*>(\d+)<', block)]


def test_the_public_sees_the_four_headline_figures_live(world, client):
    html = client.get(reverse("home")).content.decode()
    assert headline(html) == [2, 3, 2, 4]  # units, branches, windows, members on posts
    assert "名党员在先锋岗" in html


def test_the_headline_figures_follow_the_data(world, client, unit_a):
    from tests.dashboards.factories import WindowFactory

    WindowFactory(organisation=unit_a)
    unit_a.children.update(is_active=False)
    assert headline(client.get(reverse("home")).content.decode()) == [2, 1, 3, 4]  # only B1 still takes part


def test_the_home_page_costs_the_same_with_more_data(world, more_of_everything, client, django_assert_num_queries):
    # 1 organisations, 2 windows, 3 members on posts.
    with django_assert_num_queries(3):
        client.get(reverse("home"))
    more_of_everything(3)
    with django_assert_num_queries(3):
        client.get(reverse("home"))


def test_committee_staff_are_pointed_to_the_programme_dashboard(cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("members:dashboard")}"' in html


def test_secretaries_are_pointed_to_their_own_dashboards(cast, client_for, branch_a1, unit_a, branch_b1):
    html = client_for(cast["secretary"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("members:dashboard_organisation", args=[branch_a1.pk])}"' in html
    assert f'href="{reverse("members:dashboard")}"' not in html
    assert f'href="{reverse("members:dashboard_organisation", args=[branch_b1.pk])}"' not in html
    html = client_for(cast["unit_secretary"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("members:dashboard_organisation", args=[unit_a.pk])}"' in html


def test_a_member_sees_their_latest_notifications_and_no_dashboard(world, cast, client_for):
    Notification.objects.create(recipient=cast["member"], text="您的岗位已确认", url="/me/")
    html = client_for(cast["member"]).get(reverse("home")).content.decode()
    assert "您的岗位已确认" in html
    assert "/dashboard/" not in html


def test_the_post_is_shown_once_not_twice(world, cast, client_for):
    """The member's post is home_member.html's (steps 1–3); this include adds no second copy."""
    html = client_for(cast["member"]).get(reverse("home")).content.decode()
    assert html.count("政策咨询岗") == 1


def test_the_public_summary_links_to_the_plaque_register_once(db, client):
    html = client.get(reverse("home")).content.decode()
    assert html.count(f'href="{reverse("posts:plaque_register")}"') == 2  # navigation and the public links
