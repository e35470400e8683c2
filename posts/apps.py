from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Pioneer posts")

    def ready(self):
        # The floor (members, pioneer) names no higher app: the posts app hands it its parts here.
        from pioneer import excel
        from posts import excel_imports, exports, figures, words  # noqa: F401 - figures and imports register on import
        from posts.handbook import jobs  # noqa: F401 - the handbook PDF job registers on import

        excel.register_exports(exports.EXPORTERS)
        words.register()

        from posts import public_cache

        public_cache.connect()

        from members.models import PLACE_HOOKS
        from posts.feedback.models import follow_place

        if follow_place not in PLACE_HOOKS:
            PLACE_HOOKS.append(follow_place)
