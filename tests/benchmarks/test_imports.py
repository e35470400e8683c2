"""The import benchmark runs the preview and apply jobs and leaves the database and the media folder as they were."""

import json

from benchmarks import imports as bench
from members.jobs.models import Job
from members.models import AuditEntry, Member


def test_it_runs_both_jobs_and_rolls_everything_back(admin_user, branch_a1, branch_b1, settings, tmp_path, monkeypatch, capsys):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(bench, "IMPORTED", 12)
    before = (Member.objects.count(), Member.history.count(), Job.objects.count(), AuditEntry.objects.count())

    bench.main()

    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["ok"] and out["rows"] == 12, out
    assert 0 < out["preview_s"] <= out["total_s"] and out["cpu_s"] > 0
    after = (Member.objects.count(), Member.history.count(), Job.objects.count(), AuditEntry.objects.count())
    assert after == before
    assert not list(tmp_path.rglob("*")), "the stored upload went to a temporary folder"
