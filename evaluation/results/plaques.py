"""Plaque decisions: each window's published result decides its plaque for next year, with a public reason."""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from evaluation import scoring
from evaluation.models import EvaluationYear, Phase
from evaluation.years.phases import lock_year
from pioneer.errors import Refusal
from posts.models import PlaqueRecord
from posts.plaques.services import record_plaque


def _record(actor, *, window, year: int, level: str, source: str, reason: str, now) -> PlaqueRecord:
    """The one call into the plaque register (the posts app's service): it replaces next year's record and audits it."""
    return record_plaque(actor, window=window, year=year, level=level, source=source, reason=reason, now=now)


def plaque_reason(year: EvaluationYear, outcome: dict, current: str, level: str) -> str:
    grade_label = {"excellent": _("Excellent"), "good": _("Good"), "pass": _("Pass"), "fail": _("Fail")}[outcome["grade"]]
    parts = [_("%(year)s evaluation: %(score)s points, %(grade)s.") % {"year": year.year, "score": outcome["final"], "grade": grade_label}]
    if outcome["vetoed"]:
        parts.append(_("An upheld serious complaint vetoes the plaque."))
    if level == PlaqueRecord.Level.PIONEER:
        verb = _("Kept the pioneer post plaque (standard %(min)s reached).") if current == level else _("Awarded the pioneer post plaque (standard %(min)s reached).")
        parts.append(verb % {"min": year.pioneer_min})
    elif level == PlaqueRecord.Level.STRIVING:
        if current == PlaqueRecord.Level.PIONEER:
            parts.append(_("Downgraded to the striving plaque (below %(min)s).") % {"min": year.pioneer_min})
        elif current == level:
            parts.append(_("Keeps the striving plaque (at least %(min)s).") % {"min": year.striving_min})
        else:
            parts.append(_("Granted the striving plaque (at least %(min)s).") % {"min": year.striving_min})
    elif current in (PlaqueRecord.Level.PIONEER, PlaqueRecord.Level.STRIVING):
        parts.append(_("Plaque withdrawn."))
    else:
        parts.append(_("No plaque."))
    # Chinese sentences follow each other without a space; English ones need one.
    separator = "" if (translation.get_language() or "").startswith("zh") else " "
    return separator.join(str(p) for p in parts)


@transaction.atomic
def decide_plaques(actor, *, year: EvaluationYear) -> list[PlaqueRecord]:
    """Each window's published result decides its plaque for next year; the register keeps every year."""
    year = lock_year(year)
    if year.phase != Phase.PUBLISHED:
        raise Refusal(_("Plaques are decided once the results are published."))
    rules = scoring.Rules.for_year(year)
    results = list(year.results.windows().select_related("window").order_by("window__code"))
    current = dict(PlaqueRecord.objects.filter(year=year.year, window__in=[r.window_id for r in results]).values_list("window_id", "level"))
    now = timezone.now()
    records = []
    for result in results:
        outcome = result.snapshot["outcome"]
        level = scoring.plaque_level(Decimal(outcome["final"]), outcome["vetoed"], rules)
        was = current.get(result.window_id, PlaqueRecord.Level.NONE)
        # The reason is public text on the register: written in the site's language, whatever the deciding user's.
        with translation.override(settings.LANGUAGE_CODE):
            reason = plaque_reason(year, outcome, was, level)
        records.append(_record(actor, window=result.window, year=year.year + 1, level=level,
                               source=PlaqueRecord.Source.EVALUATION, reason=reason, now=now))
    year.plaques_decided_at = now
    year.save(update_fields=["plaques_decided_at"])
    return records
