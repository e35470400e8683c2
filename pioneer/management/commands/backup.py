import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pioneer import backup


class Command(BaseCommand):
    help = "Write the database and the uploads to one .tar.gz (pg_dump on PostgreSQL, SQLite's backup API otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the archive to write (default: backups/pioneer-<time>.tar.gz)")

    def handle(self, *args, output=None, **options):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else Path(settings.BASE_DIR) / "backups" / f"pioneer-{stamp}.tar.gz"
        try:
            path = backup.create_backup(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.read_manifest(path)
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size // 1024} KiB): database, {', '.join(manifest['folders']) or 'no'} folders.")
        for name in manifest["not_included"]:
            self.stderr.write(f"{name} is kept in a remote storage: back it up there.")
