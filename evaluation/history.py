"""Audit entries in words a secretary reads: what happened, from which state to which, and why."""

from django.utils.translation import gettext_lazy

from evaluation.models import Grade, Phase, Result

ACTION_LABELS = {
    "evaluation.year.created": gettext_lazy("Year created"),
    "evaluation.year.quarterly": gettext_lazy("Quarterly activity started"),
    "evaluation.year.assessment": gettext_lazy("Assessment opened, criteria frozen"),
    "evaluation.year.review": gettext_lazy("Committee review started"),
    "evaluation.year.published": gettext_lazy("Results published"),
    "evaluation.year.closed": gettext_lazy("Year closed"),
    "evaluation.rules.changed": gettext_lazy("Rules changed"),
    "evaluation.criterion.changed": gettext_lazy("Criterion changed"),
    "evaluation.self_assessment.saved": gettext_lazy("Self-assessment saved"),
    "evaluation.window.scored": gettext_lazy("Organisation scored the window"),
    "evaluation.member.rated": gettext_lazy("Organisation rated the member"),
    "evaluation.result.approved": gettext_lazy("Approved by the committee"),
    "evaluation.result.adjusted": gettext_lazy("Adjusted by the committee"),
    "evaluation.results.approved_remaining": gettext_lazy("Remaining results approved by the committee"),
    "evaluation.tokens.generated_many": gettext_lazy("Vote cards generated for several windows"),
}
STATE_LABELS = {**dict(Phase.choices), **dict(Result.Status.choices)}


def _state(value: str) -> str:
    """A state in words; an approval's "93.00 good" shows its grade's label."""
    if value in STATE_LABELS:
        return STATE_LABELS[value]
    score, _sep, grade = (value or "").partition(" ")
    if grade in Grade.values:
        return f"{score} {Grade(grade).label}"
    return value


def history(entries):
    return [
        {"entry": e, "label": ACTION_LABELS.get(e.action, e.action), "from": _state(e.from_state), "to": _state(e.to_state)}
        for e in entries
    ]
