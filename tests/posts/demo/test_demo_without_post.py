"""At the end of the demo year every member in service holds a post or is listed, with an action that resolves it,
on the "members without a post" page of someone who manages them."""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from members import access
from members.models import Member
from posts.models import Assignment, Nomination

# The demo logins that manage members, the nearest first: a branch secretary, the unit's, the committee.
MANAGERS = ["secretary", "secretary2", "unit", "committee"]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def listed(client, branch):
    """The rows of the page for one branch: member number → the hrefs of the row's resolving actions."""
    page = client.get(reverse("posts:without_post"), {"branch": branch.pk})
    assert page.status_code == 200
    rows = lxml.html.fromstring(page.content).xpath("//tr[@data-member]")
    return {row.get("data-member"): row.xpath('.//*[@data-testid="without-post-actions"]//a[@data-testid]/@href') for row in rows}


def resolves(client, member, hrefs):
    """Does one of the links resolve it: the member's declaration to review, or a direct placement with a free post?"""
    pending = Nomination.objects.filter(member=member).pending().first()
    if pending is not None:
        url = reverse("posts:nomination_detail", args=[pending.pk])
        return url in hrefs and client.get(url).context["can_review"]
    url = reverse("posts:member_place", args=[member.pk])
    if url not in hrefs:
        return False
    form = client.get(url).context["form"]
    return any(post.places_left for post in form.fields["post"].queryset)


def test_every_member_in_service_holds_a_post_or_is_listed_with_an_action(demo, client_for):
    User = get_user_model()
    managers = [User.objects.get(username=name) for name in MANAGERS]
    without = Member.objects.in_service().exclude(assignments__status__in=Assignment.LIVE).select_related("branch").order_by("member_no")
    assert without.exists()  # the demo leaves some to place: pending declarations, the demo member, a newcomer
    pages = {}
    for member in without:
        theirs = [u for u in managers if access.for_user(u).manages(member.branch)]
        assert theirs, member.member_no
        actionable = False
        for manager in theirs:
            key = (manager.username, member.branch_id)
            if key not in pages:
                pages[key] = listed(client_for(manager), member.branch)
            assert member.member_no in pages[key], (manager.username, member.member_no)
            actionable = actionable or resolves(client_for(manager), member, pages[key][member.member_no])
        assert actionable, member.member_no
    # And the page lists no one else: the committee's, page by page, is exactly those members.
    staff, numbers, page = client_for(managers[-1]), [], 1
    while page:
        response = staff.get(reverse("posts:without_post"), {"page": page})
        numbers += lxml.html.fromstring(response.content).xpath("//tr[@data-member]/@data-member")
        page = response.context["page_obj"].has_next() and page + 1
    assert sorted(numbers) == sorted(without.values_list("member_no", flat=True))


def test_a_member_with_a_declaration_awaiting_review_is_sent_to_it_not_to_a_direct_placement(demo, client_for):
    pending = Nomination.objects.pending().exclude(member__assignments__status__in=Assignment.LIVE).select_related("member__branch").first()
    committee = get_user_model().objects.get(username="committee")
    hrefs = listed(client_for(committee), pending.member.branch)[pending.member.member_no]
    # The direct placement would be refused ("a declaration awaiting review"): the page offers the review instead.
    assert hrefs == [reverse("posts:nomination_detail", args=[pending.pk])]
