"""The evaluation's audit codes and states in words, registered with the floor's history pages from ready()."""

from django.utils.translation import gettext_lazy

from evaluation.models import Phase, QuarterReport, Result
from members import audit

ACTION_LABELS = {
    "evaluation.year.created": gettext_lazy("Year created"),
    "evaluation.year.quarterly": gettext_lazy("Quarterly activity started"),
    "evaluation.year.assessment": gettext_lazy("Assessment opened, criteria frozen"),
    "evaluation.year.review": gettext_lazy("Committee review started"),
    "evaluation.year.published": gettext_lazy("Results published"),
    "evaluation.year.closed": gettext_lazy("Year closed"),
    "evaluation.rules.changed": gettext_lazy("Rules changed"),
    "evaluation.criterion.changed": gettext_lazy("Criterion changed"),
    "evaluation.activity.added": gettext_lazy("Activity recorded"),
    "evaluation.quarter.submitted": gettext_lazy("Quarter submitted"),
    "evaluation.self_assessment.saved": gettext_lazy("Self-assessment saved"),
    "evaluation.window.scored": gettext_lazy("Organisation scored the window"),
    "evaluation.member.rated": gettext_lazy("Organisation rated the member"),
    "evaluation.tokens.generated": gettext_lazy("Vote cards issued"),
    "evaluation.result.approved": gettext_lazy("Approved by the committee"),
    "evaluation.result.adjusted": gettext_lazy("Adjusted by the committee"),
    "evaluation.results.approved_remaining": gettext_lazy("Remaining results approved by the committee"),
    "evaluation.tokens.generated_many": gettext_lazy("Vote cards generated for several windows"),
}


def register() -> None:
    audit.register_actions(ACTION_LABELS)
    audit.register_states("evaluation.year", Phase)
    audit.register_states("evaluation.result", Result.Status)
    audit.register_states("evaluation.quarter", QuarterReport.Status)
