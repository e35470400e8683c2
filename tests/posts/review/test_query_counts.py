"""Pinned query counts on the review board: the same at two data sizes."""

import pytest

from tests.posts.factories import fill_round


@pytest.mark.parametrize("size", [2, 12])
def test_the_review_board_query_count_does_not_grow(client_for, secretary, open_round, branch_a1, size, django_assert_num_queries):
    fill_round(secretary, open_round, branch_a1, size)
    client = client_for(secretary)
    url = f"/rounds/{open_round.pk}/review/"
    client.get(url)
    # session, user, roles, member (access), round, posts with holder counts, nomination count (pager),
    # one page of nominations with member/branch/post/assignment, members without a post (count),
    # approved assignments to publish (count), unread notifications (nav).
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
