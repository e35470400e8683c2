"""Nomination rounds, self-nominations, publication and objections (steps 1–3)."""

__all__: list[str] = []
