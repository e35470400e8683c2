from django.core.management.base import BaseCommand

from members.jobs.schedules import run_due


class Command(BaseCommand):
    help = "Run each schedule that is due (publication confirmation, feedback reminders, clean-up) once; for cron when no Celery beat runs."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Run every schedule now, due or not.")

    def handle(self, *args, **options):
        results = run_due(force=options["all"])
        for name, result in results.items():
            self.stdout.write(f"{name}: {result}")
        if not results:
            self.stdout.write("Nothing was due.")
