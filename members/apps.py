from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Organisations and members")

    def ready(self):
        from members import dashboards, excel_jobs, home  # noqa: F401 - the members' own job kinds and home-page panels register on import

        dashboards.connect()
