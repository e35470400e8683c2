"""An action with nothing to do shows its button disabled and says why, instead of doing nothing."""

from django.urls import reverse

from posts.handbook.services import publish_handbook


def test_publishing_nothing_is_disabled_with_the_reason(client_for, secretary, open_round):
    html = client_for(secretary).get(f"/rounds/{open_round.pk}/publish/").content.decode()
    assert 'disabled aria-describedby="nothing-to-publish"' in html
    assert "没有待公示的岗位安排" in html


def test_an_unchanged_handbook_cannot_be_published_again_from_the_page(client_for, window_a, committee_staff):
    client = client_for(committee_staff)
    assert 'data-testid="publish-disabled"' not in client.get(reverse("posts:handbook_draft")).content.decode()
    publish_handbook(committee_staff)
    html = client.get(reverse("posts:handbook_draft")).content.decode()
    assert 'data-testid="publish-disabled"' in html and "自最新一版以来内容没有变化" in html
    assert 'name="title"' not in html
