"""The benchmark databases are rebuilt when what they were built from changes, migrations' contents included."""

from benchmarks import data


def test_an_edited_migration_changes_the_signature(tmp_path, monkeypatch):
    migration = tmp_path / "posts" / "migrations" / "0001_initial.py"
    migration.parent.mkdir(parents=True)
    migration.write_text("operations = []\n")
    monkeypatch.setattr(data, "ROOT", tmp_path)
    before = data.signature("city")
    assert data.signature("city") == before, "the same files give the same signature"
    migration.write_text("operations = ['an index added before the migration landed']\n")
    assert data.signature("city") != before
    assert data.signature("district") != data.signature("city")
