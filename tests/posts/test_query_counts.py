"""Pinned query counts on the review board and the publication pages: the same at two data sizes."""

import pytest

from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.factories import MemberFactory
from tests.posts.factories import make_post


def fill(secretary, open_round, branch_a1, size):
    """`size` pending nominations and `size` published assignments on fresh posts."""
    extra = make_post(branch_a1, f"服务岗{size}", capacity=50)
    for i in range(size):
        m = MemberFactory(branch=branch_a1, name=f"甲{size}{i}", specialties="政策咨询、法律法规")
        nomination_services.submit_nomination(secretary, round=open_round, post=extra, statement="熟悉业务。", member=m)
    approved = []
    for i in range(size):
        m = MemberFactory(branch=branch_a1, name=f"乙{size}{i}")
        n = nomination_services.submit_nomination(secretary, round=open_round, post=extra, statement="熟悉业务。", member=m)
        approved.append(review_services.approve_nomination(secretary, nomination=n))
    publication = publication_services.publish_round(secretary, round=open_round)
    for i in range(size):
        publication_services.raise_objection(None, publication=publication, text=f"意见{i}", assignment=approved[i].assignment)
    return publication


@pytest.mark.parametrize("size", [2, 12])
def test_the_review_board_query_count_does_not_grow(client_for, secretary, open_round, branch_a1, size, django_assert_num_queries):
    fill(secretary, open_round, branch_a1, size)
    client = client_for(secretary)
    url = f"/rounds/{open_round.pk}/review/"
    client.get(url)
    # session, user, roles, member (access), round, posts with holder counts, nomination count (pager),
    # one page of nominations with member/branch/post/assignment, members without a post (count),
    # approved assignments to publish (count), unread notifications (nav).
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_publication_page_query_count_does_not_grow(client_for, secretary, open_round, branch_a1, size, django_assert_num_queries):
    publication = fill(secretary, open_round, branch_a1, size)
    client = client_for(secretary)
    url = f"/publications/{publication.pk}/"
    client.get(url)
    # session, user, roles, member (access), publication with round and organisation, assignments with
    # member/branch/post, objections with their assignment and author, history (audit rows), unread notifications.
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_public_publication_page_query_count_does_not_grow(client, secretary, open_round, branch_a1, size, django_assert_num_queries):
    publication = fill(secretary, open_round, branch_a1, size)
    url = f"/announcements/{publication.code}/"
    client.get(url)
    # publication (public, with round and organisation), its public-facing assignments with member and post.
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200
