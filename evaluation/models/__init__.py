"""The year's evaluation (考核评岗), one module per job; every model is importable from here."""

from evaluation.models.years import (  # isort: split
    PERCENT,
    PHASE_ORDER,
    SCORE,
    Criterion,
    EvaluationYear,
    Grade,
    Phase,
    Source,
)

from evaluation.models.quarters import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    Activity,
    Evidence,
    QuarterReport,
    private_storage,
)
from evaluation.models.results import CriterionScore, PeerRating, Result
from evaluation.models.vote import Ballot, TokenBatch, VoteToken, new_ballot_key

__all__ = [
    "EVIDENCE_EXTENSIONS", "EVIDENCE_MAX_BYTES", "PERCENT", "PHASE_ORDER", "SCORE",
    "Activity", "Ballot", "Criterion", "CriterionScore", "EvaluationYear", "Evidence",
    "Grade", "PeerRating", "Phase", "QuarterReport", "Result", "Source", "TokenBatch", "VoteToken",
    "new_ballot_key", "private_storage",
]
