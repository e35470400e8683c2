"""How big one district of the city is, and the fixed dates every build uses."""

import datetime
from dataclasses import dataclass, replace

# Raise when the builder writes different rows: a database built by another version is rebuilt.
BUILDER_VERSION = 3

# Fixed dates, so two builds (and two machines) hold the same rows: the finished year and the current one.
LAST_YEAR = 2025
THIS_YEAR = 2026
TZ = datetime.timezone(datetime.timedelta(hours=8))


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=TZ)


@dataclass(frozen=True)
class Sizes:
    """One district; the city is `districts` of these (issue 13: 30 units, 250 branches, 5,000 members each)."""

    units: int = 30
    branches: int = 250
    members: int = 5000
    posts: int = 1000
    windows_per_unit: int = 10
    holders: int = 1475  # members confirmed on a post: one result each per year, with the windows 3,550 results
    feedback: int = 2000
    peer_ratings_per_holder: int = 7  # about 10,000 per district and year
    ballots_per_window: int = 50  # 30,000 per district over the two years
    nominations_per_round: int = 10

    def scaled(self, factor: float) -> "Sizes":
        """A smaller district for tests: every count shrinks, none below what the structure needs."""
        units = max(2, round(self.units * factor))
        return replace(
            self, units=units, branches=max(units, round(self.branches * factor)),
            members=max(units * 4, round(self.members * factor)), posts=max(units * 2, round(self.posts * factor)),
            windows_per_unit=max(1, round(self.windows_per_unit * factor)),
            holders=max(units * 2, round(self.holders * factor)), feedback=max(4, round(self.feedback * factor)),
            peer_ratings_per_holder=min(self.peer_ratings_per_holder, 3), ballots_per_window=max(12, round(self.ballots_per_window * factor)),
            nominations_per_round=max(1, round(self.nominations_per_round * factor)),
        )


CITY = Sizes()
