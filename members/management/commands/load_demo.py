import importlib
import importlib.util
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation


def demo_modules():
    """Each of our apps' `demo` package, in INSTALLED_APPS order: later steps build on earlier ones.

    Our apps are the packages at the top of the project folder (a virtualenv inside it holds no app there); an
    app without a `demo` package adds nothing. The floor names no app above it, so it asks each app by name
    rather than listing the posts and evaluation demos.
    """
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != base:
            continue
        dotted = f"{config.name}.demo"
        # find_spec answers "is there one?" without importing it, so an import error inside a demo still fails loudly.
        if importlib.util.find_spec(dotted) is not None:
            yield importlib.import_module(dotted)


class Command(BaseCommand):
    help = "Load the demo district (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        started = time.monotonic()
        # Texts the demo stores (plaque reasons, audit reasons) are written in the site's language, as a user would.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for module in demo_modules():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
