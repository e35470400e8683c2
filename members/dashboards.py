"""The figure framework: what a figure is made of, the registry the apps fill, and the dashboard built from it.

A figure function takes a `Scope`, runs a fixed number of aggregate queries (its
docstring says how many) and returns a `Figure`: headline numbers (`Stat`), an
optional chart and the table behind it, the list it links to, and the `Action`s
it asks of a secretary today. The dashboards render figures generically.

This module is the floor: it names no app above members. Each app owns its
figures in its own `figures.py`, decorated with `@figure(section, levels=…)`
and imported from the app's `AppConfig.ready()`, so adding a figure is one
function in the app it counts; nothing here changes.

Scope decides which rows count: a city's districts, one district (a committee), a unit
with its branches, or one branch; the whole installation only for an administrator. What "in scope" means for an app's own objects (the
posts app's windows, say) is registered by that app with `@scope_filter(name)`
and asked for with `scope.q(name, path)`. Access is not decided here: the views
only build a scope for an organisation `members.access` says the user manages.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from members.models import Organisation
from pioneer import cachekeys

CITY, COMMITTEE, UNIT, BRANCH = Organisation.Kind.CITY, Organisation.Kind.COMMITTEE, Organisation.Kind.UNIT, Organisation.Kind.BRANCH
ALL_LEVELS = frozenset({CITY, COMMITTEE, UNIT, BRANCH})
PROGRAMME_LEVELS = frozenset({CITY, COMMITTEE})
YEARS_SHOWN = 5


# ---------------------------------------------------------------------------
# What a figure is made of
# ---------------------------------------------------------------------------


@dataclass
class Stat:
    """One number with its label, and the list behind it."""

    label: str
    value: int | str
    url: str = ""
    note: str = ""
    tone: str = ""  # "", "success", "warning" or "danger": Bootstrap's colour words


@dataclass
class Table:
    """The numbers behind a chart: a header row and body rows (first cell is the row's label)."""

    headers: list[str]
    rows: list[list]
    links: list[str] | None = None  # per row: where the row's label links (a dashboard of that organisation)

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]

    def linked_rows(self):
        links = self.links or [""] * len(self.rows)
        return list(zip(links, self.rows, strict=True))


@dataclass
class Action:
    """Something a secretary (or, on the home page, a member) should do today: how many, and where to do it."""

    label: str
    count: int
    url: str = ""
    tone: str = "warning"


@dataclass
class Figure:
    key: str
    title: str
    stats: list[Stat] = field(default_factory=list)
    chart: SafeString | None = None
    table: Table | None = None
    url: str = ""
    note: str = ""
    actions: list[Action] = field(default_factory=list)
    wide: bool = False  # a wide table: the whole row even on large screens
    section: str = ""  # set from the registry

    @property
    def half(self) -> bool:
        """A chart without headline numbers shares a row with another on large screens."""
        return bool(self.chart) and not self.stats and not self.wide


# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------

# name -> function(scope, prefix) -> Q, registered by the app that owns the objects (see `scope_filter`).
SCOPE_FILTERS: dict[str, Callable[["Scope", str], Q]] = {}


def scope_filter(name: str):
    """Register how a scope filters an app's objects, e.g. the posts app's service windows as "windows"."""

    def register(function):
        if SCOPE_FILTERS.get(name, function) is not function:
            raise ImproperlyConfigured(f"Two scope filters are registered as {name!r}.")
        SCOPE_FILTERS[name] = function
        return function

    return register


@dataclass(frozen=True)
class Scope:
    """Which part of the programme a dashboard counts, and for which year.

    The organisation is a city office (its districts), a committee (its district), a unit with its
    branches, or a branch; None is the whole installation (an administrator's view). Every filter is one
    indexed column: an organisation's or a member's `committee` or `unit`, or the row itself.
    """

    organisation: Organisation | None = None  # None: the whole installation
    year: int = 0

    @classmethod
    def programme(cls, year: int | None = None, organisation: Organisation | None = None) -> "Scope":
        """A district's programme (its committee), a city's, or with no organisation the whole installation's."""
        return cls(organisation, year or timezone.localdate().year)

    @property
    def level(self) -> str:
        return COMMITTEE if self.organisation is None else self.organisation.kind

    @property
    def is_programme(self) -> bool:
        """A committee's or a city's dashboard: the units side by side, no secretary's to-dos."""
        return self.level in PROGRAMME_LEVELS

    def _districts(self):
        return Organisation.objects.filter(parent=self.organisation.pk, kind=COMMITTEE).values("pk")

    def orgs(self, path: str = "") -> Q:
        """A Q over Organisation (or a relation to it at `path`): what this scope counts, on one column."""
        if self.organisation is None:
            return Q()
        prefix = f"{path}__" if path else ""
        column = {CITY: "committee__in", COMMITTEE: "committee", UNIT: "unit", BRANCH: "pk"}[self.level]
        return Q(**{f"{prefix}{column}": self._districts() if self.level == CITY else self.organisation.pk})

    def members(self, path: str = "") -> Q:
        """A Q over Member (or a relation to it at `path`), on the member's own columns: no join."""
        if self.organisation is None:
            return Q()
        prefix = f"{path}__" if path else ""
        column = {CITY: "committee__in", COMMITTEE: "committee", UNIT: "unit", BRANCH: "branch"}[self.level]
        return Q(**{f"{prefix}{column}": self._districts() if self.level == CITY else self.organisation.pk})

    def q(self, name: str, path: str = "") -> Q:
        """A Q over the objects registered as `name` (or a relation to them at `path`) that this scope counts."""
        return SCOPE_FILTERS[name](self, f"{path}__" if path else "")

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(self.year, 1, 1))

    @property
    def end(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(self.year + 1, 1, 1))

    @property
    def years(self) -> list[int]:
        return list(range(self.year - YEARS_SHOWN + 1, self.year + 1))

    @property
    def branch_param(self):
        """The `branch` filter of a list page that shows this scope's rows: set for a branch only."""
        return self.organisation.pk if self.level == BRANCH else None


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    key: str
    section: str
    levels: frozenset
    function: Callable[[Scope], Figure | None]


FIGURES: list[Registered] = []

SECTIONS = [
    ("headline", gettext_lazy("Where the programme stands")),
    ("posts", gettext_lazy("Posts and members on posts")),
    ("nominations", gettext_lazy("Nomination and publication")),
    ("feedback", gettext_lazy("The public's feedback")),
    ("activity", gettext_lazy("Quarterly activity and evaluation")),
    ("plaques", gettext_lazy("Plaques")),
    ("organisations", gettext_lazy("By organisation")),
]
SECTION_ORDER = {key: index for index, (key, _title) in enumerate(SECTIONS)}


def figure(section: str, *, levels=ALL_LEVELS):
    """Register a figure function for a dashboard section and the levels (committee, unit, branch) it shows on."""
    if section not in SECTION_ORDER:
        raise ImproperlyConfigured(f"No dashboard section {section!r}; add it to SECTIONS first.")

    def register(function):
        FIGURES.append(Registered(function.__name__, section, frozenset(levels), function))
        return function

    return register


def figures_for(scope: Scope) -> list[Figure]:
    """The scope's figures, section by section; within a section, in the order the apps registered them.

    Sorting by section keeps the page, the report and its workbook in the same order whichever app's
    `ready()` ran first.
    """
    result = []
    for registered in sorted(FIGURES, key=lambda r: SECTION_ORDER[r.section]):
        if scope.level in registered.levels:
            fig = registered.function(scope)
            if fig is not None:
                fig.section = registered.section
                result.append(fig)
    return result


@dataclass
class Dashboard:
    scope: Scope
    figures: list[Figure]

    @property
    def sections(self) -> list[tuple[str, str, list[Figure]]]:
        grouped = []
        for section, title in SECTIONS:
            figures = [f for f in self.figures if f.section == section]
            if figures:
                grouped.append((section, str(title), figures))
        return grouped

    @property
    def actions(self) -> list[Action]:
        return [a for f in self.figures for a in f.actions if a.count]

    def get(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


# The figures of a scope and year are kept this long in the shared cache, and dropped at once by any change that
# sends a signal (see `connect`); a change that sends none (a ballot, a job's bookkeeping) shows within this time.
FIGURES_TIMEOUT = 5 * 60
FIGURES_COUNTER = "figures"
# Rows whose writes do not change a figure, or are too frequent to drop every dashboard for (a ballot: the vote
# count catches up within FIGURES_TIMEOUT). Everything else written in these apps moves the counter on.
QUIET_MODELS = {"members.notification", "members.job", "members.reminder", "members.schedulerun", "evaluation.ballot",
                "evaluation.votetoken"}
COUNTED_APPS = {"members", "posts", "evaluation"}


def build(scope: Scope) -> Dashboard:
    """The scope's dashboard, its figures from the shared cache while nothing they count has changed."""
    key = cachekeys.key("dashboard", cachekeys.version(FIGURES_COUNTER), scope.organisation.pk if scope.organisation else "all",
                        scope.year)
    figures = cache.get(key)
    if figures is None:
        figures = figures_for(scope)
        cache.set(key, figures, FIGURES_TIMEOUT)
    return Dashboard(scope, figures)


def _changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in COUNTED_APPS and meta.label_lower not in QUIET_MODELS and not meta.object_name.startswith("Historical"):
        cachekeys.bump(FIGURES_COUNTER)


def connect():
    """Move the figures' counter on with every saved or deleted row of the programme (called from ready()).

    Bulk writes send no signal, but every state change is audited and its AuditEntry is saved one by one: so a
    year-end action on 35,000 results drops the cached figures too.
    """
    post_save.connect(_changed, dispatch_uid="dashboard-figures-save")
    post_delete.connect(_changed, dispatch_uid="dashboard-figures-delete")
    m2m_changed.connect(_changed, dispatch_uid="dashboard-figures-m2m")


def link(name: str, *args, **query) -> str:
    """The URL of the list behind a figure, with its filters; empty filters are left out.

    A name that does not reverse raises `NoReverseMatch`: a renamed URL must fail the dashboard tests,
    not quietly drop a link.
    """
    url = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url
