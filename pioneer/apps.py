from django.apps import AppConfig


class PioneerConfig(AppConfig):
    """The project's own floor: security logging, health, media, backup and restore commands."""

    name = "pioneer"
    verbose_name = "Pioneer Post"

    def ready(self):
        from pioneer import security

        security.connect()
