"""The two benchmark databases on PostgreSQL: the district demo and the city, built once and reused.

A database is reused when its `bench_meta` row says it was built by the same builder version, seed and
migrations; otherwise it is dropped and built again. Run as `python -m benchmarks.data district|city`.
"""

import hashlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = os.environ.get("BENCH_DATABASE_BASE", "postgres://postgres@127.0.0.1:5432/")
SEED = int(os.environ.get("BENCH_SEED", 2026))
# The export figure makes its own throwaway test database next to this name (see benchmarks.export).
NAMES = {"district": "pioneer_bench_district", "city": "pioneer_bench_city", "export": "pioneer_bench_export"}
COUNTED = {
    "units": "SELECT count(*) FROM members_organisation WHERE kind = 'unit'",
    "branches": "SELECT count(*) FROM members_organisation WHERE kind = 'branch'",
    "members": "SELECT count(*) FROM members_member", "posts": "SELECT count(*) FROM posts_post",
    "windows": "SELECT count(*) FROM posts_window", "feedback": "SELECT count(*) FROM posts_feedback",
    "peer ratings": "SELECT count(*) FROM evaluation_peerrating", "ballots": "SELECT count(*) FROM evaluation_ballot",
    "results": "SELECT count(*) FROM evaluation_result",
}


def url(kind: str) -> str:
    return BASE_URL.rstrip("/") + "/" + NAMES[kind]


def _connect(dbname: str):
    parsed = urlparse(BASE_URL)
    conn = psycopg2.connect(host=parsed.hostname or "127.0.0.1", port=parsed.port or 5432, user=parsed.username or "postgres",
                            password=parsed.password or None, dbname=dbname, connect_timeout=10)
    conn.autocommit = True
    return conn


def signature(kind: str) -> str:
    """What the data depends on: the builder's version and seed, and every migration of the project."""
    from benchmarks.city.sizes import BUILDER_VERSION

    # Names and contents: a migration edited before it landed (an index added to it) must rebuild the data too.
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest = digest.hexdigest()[:12]
    return f"{kind} builder={BUILDER_VERSION} seed={SEED} migrations={digest}"


def built_signature(kind: str) -> str | None:
    try:
        conn = _connect(NAMES[kind])
    except psycopg2.OperationalError:
        return None
    with conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_meta')")
        if cur.fetchone()[0] is None:
            return None
        cur.execute("SELECT value FROM bench_meta WHERE key = 'signature'")
        row = cur.fetchone()
    conn.close()
    return row[0] if row else None


def stored_value(kind: str, key: str) -> str | None:
    conn = _connect(NAMES[kind])
    with conn.cursor() as cur:
        cur.execute("SELECT value FROM bench_meta WHERE key = %s", [key])
        row = cur.fetchone()
    conn.close()
    return row[0] if row else None


def stored_counts(kind: str) -> dict:
    """Rows per table of a benchmark database, as the table's footnote."""
    conn = _connect(NAMES[kind])
    counts = {}
    with conn.cursor() as cur:
        for name, sql in COUNTED.items():
            cur.execute(sql)
            counts[name] = cur.fetchone()[0]
    conn.close()
    return counts


def server_version() -> str:
    conn = _connect("postgres")
    with conn.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
    conn.close()
    return version


def env_for(kind: str, **extra) -> dict:
    env = dict(os.environ, DATABASE_URL=url(kind), DJANGO_SETTINGS_MODULE="pioneer.settings", **extra)
    # Every benchmark connection: statements never run away (field notes: JIT over a huge UPDATE stalled the server).
    env["PGOPTIONS"] = env.get("BENCH_PGOPTIONS", "-c statement_timeout=120000")
    return env


def ensure(kind: str, log=print) -> dict:
    """Build the database unless it already holds this builder's data; returns what happened and how long it took."""
    wanted = signature(kind)
    if built_signature(kind) == wanted:
        log(f"{kind}: reusing {NAMES[kind]} ({wanted})")
        return {"built": False, "seconds": 0.0}
    started = time.monotonic()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    conn = _connect("postgres")
    with conn.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [NAMES[kind]])
        cur.execute(f'DROP DATABASE IF EXISTS "{NAMES[kind]}"')
        cur.execute(f'CREATE DATABASE "{NAMES[kind]}"')
    conn.close()
    env = env_for(kind)
    env["PGOPTIONS"] = "-c statement_timeout=0"  # the build's one commit checks a million deferred foreign keys
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if kind == "district":
        subprocess.run([python, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True)
    elif kind == "export":
        subprocess.run([python, "-m", "benchmarks.export", "build"], cwd=ROOT, env=env, check=True)
    else:
        subprocess.run([python, "-m", "benchmarks.data", "build-city"], cwd=ROOT, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    conn = _connect(NAMES[kind])
    with conn.cursor() as cur:
        cur.execute("ANALYZE")
        cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)")
        cur.execute("INSERT INTO bench_meta VALUES ('signature', %s), ('built_seconds', %s), ('built_cpu_seconds', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [wanted, f"{time.monotonic() - started:.1f}", f"{cpu:.1f}"])
    conn.close()
    seconds = time.monotonic() - started
    log(f"{kind}: built {NAMES[kind]} in {seconds:.0f} s")
    return {"built": True, "seconds": seconds}


def _build_city_here():
    import django

    django.setup()
    from django.utils import translation

    from benchmarks.city import build_city

    with translation.override("zh-hans"):
        build_city(seed=SEED, stdout=sys.stdout)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] == ["build-city"]:
        _build_city_here()
    else:
        for name in sys.argv[1:] or ["district", "city"]:
            ensure(name)
