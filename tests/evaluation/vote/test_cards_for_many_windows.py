"""Vote cards for many windows at once: one run, in bulk, hashes only, one audit entry."""

import hashlib
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.models import Phase, TokenBatch, VoteToken
from evaluation.vote.services import TOKEN_ALPHABET, TOKEN_LENGTH, cast_vote, generate_tokens_for_windows
from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import Window
from tests.evaluation.conftest import make_window


def windows(unit, n, prefix="WV"):
    return [make_window(unit, f"{prefix}-{i}")[0] for i in range(n)]


def test_each_window_gets_its_batch_and_the_codes_vote_for_it(make_year, unit_a, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    some = windows(unit_a, 3)
    made = generate_tokens_for_windows(committee_staff, year=year, windows=some, size_per_window=4)
    assert [batch.window for batch, _codes in made] == some
    assert all(batch.size == 4 and len(codes) == 4 for batch, codes in made)
    codes = [c for _b, batch_codes in made for c in batch_codes]
    assert len(set(codes)) == 12 and all(len(c) == TOKEN_LENGTH and set(c) <= set(TOKEN_ALPHABET) for c in codes)
    assert set(VoteToken.objects.values_list("token_hash", flat=True)) == {hashlib.sha256(c.encode()).hexdigest() for c in codes}
    assert cast_vote(token=made[2][1][0], rating="satisfied") == some[2]
    entry = AuditEntry.objects.get(action="evaluation.tokens.generated_many")
    assert (entry.to_state, entry.reason) == ("12", "为 3 个窗口生成 12 张投票卡。")


@pytest.mark.parametrize("n_windows", [2, 6])
def test_the_queries_do_not_grow_with_the_windows(make_year, unit_a, committee_staff, n_windows):
    year = make_year(Phase.ASSESSMENT)
    some = windows(unit_a, n_windows)
    with CaptureQueriesContext(connection) as ctx:
        generate_tokens_for_windows(committee_staff, year=year, windows=some, size_per_window=10)
    # who the starter is (roles, member) and which of the windows they manage;
    # savepoint, batches INSERT, tokens INSERT, content type, audit entry, release
    assert len(ctx.captured_queries) <= 9


def test_twenty_thousand_cards_in_bounded_queries(make_year, unit_a, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    some = windows(unit_a, 40)
    seen = []
    with CaptureQueriesContext(connection) as ctx:
        made = generate_tokens_for_windows(committee_staff, year=year, windows=some, size_per_window=500,
                                           progress=lambda done, total: seen.append((done, total)))
    assert sum(len(codes) for _b, codes in made) == VoteToken.objects.count() == 20_000
    # INSERTs of 500 tokens (fewer per statement where the database caps its parameters, as SQLite does),
    # one of the batches, and a handful around them: a bound set by the cards, never one query per card.
    fields = [f for f in VoteToken._meta.concrete_fields if not f.primary_key]
    per_insert = min(500, connection.ops.bulk_batch_size(fields, [None] * 500))
    assert len(ctx.captured_queries) <= 40 * math.ceil(500 / per_insert) + 9
    assert seen[-1] == (20_000, 20_000) and len(seen) == 40


def test_it_refuses_cards_outside_the_vote_or_for_no_window(make_year, unit_a, committee_staff):
    year = make_year(Phase.REVIEW)
    with pytest.raises(Refusal) as exc:
        generate_tokens_for_windows(committee_staff, year=year, windows=windows(unit_a, 1), size_per_window=5)
    assert exc.value.message == "投票卡须在年终考评之前或期间印制。"
    year = make_year(Phase.ASSESSMENT, number=2027)
    with pytest.raises(Refusal) as exc:
        generate_tokens_for_windows(committee_staff, year=year, windows=Window.objects.none(), size_per_window=5)
    assert exc.value.message == "请至少选择一个窗口。"
    with pytest.raises(Refusal) as exc:
        generate_tokens_for_windows(committee_staff, year=year, windows=windows(unit_a, 1, "WX"), size_per_window=501)
    assert exc.value.message == "每批投票卡为1至500张。"
    assert not TokenBatch.objects.exists()
