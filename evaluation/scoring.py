"""Year-end scoring as pure functions: numbers in, an explainable outcome out. No database here.

The rule, in the order a secretary would explain it:
1. Each of the five sources gives a score from 0 to 100 (or nothing, e.g. too few votes).
2. The base score is the weighted average of the sources that have a score; the
   weights of missing sources are shared out in proportion among the others.
3. Each upheld complaint of the year deducts the year's fixed points.
4. The committee's adjustment (with its reason) is added.
5. The final score is kept within 0..100 and rounded to two decimals (half up).
6. The grade follows the year's thresholds, except that an upheld serious complaint
   (when the year's rules say so) means Fail whatever the score.
"""

from dataclasses import dataclass, fields
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import NamedTuple

SOURCES = ("self", "peer", "public", "organisation", "committee")
TWO_PLACES = Decimal("0.01")
ZERO, HUNDRED = Decimal(0), Decimal(100)


def q2(value) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rules:
    weights: dict  # source -> percent (ints summing to 100)
    excellent_min: Decimal = Decimal(90)
    good_min: Decimal = Decimal(80)
    pass_min: Decimal = Decimal(60)
    deduction_per_complaint: Decimal = Decimal(2)
    veto_on_serious_complaint: bool = True
    pioneer_min: Decimal = Decimal(90)
    striving_min: Decimal = Decimal(70)
    version: int = 1

    def __post_init__(self):
        if set(self.weights) != set(SOURCES):
            raise ValueError("weights must name the five sources")
        if sum(int(w) for w in self.weights.values()) != 100:
            raise ValueError("weights must add up to 100")
        # The lines' weights per set of present sources, worked out once (at most 32 sets): not a field, so
        # neither compared nor in `as_json`.
        object.__setattr__(self, "_plans", {})

    def plan(self, present: tuple) -> tuple:
        """(source, weight, effective weight) for the five sources, given the present ones (in SOURCES order).

        A present source's effective weight is its share of the present weights, in percent; a missing one
        (or any, when no present source carries weight) has none.
        """
        plan = self._plans.get(present)
        if plan is None:
            present_weight = sum((Decimal(self.weights[s]) for s in present), ZERO)
            plan = tuple(
                (s, self.weights[s], Decimal(self.weights[s]) * 100 / present_weight if present_weight and s in present else None)
                for s in SOURCES
            )
            self._plans[present] = plan
        return plan

    @classmethod
    def for_year(cls, year) -> "Rules":
        return cls(
            weights={str(k): int(v) for k, v in year.weights.items()},
            excellent_min=year.excellent_min, good_min=year.good_min, pass_min=year.pass_min,
            deduction_per_complaint=year.deduction_per_complaint,
            veto_on_serious_complaint=year.veto_on_serious_complaint,
            pioneer_min=year.pioneer_min, striving_min=year.striving_min, version=year.rules_version,
        )

    def as_json(self) -> dict:
        # Field by field rather than `asdict`, whose deep copies cost more than the rest of a result's snapshot.
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = str(value) if isinstance(value, Decimal) else dict(value) if isinstance(value, dict) else value
        return out


class Inputs(NamedTuple):
    """A result's inputs: the five sources' scores, the year's upheld complaints, the committee's adjustment."""

    sources: dict  # source -> Decimal 0..100 or None
    upheld_complaints: int = 0
    serious_complaints: int = 0
    adjustment: Decimal = Decimal(0)

    def as_json(self) -> dict:
        return {
            "sources": {k: (None if v is None else str(q2(v))) for k, v in self.sources.items()},
            "upheld_complaints": self.upheld_complaints,
            "serious_complaints": self.serious_complaints,
            "adjustment": str(q2(self.adjustment)),
        }


# Inputs, Line and Outcome are named tuples, immutable like frozen dataclasses but made several times
# faster: a city's year end makes some hundred thousand of them.


class Line(NamedTuple):
    """One source's line of the outcome."""

    source: str
    score: Decimal | None
    weight: int  # the year's weight in percent
    effective_weight: Decimal  # after sharing out missing sources
    points: Decimal  # contribution to the base score


class Outcome(NamedTuple):
    """The score and grade of one result, with each source's line: what the snapshot keeps and the page explains."""

    lines: tuple = ()
    base: Decimal = Decimal(0)
    deduction: Decimal = Decimal(0)
    adjustment: Decimal = Decimal(0)
    final: Decimal = Decimal(0)
    grade: str = "fail"
    vetoed: bool = False

    def as_json(self) -> dict:
        return {
            "lines": [
                {"source": ln.source, "score": None if ln.score is None else str(q2(ln.score)), "weight": ln.weight,
                 "effective_weight": str(q2(ln.effective_weight)), "points": str(q2(ln.points)),
                 "reweighted": ln.score is not None and ln.effective_weight != ln.weight}
                for ln in self.lines
            ],
            "base": str(self.base), "deduction": str(self.deduction), "adjustment": str(self.adjustment),
            "final": str(self.final), "grade": self.grade, "vetoed": self.vetoed,
        }


def grade_for(score: Decimal, rules: Rules) -> str:
    if score >= rules.excellent_min:
        return "excellent"
    if score >= rules.good_min:
        return "good"
    if score >= rules.pass_min:
        return "pass"
    return "fail"


def compute(inputs: Inputs, rules: Rules) -> Outcome:
    """Combine the five sources under the year's rules into a final score and grade."""
    given = inputs.sources
    present = {}
    for source in SOURCES:
        value = given.get(source)
        if value is not None:
            present[source] = value if type(value) is Decimal else Decimal(value)
    lines = []
    base = ZERO
    for source, weight, effective in rules.plan(tuple(present)):
        if effective is None:  # missing, or no present source carries any weight
            lines.append(Line(source, None, weight, ZERO, ZERO))
            continue
        score = present[source]
        points = score * effective / 100
        base += points
        lines.append(Line(source, score, weight, effective, points))
    base = q2(base)
    deduction = q2(Decimal(rules.deduction_per_complaint) * inputs.upheld_complaints)
    adjustment = q2(inputs.adjustment)
    final = min(max(base - deduction + adjustment, ZERO), HUNDRED)
    vetoed = bool(rules.veto_on_serious_complaint and inputs.serious_complaints > 0)
    grade = "fail" if vetoed else grade_for(final, rules)
    return Outcome(lines=tuple(lines), base=base, deduction=deduction, adjustment=adjustment, final=q2(final), grade=grade, vetoed=vetoed)


def plaque_level(final: Decimal, vetoed: bool, rules: Rules) -> str:
    """Next year's plaque from this year's window result: pioneer, striving or none."""
    if vetoed:
        return "none"
    if final >= rules.pioneer_min:
        return "pioneer"
    if final >= rules.striving_min:
        return "striving"
    return "none"


def average(values) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return q2(sum(values, Decimal(0)) / len(values))


def apportion(exact: list, total: Decimal) -> list[Decimal]:
    """Round each amount to the cent so that the rounded amounts add up to `total` exactly (largest remainder).

    Each amount is cut down to the cent; the cents still missing go one each to the amounts that lost the
    most in the cut (or, if the total is below the cut sum, are taken from those that lost the least).
    """
    exact = [Decimal(v) for v in exact]
    floors = [v.quantize(TWO_PLACES, rounding=ROUND_FLOOR) for v in exact]
    cents = int((Decimal(total) - sum(floors, Decimal(0))) / TWO_PLACES)
    if not exact:
        return []
    order = sorted(range(len(exact)), key=lambda i: (exact[i] - floors[i], -i), reverse=cents >= 0)
    shown = list(floors)
    step = TWO_PLACES if cents >= 0 else -TWO_PLACES
    for k in range(abs(cents)):
        shown[order[k % len(order)]] += step
    return shown
