"""Plaque decisions: each window's published result decides its plaque for next year, with a public reason."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import bulk, scoring
from evaluation.models import EvaluationYear, Grade, Phase
from evaluation.years.phases import lock_year
from members import audit
from pioneer import cachekeys, words
from pioneer.errors import Refusal
from pioneer.words import Message, sentences
from posts.models import PlaqueRecord
from posts.plaques.services import record_plaque


def _record(actor, *, window, year: int, level: str, source: str, reason, now) -> PlaqueRecord:
    """The one call into the plaque register (the posts app's service): it replaces next year's record and audits it."""
    return record_plaque(actor, window=window, year=year, level=level, source=source, reason=reason, now=now)


def plaque_reason(year: EvaluationYear, outcome: dict, current: str, level: str) -> Message:
    """Why the window gets its plaque: public text on the register, stored as a message so it reads in each reader's language."""
    parts = [Message("%(year)s evaluation: %(score)s points, %(grade)s.", year=year.year, score=outcome["final"], grade=Grade(outcome["grade"]))]
    if outcome["vetoed"]:
        parts.append(Message("An upheld serious complaint vetoes the plaque."))
    if level == PlaqueRecord.Level.PIONEER:
        if current == level:
            parts.append(Message("Kept the pioneer post plaque (standard %(min)s reached).", min=year.pioneer_min))
        else:
            parts.append(Message("Awarded the pioneer post plaque (standard %(min)s reached).", min=year.pioneer_min))
    elif level == PlaqueRecord.Level.STRIVING:
        if current == PlaqueRecord.Level.PIONEER:
            parts.append(Message("Downgraded to the striving plaque (below %(min)s).", min=year.pioneer_min))
        elif current == level:
            parts.append(Message("Keeps the striving plaque (at least %(min)s).", min=year.striving_min))
        else:
            parts.append(Message("Granted the striving plaque (at least %(min)s).", min=year.striving_min))
    elif current in (PlaqueRecord.Level.PIONEER, PlaqueRecord.Level.STRIVING):
        parts.append(Message("Plaque withdrawn."))
    else:
        parts.append(Message("No plaque."))
    # Chinese sentences follow each other without a space; English ones need one (pioneer.words.sentences).
    return sentences(*parts)


def _change(previous_level: str | None, level: str) -> str:
    """The change against the window's previous record: mirrors posts' record_plaque (`posts.services.plaques._change`)."""
    L = PlaqueRecord.Level
    if previous_level in (None, L.NONE):
        return "" if level == L.NONE else PlaqueRecord.Change.AWARDED
    if level == L.NONE:
        return PlaqueRecord.Change.WITHDRAWN
    before, after = PlaqueRecord.RANK[previous_level], PlaqueRecord.RANK[level]
    if after > before:
        return PlaqueRecord.Change.UPGRADED
    if after < before:
        return PlaqueRecord.Change.DOWNGRADED
    return PlaqueRecord.Change.KEPT


def record_plaques_bulk(actor, *, year: int, decisions: list[tuple[int, str, str, Message | str]], subject, reason: Message | str = "",
                        now=None, progress: bulk.Progress = None) -> list[PlaqueRecord]:
    """Create or replace many windows' records for `year` at once; `decisions` are (window id, level, source, reason).

    `subject` is what the one summary audit entry is recorded against (the evaluation year that decided).

    The same rules as posts' `record_plaque`, applied to every row: an existing record for the year is
    replaced (keeping its verification code, printed on the plaque), the change is noted against the
    window's latest earlier record, decided by/at are set. Audited once, as a summary on the register.
    In a fixed number of queries: one read of the year's records, one of the earlier ones, one UPDATE of the
    replaced records and one INSERT of the new ones. To move into posts at merge, next to record_plaque, so
    the two can share their rules.
    """
    now = now or timezone.now()
    decided_by = actor if getattr(actor, "is_authenticated", False) else None
    window_ids = [d[0] for d in decisions]
    # order_by(): the register's default order joins the window, which FOR UPDATE would lock as well.
    existing = {r.window_id: r for r in PlaqueRecord.objects.select_for_update().filter(year=year, window_id__in=window_ids).order_by()}
    previous = {}
    # Ascending years: the last one seen per window is its latest record before `year`.
    for window_id, level in (PlaqueRecord.objects.filter(year__lt=year, window_id__in=window_ids)
                             .order_by("window_id", "year").values_list("window_id", "level")):
        previous[window_id] = level
    changed, created, levels = [], [], {}
    for window_id, level, source, why in decisions:
        if level not in PlaqueRecord.Level.values:
            raise Refusal(_("Unknown plaque level."))
        record = existing.get(window_id)
        if record is None:
            record = PlaqueRecord(window_id=window_id, year=year)
            created.append(record)
        else:
            changed.append(record)
        record.level, record.source = level, source
        words.put(record, "reason", why)
        record.decided_by, record.decided_at = decided_by, now
        record.change = _change(previous.get(window_id), level)
        levels[level] = levels.get(level, 0) + 1
    total = len(decisions)
    # The reason's three columns as stored (the attribute would read its rendering in the deciding user's language).
    bulk.update_rows(PlaqueRecord, ["level", "source", "reason", "reason_key", "reason_params", "decided_by", "decided_at", "change"],
                     [(r.pk, r.level, r.source, r.__dict__["reason"], r.reason_key, r.reason_params, decided_by and decided_by.pk, now,
                       r.change) for r in changed])
    bulk.report(progress, len(changed), total)
    # One INSERT on PostgreSQL (Django unnests the rows there); SQLite's own limit batches it.
    PlaqueRecord.objects.bulk_create(created)
    # Bulk writes send no signal: the public pages (register, window pages) are told here.
    cachekeys.bump("public")
    bulk.report(progress, total, total)
    audit.record(actor, "posts.plaques.recorded", subject, to_state=" ".join(f"{k}:{levels[k]}" for k in sorted(levels)),
                 reason=reason)
    return changed + created


def plaques_blocked(year: EvaluationYear) -> str:
    """Why the year's plaques cannot be decided now ("" when they can): for the service and its confirmation page."""
    return "" if year.phase == Phase.PUBLISHED else _("Plaques are decided once the results are published.")


@transaction.atomic
def decide_plaques(actor, *, year: EvaluationYear, progress: bulk.Progress = None) -> list[PlaqueRecord]:
    """Each window's published result decides its plaque for next year; the register keeps every year.

    One transaction in a fixed number of queries whatever the number of windows: the year locked, the
    published outcomes read in one query, levels and reasons computed in memory, the register written in
    bulk, one summary audit entry. Deciding again replaces next year's records with the same decisions,
    so a retry after a crash (everything rolled back) or after success ends in the same state.
    """
    year = lock_year(year)
    if reason := plaques_blocked(year):
        raise Refusal(reason)
    bulk.keep_jit_out()
    rules = scoring.Rules.for_year(year)
    windows = year.results.windows()
    results = list(windows.order_by("window__code").values_list("window_id", "snapshot__outcome"))
    current = dict(PlaqueRecord.objects.filter(year=year.year, window_id__in=windows.values("window_id"))
                   .order_by().values_list("window_id", "level"))
    now = timezone.now()
    decisions = []
    # The reason is public text on the register: a stored message, read in each reader's language whatever the deciding user's.
    for window_id, outcome in results:
        level = scoring.plaque_level(Decimal(outcome["final"]), outcome["vetoed"], rules)
        was = current.get(window_id, PlaqueRecord.Level.NONE)
        decisions.append((window_id, level, PlaqueRecord.Source.EVALUATION, plaque_reason(year, outcome, was, level)))
    summary = Message("%(n)s plaque decisions for %(year)s recorded.", n=len(decisions), year=year.year + 1)
    records = record_plaques_bulk(actor, year=year.year + 1, decisions=decisions, subject=year, reason=summary, now=now,
                                  progress=progress)
    year.plaques_decided_at = now
    year.save(update_fields=["plaques_decided_at"])
    return records
