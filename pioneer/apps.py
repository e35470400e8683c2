from django.apps import AppConfig


class PioneerConfig(AppConfig):
    """The project's own floor: security logging, health, media, backup and restore commands."""

    name = "pioneer"
    verbose_name = "Pioneer Post"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from pioneer import middleware, security

        security.connect()
        user_logged_in.connect(middleware.mark_login, dispatch_uid="pioneer.middleware.mark_login")
