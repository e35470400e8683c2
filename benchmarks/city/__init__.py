"""City-size data for the benchmarks (issue 13): ten district committees in one installation, built in bulk.

`build_city()` writes into an empty, migrated database; the same seed and sizes give the same rows
(member numbers, names, codes, scores), so two runs of the benchmark compare like with like.
The builder loads Django models, so it is imported on first use: `benchmarks.city.sizes` stays
importable before Django is set up.
"""

from benchmarks.city.sizes import BUILDER_VERSION, CITY, Sizes

__all__ = ["BUILDER_VERSION", "CITY", "Sizes", "build_city", "build_district", "counts"]


def __getattr__(name):
    if name in ("build_city", "build_district", "counts"):
        from benchmarks.city import build

        return getattr(build, name)
    raise AttributeError(name)
