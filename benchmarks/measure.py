"""Small measuring helpers shared by the figures."""

import os

TICK = os.sysconf("SC_CLK_TCK")


def counting():
    """A counter and an execute wrapper that counts the statements sent (connection.queries is emptied per request)."""
    counter = {"n": 0}

    def wrapper(execute, sql, params, many, context):
        counter["n"] += 1
        return execute(sql, params, many, context)

    return counter, wrapper


def backend_cpu(pid) -> float:
    """CPU seconds a PostgreSQL backend on this machine has used."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        return 0.0
