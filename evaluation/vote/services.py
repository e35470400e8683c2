"""The public's anonymous vote (群众无记名投票): printed single-use cards, and ballots that keep nothing but the rating.

Ballots are the one move that is not audited: nothing may ever link a ballot to a voter.
"""

import contextlib
import datetime
import hashlib
import secrets
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import bulk
from evaluation.models import Ballot, EvaluationYear, Phase, TokenBatch, VoteToken
from members import access, audit
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.models import Window

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TOKEN_LENGTH = 16  # 16 symbols of 32: 80 bits, unguessable, still typeable from the card
# Cards in one run for many windows, printed as one PDF by one job (issue 12: 20,000 cards as one job).
MAX_CARDS_PER_RUN = 20_000


def normalise_token(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def hash_token(raw: str) -> str:
    return hashlib.sha256(normalise_token(raw).encode()).hexdigest()


def new_code() -> str:
    # 32 symbols: each random byte's low five bits pick one with equal chances.
    return "".join(TOKEN_ALPHABET[b & 31] for b in secrets.token_bytes(TOKEN_LENGTH))


def format_token(token: str) -> str:
    return "-".join(token[i:i + 4] for i in range(0, len(token), 4))


class BatchAlreadyGenerated(Refusal):
    """The same card form was submitted again: its batch exists and its codes were shown once.

    A refusal like any other (nothing was made, the message says why), carrying the batch so the page can
    show a fresh form rather than the refused one; a return value would let a caller print cards twice.
    """

    def __init__(self, batch: TokenBatch):
        self.batch = batch
        super().__init__(
            _("This form was already submitted: %(n)s cards for %(window)s were generated at %(time)s. "
              "Their codes were shown once and are not stored; no new cards were made. "
              "If they were not printed, generate a new batch.")
            % {"n": batch.size, "window": batch.window.name,
               "time": timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M")}
        )


def check_prints_for(actor, windows) -> None:
    """Cards are printed by the staff who manage the windows' units: a district's staff for their own district."""
    if access.for_user(actor).is_admin:
        return
    wanted = {window.pk for window in windows}
    # One query however many windows: those of them the actor manages.
    if set(Window.objects.filter(pk__in=wanted).managed_by(actor).values_list("pk", flat=True)) != wanted:
        raise Refusal(_("Vote cards are printed by the district that manages the window."))


@transaction.atomic
def generate_tokens(actor, *, year: EvaluationYear, window: Window, size: int, valid_days: int = 60,
                    submission_key=None) -> tuple[TokenBatch, list[str]]:
    """Create a batch of single-use cards; the codes are returned once, only their hashes are kept.

    With a submission key (one per rendered form) a second submission of the same form creates nothing
    and raises BatchAlreadyGenerated: refreshing the printed page must never silently make new tokens.
    """
    if year.phase not in (Phase.QUARTERLY, Phase.ASSESSMENT):
        raise Refusal(_("Vote cards are printed before or during the year-end assessment."))
    if not 1 <= size <= 500:
        raise Refusal(_("A batch holds 1 to 500 cards."))
    check_prints_for(actor, [window])
    if submission_key is not None:
        existing = TokenBatch.objects.select_related("window").filter(submission_key=submission_key).first()
        if existing is not None:
            raise BatchAlreadyGenerated(existing)
    try:
        with transaction.atomic():
            batch = TokenBatch.objects.create(
                year=year, window=window, size=size, created_by=actor, submission_key=submission_key,
                expires_at=timezone.now() + datetime.timedelta(days=valid_days),
            )
    except IntegrityError:
        # Two submissions of one form at the same moment: the other one made the batch.
        raise BatchAlreadyGenerated(TokenBatch.objects.select_related("window").get(submission_key=submission_key)) from None
    codes = [new_code() for _n in range(size)]
    VoteToken.objects.bulk_create(VoteToken(batch=batch, token_hash=hash_token(code)) for code in codes)
    audit.record(actor, "evaluation.tokens.generated", batch, to_state=str(size))
    return batch, codes


def run_already_generated(existing: TokenBatch | None) -> Refusal:
    made_at = existing.created_at if existing is not None else timezone.now()
    return Refusal(
        _("This form was already submitted: its cards were generated at %(time)s and are not made again. "
          "Their codes are not stored; if they were not printed, generate a new run.")
        % {"time": timezone.localtime(made_at).strftime("%Y-%m-%d %H:%M")}
    )


def check_run_size(windows: int, size_per_window: int) -> None:
    """One run (one PDF) holds at most MAX_CARDS_PER_RUN cards: a bound on the job's time and file."""
    if windows * size_per_window > MAX_CARDS_PER_RUN:
        raise Refusal(
            _("%(windows)s windows × %(size)s cards make %(n)s cards; one run makes at most %(max)s. "
              "Choose fewer windows or fewer cards per window.")
            % {"windows": windows, "size": size_per_window, "n": windows * size_per_window, "max": MAX_CARDS_PER_RUN}
        )


@transaction.atomic
def generate_tokens_for_windows(actor, *, year: EvaluationYear, windows, size_per_window: int, valid_days: int = 60,
                                progress: bulk.Progress = None, submission_key=None) -> list[tuple[TokenBatch, list[str]]]:
    """One batch of `size_per_window` cards for each window, all printed as one run; the codes are returned once.

    In bulk whatever the number of cards: the batches in one INSERT per 500, the token hashes computed here
    and inserted 500 a statement, `progress(done, total)` after each; one summary audit entry. One
    transaction: a crash leaves no card behind, so a retry makes the whole run (never half of it twice).

    With a submission key (one per rendered form) each batch gets a key derived from it and its window:
    the same form run again (a job retried after its worker died) finds them and makes nothing.
    """
    if year.phase not in (Phase.QUARTERLY, Phase.ASSESSMENT):
        raise Refusal(_("Vote cards are printed before or during the year-end assessment."))
    if not 1 <= size_per_window <= 500:
        raise Refusal(_("A batch holds 1 to 500 cards."))
    windows = list({w.pk: w for w in windows}.values())
    if not windows:
        raise Refusal(_("Choose at least one window."))
    check_prints_for(actor, windows)
    check_run_size(len(windows), size_per_window)
    keys = {w.pk: uuid.uuid5(submission_key, str(w.pk)) if submission_key else None for w in windows}
    if submission_key is not None:
        existing = TokenBatch.objects.filter(submission_key__in=list(keys.values())).first()
        if existing is not None:
            raise run_already_generated(existing)
    expires_at = timezone.now() + datetime.timedelta(days=valid_days)
    try:
        # A savepoint only where a key can collide: the insert may then fail without ending the transaction.
        with transaction.atomic() if submission_key is not None else contextlib.nullcontext():
            batches = TokenBatch.objects.bulk_create(
                [TokenBatch(year=year, window=w, size=size_per_window, created_by=actor, expires_at=expires_at,
                            submission_key=keys[w.pk]) for w in windows],
                batch_size=bulk.CHUNK,
            )
    except IntegrityError:
        # The same run at the same moment (a redelivered job beside the first): the other one made the cards.
        raise run_already_generated(TokenBatch.objects.filter(submission_key__in=list(keys.values())).first()) from None
    codes = [[new_code() for _n in range(size_per_window)] for _b in batches]
    tokens = [VoteToken(batch=batch, token_hash=hash_token(code)) for batch, batch_codes in zip(batches, codes, strict=True) for code in batch_codes]
    bulk.create_in_chunks(VoteToken, tokens, progress)
    audit.record(actor, "evaluation.tokens.generated_many", year, to_state=str(len(tokens)),
                 reason=Message("%(n)s cards for %(windows)s windows.", n=len(tokens), windows=len(windows)))
    return list(zip(batches, codes, strict=True))


@transaction.atomic
def cast_vote(*, token: str, rating: str, window_code: str = "") -> Window:
    """Spend a card on one anonymous ballot and return the window it was for.

    `window_code` is the window the page named before the vote (from the card's QR address): a card of
    another window is refused before it is spent, so nobody rates a window they were not shown.

    There is no actor, on purpose: the voter is anonymous, and neither the token nor any person, address or
    time reaches the ballot. The token is consumed by a conditional UPDATE; the ballot keeps only the rating.
    """
    if rating not in Ballot.POINTS:
        raise Refusal(_("Choose how satisfied you are."))
    token = normalise_token(token)
    if len(token) != TOKEN_LENGTH:
        raise Refusal(_("This card code is not valid. Check the code on your card."))
    found = VoteToken.objects.select_related("batch__year", "batch__window").filter(token_hash=hash_token(token)).first()
    if found is None:
        raise Refusal(_("This card code is not valid. Check the code on your card."))
    batch = found.batch
    if batch.year.phase != Phase.ASSESSMENT:
        raise Refusal(_("The vote is closed."))
    if batch.expires_at <= timezone.now():
        raise Refusal(_("This card has expired."))
    if window_code and window_code != batch.window.code:
        raise Refusal(_("This card is for another window: %(window)s. Check the card, or open the address printed on it.")
                      % {"window": batch.window.name})
    # Of several submissions of one card at once, exactly one changes the row.
    if VoteToken.objects.filter(pk=found.pk, used=False).update(used=True) != 1:
        raise Refusal(_("This card has already been used to vote."))
    Ballot.objects.create(year=batch.year, window=batch.window, rating=rating)
    return batch.window
