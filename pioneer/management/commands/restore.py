from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pioneer import backup


class Command(BaseCommand):
    help = "Replace the database and the uploads with an archive made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="do not ask for confirmation")

    def handle(self, *args, archive, interactive=True, **options):
        path = Path(archive)
        try:
            manifest = backup.read_manifest(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if interactive:
            folders = ", ".join(manifest["folders"]) or "no upload folders"
            answer = input(f"This REPLACES the whole database and {folders} with the backup of {manifest['created']}.\n"
                           "Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            backup.restore_backup(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
