from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # The floor (members, pioneer) names no higher app: the evaluation app hands it its parts here.
        # figures, home-page actions, the year-end jobs and the vote-card PDF job register on import
        from evaluation import exports, figures, jobs, words  # noqa: F401
        from evaluation.vote import jobs as vote_jobs  # noqa: F401
        from pioneer import excel

        excel.register_exports(exports.EXPORTERS)
        from evaluation.models.results import follow_place
        from members.models import PLACE_HOOKS

        if follow_place not in PLACE_HOOKS:
            PLACE_HOOKS.append(follow_place)
        words.register()
