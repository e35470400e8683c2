"""Backup and restore of the whole site: the database and the uploads, in one .tar.gz.

The archive holds `manifest.json`, the database (`database.dump` from pg_dump's custom format, or
`database.sqlite3` copied with SQLite's online backup API, safe while the site runs) and each upload
folder kept on this server's disk: `media/` (public uploads, waiting imports) and `private-media/`
(evidence files). Storages elsewhere (S3-like) are backed up by their own means; the manifest says so.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

FORMAT = 1
# Archive folder → storage alias. Only storages on this server's disk are archived.
FOLDERS = {"media": "default", "private-media": "private"}


class BackupError(Exception):
    pass


def engine() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def local_folders() -> dict[str, Path]:
    folders = {}
    for name, alias in FOLDERS.items():
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            folders[name] = Path(storage.location)
    return folders


def _pg_command(program: str, *args: str) -> tuple[list[str], dict]:
    settings = connection.settings_dict
    command = [program, "--no-owner", "--no-privileges", *args]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    environ = dict(os.environ)
    if settings.get("PASSWORD"):
        environ["PGPASSWORD"] = settings["PASSWORD"]
    return command, environ


def _run(command, environ):
    result = subprocess.run(command, env=environ, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(folder: Path) -> str:
    if engine() == "postgresql":
        target = folder / "database.dump"
        command, environ = _pg_command("pg_dump", "--format=custom", f"--file={target}", connection.settings_dict["NAME"])
        _run(command, environ)
        return target.name
    if engine() == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target.name
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine()}.")


def create_backup(output: Path) -> Path:
    """Write the archive to `output` (a .tar.gz); return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    folders = local_folders()
    with tempfile.TemporaryDirectory(prefix="pioneer-backup-") as work:
        work = Path(work)
        database = dump_database(work)
        manifest = {
            "format": FORMAT,
            "engine": engine(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": database,
            "folders": sorted(folders),
            "not_included": sorted(set(FOLDERS) - set(folders)),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(work / database, arcname=database)
            for name, location in folders.items():
                if location.exists():
                    archive.add(location, arcname=name)
                else:
                    archive.addfile(_folder_entry(name))
        # Renamed only when complete: a backup killed mid-way never looks like a good one.
        partial.replace(output)
    return output


def _folder_entry(name: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode = tarfile.DIRTYPE, 0o755
    return info


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive_path} is not a backup made by `manage.py backup`.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} has backup format {manifest.get('format')}, this version reads {FORMAT}.")
    return manifest


def restore_backup(archive_path: Path) -> dict:
    """Replace the database and the local upload folders with the archive's; return its manifest."""
    manifest = read_manifest(archive_path)
    if manifest["engine"] != engine():
        raise BackupError(f"This backup is of a {manifest['engine']} database; this site runs on {engine()}.")
    with tempfile.TemporaryDirectory(prefix="pioneer-restore-") as work:
        work = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # no absolute paths, no "..", no devices
        restore_database(work / manifest["database"])
        folders = local_folders()
        for name in manifest["folders"]:
            if name in folders:
                replace_folder(folders[name], work / name)
    return manifest


def restore_database(dump: Path) -> None:
    if engine() == "postgresql":
        connection.close()  # nothing of ours holds a lock while pg_restore drops and recreates tables
        command, environ = _pg_command(
            "pg_restore", "--clean", "--if-exists", "--single-transaction", f"--dbname={connection.settings_dict['NAME']}", str(dump)
        )
        _run(command, environ)
        return
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def replace_folder(location: Path, source: Path) -> None:
    """Make `location` hold exactly what `source` holds (the folder itself may be a mount point, so it stays)."""
    location.mkdir(parents=True, exist_ok=True)
    for child in location.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.exists():
        for child in source.iterdir():
            shutil.move(str(child), str(location / child.name))
