from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # The floor (members, pioneer) names no higher app: the evaluation app hands it its parts here.
        from evaluation import exports, figures, words  # noqa: F401 - figures and home-page actions register on import
        from evaluation.vote import jobs  # noqa: F401 - the vote-card PDF job registers on import
        from pioneer import excel

        excel.register_exports(exports.EXPORTERS)
        words.register()
