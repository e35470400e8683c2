"""make backup / make restore round-trip the whole database and the uploads."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from members.models import Member, Organisation
from pioneer import backup
from tests.factories import MemberFactory, UnitFactory


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"],
                                                          "OPTIONS": {"location": str(tmp_path / "private"), "base_url": "/x/"}}}
    return tmp_path


def counts():
    """Rows in every table of the database."""
    with connection.cursor() as cursor:
        result = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            result[table] = cursor.fetchone()[0]
        return result


def round_trip(folders, cast, branch_a1):
    for i in range(5):
        MemberFactory(branch=branch_a1, name=f"党员{i}")
    photo = default_storage.save("markers/1-abc.png", ContentFile(b"photo-bytes"))
    evidence = storages["private"].save("evidence/2026/q1.pdf", ContentFile(b"%PDF evidence"))
    before = counts()
    assert before["members_member"] >= 6

    archive = folders / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=open("/dev/null", "w"))
    assert backup.read_manifest(archive)["folders"] == ["media", "private-media"]

    # Everything changes after the backup: rows deleted and added, a file changed, another deleted, a new one.
    Member.objects.filter(name__startswith="党员").delete()
    UnitFactory(code="NEW", parent=branch_a1.parent.parent)
    default_storage.delete(photo)
    default_storage.save("markers/1-abc.png", ContentFile(b"other"))
    storages["private"].delete(evidence)
    default_storage.save("markers/after.png", ContentFile(b"new"))
    assert counts() != before

    call_command("restore", str(archive), interactive=False, stdout=open("/dev/null", "w"))
    assert counts() == before
    assert Member.objects.filter(name__startswith="党员").count() == 5
    assert default_storage.open("markers/1-abc.png").read() == b"photo-bytes"
    assert storages["private"].open(evidence).read() == b"%PDF evidence"
    assert not default_storage.exists("markers/after.png")


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_database_and_uploads(folders, cast, branch_a1):
    round_trip(folders, cast, branch_a1)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_on_postgresql(folders, cast, branch_a1):
    assert connection.vendor == "postgresql"
    round_trip(folders, cast, branch_a1)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    fake = tmp_path / "fake.tar.gz"
    fake.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(fake), interactive=False)


@pytest.mark.django_db(transaction=True)
def test_a_restore_asks_first_and_changes_nothing_without_yes(folders, branch_a1, monkeypatch):
    archive = folders / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=open("/dev/null", "w"))
    UnitFactory(code="KEEP", parent=branch_a1.parent.parent)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive))
    assert Organisation.objects.filter(code="KEEP").exists()
