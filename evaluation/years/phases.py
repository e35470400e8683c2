"""The year's phase machine: the one lock and the one move every job's service uses."""

from django.utils.translation import gettext as _

from evaluation.models import EvaluationYear, Phase
from members import audit
from pioneer.errors import Refusal
from pioneer.words import Message


def lock_year(year: EvaluationYear) -> EvaluationYear:
    """Re-read the year under a row lock: its phase and rules cannot move until the transaction ends."""
    return EvaluationYear.objects.select_for_update().get(pk=year.pk)


def move(year: EvaluationYear, actor, to: str, *, expected: str, reason: "str | Message" = "") -> EvaluationYear:
    """Move a year from `expected` to `to` with a conditional UPDATE: of two people clicking, one wins."""
    changed = EvaluationYear.objects.filter(pk=year.pk, phase=expected).update(phase=to)
    if not changed:
        current = EvaluationYear.objects.get(pk=year.pk)
        raise Refusal(
            _("This step needs the phase “%(expected)s”, but the evaluation is in “%(current)s”.")
            % {"expected": Phase(expected).label, "current": Phase(current.phase).label}
        )
    audit.record(actor, f"evaluation.year.{to}", year, from_state=expected, to_state=to, reason=reason)
    year.phase = to
    return year
