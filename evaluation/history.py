"""Audit entries in words a secretary reads: what happened, from which state to which, and why."""

from evaluation.models import Grade


def _state(entry, value: str) -> str:
    """A state in words; an approval's "93.00 good" shows its grade's label."""
    label = entry.from_label if value == entry.from_state else entry.to_label
    if label != value:
        return label
    score, _sep, grade = (value or "").partition(" ")
    if grade in Grade.values:
        return f"{score} {Grade(grade).label}"
    return value


def history(entries):
    return [
        {"entry": e, "label": e.action_label, "from": _state(e, e.from_state), "to": _state(e, e.to_state)}
        for e in entries
    ]
