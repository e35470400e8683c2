"""The benchmark's figures as one table and as bench/results.json, with the machine and commit they came from."""

import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"


def figure(value, unit, bound, ok, anchor):
    return {"value": value, "unit": unit, "bound": bound, "ok": bool(ok), "anchor": anchor}


def missing(unit, bound, why):
    """A figure that did not finish: never ok, and the table says why."""
    return figure(None, unit, bound, False, why)


def machine(postgres_version: str) -> dict:
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    return {"cpu_count": os.cpu_count(), "cpu_model": model, "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "postgres": postgres_version, "load_average_at_start": os.getloadavg()}


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def fmt(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(figures: dict) -> str:
    """A Markdown table: one row per figure, so it can go into the README as printed."""
    lines = ["| figure | value | unit | bound | ok | compared with / how measured |", "|---|---|---|---|---|---|"]
    for key, f in figures.items():
        lines.append(f"| {key} | {fmt(f['value'])} | {f['unit']} | {f['bound']} | {'yes' if f['ok'] else '**no**'} | {f['anchor']} |")
    return "\n".join(lines)


def write(figures: dict, machine_info: dict):
    """One key per figure, plus the machine and the commit it ran on."""
    RESULTS.parent.mkdir(exist_ok=True)
    document = {**figures, "machine": machine_info, "commit": commit()}
    RESULTS.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return RESULTS
