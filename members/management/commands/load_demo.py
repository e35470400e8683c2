import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

# Each app adds its part of the district; later steps build on earlier ones.
DEMO_STEPS = ["members.demo", "posts.demo", "evaluation.demo"]


class Command(BaseCommand):
    help = "Load the demo district (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        started = time.monotonic()
        # Texts the demo stores (plaque reasons, audit reasons) are written in the site's language, as a user would.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for dotted in DEMO_STEPS:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != dotted:
                        raise
                    continue
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
