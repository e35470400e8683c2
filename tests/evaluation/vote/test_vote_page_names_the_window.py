"""The vote page names the window and what is rated before the vote; the card's code never reaches the server."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from evaluation.models import Ballot
from evaluation.vote.services import cast_vote, generate_tokens
from pioneer.errors import Refusal
from tests.evaluation.conftest import make_window


def test_the_card_qr_carries_the_windows_public_code_and_the_card_code_in_the_fragment(client_for, committee_staff, assessment_year, window_a):
    import segno

    response = client_for(committee_staff).post(
        reverse("evaluation:tokens", args=[assessment_year.year]),
        {"window": window_a.pk, "size": 1, "valid_days": 30, "submission": "6f1c2b9e-0d7a-4c1e-9a51-2f3c4d5e6f71"},
    )
    html = response.content.decode()
    code = re.search(r'data-testid="card-code">([A-Z0-9-]+)<', html).group(1).replace("-", "")
    expected = segno.make(f"http://testserver/vote/?w=W-A#{code}", error="m").svg_data_uri(scale=3)
    assert unquote(expected) in unquote(html)
    assert "http://testserver/vote/?w=W-A" in html  # the address printed for typing the code


def test_the_vote_page_names_the_window_before_the_vote(client, assessment_year, window_a, django_assert_num_queries):
    with django_assert_num_queries(1):  # the window and its unit
        html = client.get(reverse("evaluation:vote") + "?w=W-A").content.decode()
    named = html.index('data-testid="vote-window"')
    assert "行政审批综合受理窗口" in html[named:] and html.index("行政审批综合受理窗口") < html.index('id="vote-form"')
    assert "您在本窗口得到的服务" in html
    assert 'name="w" value="W-A"' in html


def test_without_a_known_window_the_page_says_the_card_names_it(client, assessment_year, window_a):
    for url in (reverse("evaluation:vote"), reverse("evaluation:vote") + "?w=NOPE"):
        html = client.get(url).content.decode()
        assert 'data-testid="vote-window"' not in html
        assert "您评价的窗口印在投票卡上，投票计入该窗口。" in html


def test_a_card_of_another_window_is_refused_before_it_is_spent(client, assessment_year, window_a, unit_b, committee_staff):
    _batch, codes = generate_tokens(committee_staff, year=assessment_year, window=window_a, size=1)
    other, _post = make_window(unit_b, "W-O", name="户籍窗口")
    with pytest.raises(Refusal) as exc:
        cast_vote(token=codes[0], rating="satisfied", window_code=other.code)
    assert exc.value.message == "这张投票卡属于另一个窗口：行政审批综合受理窗口。请核对投票卡，或打开卡上印制的地址。"
    assert not Ballot.objects.exists()
    # Through the page: the named window comes back in the POST body, and the same card then votes for its own window.
    html = client.post(reverse("evaluation:vote") + "?w=W-O", {"token": codes[0], "rating": "satisfied", "w": "W-O"}).content.decode()
    assert "这张投票卡属于另一个窗口" in html and "户籍窗口" in html
    html = client.post(reverse("evaluation:vote"), {"token": codes[0], "rating": "satisfied", "w": "W-A"}).content.decode()
    assert 'data-testid="vote-done"' in html
    ballot = Ballot.objects.get()
    assert (ballot.window_id, ballot.rating) == (window_a.pk, "satisfied")
