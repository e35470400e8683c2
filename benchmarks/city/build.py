"""The builder itself: one district at a time, then the city-wide handbook; see the package docstring."""

import random
import time

from django.db import connection, transaction

from benchmarks.city import catalogue, evaluation, people, windows
from benchmarks.city.sizes import CITY, LAST_YEAR, THIS_YEAR


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text + "\n")


def build_district(index, *, rng, sizes=CITY, years, stdout=None):
    """One district committee with its units, branches, members, posts, windows, feedback and both years' results."""
    started = time.monotonic()
    committee, units, by_unit = people.build_tree(index, sizes, rng)
    branches = [b for unit in units for b in by_unit[unit.pk]]
    members = people.build_members(index, sizes, rng, branches)
    logins = people.build_logins(index, committee, units, by_unit, members)
    staff = logins["committee"]
    posts = catalogue.build_posts(sizes, rng, units, by_unit)
    holders = catalogue.build_assignments(sizes, rng, units, by_unit, posts, members, staff)
    catalogue.build_open_rounds(sizes, rng, units, by_unit, posts, members, holders, staff)
    district_windows, on_duty, posts_of, held_posts = windows.build_windows(sizes, rng, units, by_unit, posts, holders)
    feedback = windows.build_feedback(sizes, rng, district_windows, on_duty, logins["unit"])
    evaluation.build_quarters(years, district_windows)

    member_of = {m.pk: m for m in members}
    for a in holders:
        a.member = member_of[a.member_id]
    members_by_branch = {}
    for m in members:
        members_by_branch.setdefault(m.branch_id, []).append(m)
    window_of_post = {}
    for window in district_windows:  # lowest window first, as the services pick a post's window
        for post in posts_of[window.pk]:
            window_of_post.setdefault(post.pk, window.pk)
    with_posts = [w for w in district_windows if posts_of[w.pk]]
    quality = {w.pk: rng.betavariate(4, 2) for w in with_posts}
    names = {w.pk: w.name for w in with_posts}
    outcomes = {}
    for number in (LAST_YEAR, THIS_YEAR):
        builder = evaluation.YearBuilder(years[number], rng, sizes, holders, members_by_branch, window_of_post, quality, feedback,
                                         staff, names)
        builder.build()
        if number == LAST_YEAR:
            outcomes = builder.outcomes
    from evaluation import scoring

    evaluation.build_plaques(rng, district_windows, outcomes, scoring.Rules.for_year(years[LAST_YEAR]), staff)
    _say(stdout, f"  district {index + 1} ({committee.name}): {len(members):,} members, {len(district_windows)} windows "
                 f"in {time.monotonic() - started:.1f} s")
    return {"committee": committee, "units": units, "windows": district_windows, "posts_of": posts_of, "held_posts": held_posts}


def build_city(*, seed=2026, districts=10, sizes=CITY, stdout=None):
    """Build the whole city into the current (empty, migrated) database; returns the counts per model."""
    started = time.monotonic()
    rng = random.Random(seed)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Bulk inserts of a million rows: no JIT (see field notes), no waiting on the disk at each commit.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL synchronous_commit = off")
        years = evaluation.build_years(actor=None)
        built = [build_district(i, rng=rng, sizes=sizes, years=years, stdout=stdout) for i in range(districts)]
        all_units = [u for d in built for u in d["units"]]
        windows_by_unit = {}
        posts_of, held_posts = {}, {}
        for d in built:
            for w in d["windows"]:
                windows_by_unit.setdefault(w.organisation_id, []).append(w)
            posts_of.update(d["posts_of"])
            held_posts.update(d["held_posts"])
        windows.build_handbook(all_units, windows_by_unit, posts_of, held_posts, actor=None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result = counts()
    _say(stdout, f"city built in {time.monotonic() - started:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in result.items()))
    return result


def counts():
    """Rows per model, the figures issue 13 names."""
    from evaluation.models import Ballot, EvaluationYear, PeerRating, Result
    from members.models import Member, Organisation
    from posts.models import Assignment, Feedback, Nomination, Post, Window

    return {
        "committees": Organisation.objects.filter(kind="committee").count(),
        "units": Organisation.objects.units().count(),
        "branches": Organisation.objects.branches().count(),
        "members": Member.objects.count(),
        "posts": Post.objects.count(),
        "assignments": Assignment.objects.count(),
        "nominations": Nomination.objects.count(),
        "windows": Window.objects.count(),
        "feedback": Feedback.objects.count(),
        "peer_ratings": PeerRating.objects.count(),
        "ballots": Ballot.objects.count(),
        "years": EvaluationYear.objects.count(),
        "results": Result.objects.count(),
    }
