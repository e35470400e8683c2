"""The pages of the catalogue: a member's own post with its duties, commitments and history."""


def test_my_post_shows_duties_commitments_and_history(client_for, member, published):
    html = client_for(member.user).get("/my-post/").content.decode()
    assert "党建宣传岗" in html
    # The history names each step in words, not by its audit code.
    assert "· 公示" in html and "posts.assignment.published" not in html


def test_the_member_page_shows_the_post(client_for, secretary, member, published):
    html = client_for(secretary).get(f"/members/{member.pk}/").content.decode()
    assert "党建宣传岗" in html
