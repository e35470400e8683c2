from django.core.management.base import BaseCommand

from posts.publication.services import confirm_due_publications


class Command(BaseCommand):
    help = "Confirm the assignments of every publication whose notice period has ended (run daily)."

    def handle(self, *args, **options):
        count = confirm_due_publications()
        self.stdout.write(f"{count} publication(s) confirmed.")
