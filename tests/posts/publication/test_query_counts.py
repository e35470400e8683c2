"""Pinned query counts on the publication pages, the members' and the public's: the same at two data sizes."""

import pytest

from tests.posts.factories import fill_round


@pytest.mark.parametrize("size", [2, 12])
def test_the_publication_page_query_count_does_not_grow(client_for, secretary, open_round, branch_a1, size, django_assert_num_queries):
    publication = fill_round(secretary, open_round, branch_a1, size)
    client = client_for(secretary)
    url = f"/publications/{publication.pk}/"
    client.get(url)
    # session, user, roles, member (access), publication with round and organisation, assignments with
    # member/branch/post, objections with their assignment and author, history (audit rows), unread notifications.
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_public_publication_page_query_count_does_not_grow(client, secretary, open_round, branch_a1, size, django_assert_num_queries):
    publication = fill_round(secretary, open_round, branch_a1, size)
    url = f"/announcements/{publication.code}/"
    client.get(url)
    # publication (public, with round and organisation), its public-facing assignments with member and post.
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_announcement_list_query_count_does_not_grow(client, secretary, open_round, branch_a1, size, django_assert_num_queries):
    publication = fill_round(secretary, open_round, branch_a1, size)
    client.get("/announcements/")
    # the count of public publications (EXISTS over their assignments), the page with round and organisation.
    with django_assert_num_queries(2):
        response = client.get("/announcements/")
    assert publication.code in response.content.decode()
