"""The home page's registry: what each app adds to it, and the to-dos it lists for a member.

The floor names no app above it, so the apps register themselves from `AppConfig.ready()`:

- `@home_panel` on `function(acc, district) -> dict`: context the home page adds, for everyone (acc of an
  anonymous visitor included; return {} to add nothing). `district` is the committee the visitor picked
  (`members.districts.current_district`), None city-wide. The posts app adds the headline figures.
- `@member_action` on `function(member) -> list[Action]`: what a logged-in member should do now,
  listed under "Waiting for you". The evaluation app adds the year-end self-report and peer review.

Members' own parts (the user's dashboards, their latest notifications) are registered below.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from members import access
from members.dashboards import Action
from members.models import Organisation

HOME_PANELS: list[Callable[[access.Access, Organisation | None], dict]] = []
MEMBER_ACTIONS: list[Callable[[object], list[Action]]] = []


def home_panel(function):
    """Register context for the home page: `function(acc, district) -> dict`."""
    if function not in HOME_PANELS:
        HOME_PANELS.append(function)
    return function


def member_action(function):
    """Register a member's to-dos for the home page: `function(member) -> list[Action]`."""
    if function not in MEMBER_ACTIONS:
        MEMBER_ACTIONS.append(function)
    return function


def home_context(user, district: Organisation | None = None) -> dict:
    """Everything the apps add to the home page for this user, for one district or (None) city-wide."""
    acc = access.for_user(user)
    ctx = {}
    for panel in HOME_PANELS:
        ctx.update(panel(acc, district))
    if acc.is_authenticated:
        ctx["member_actions"] = [a for action in MEMBER_ACTIONS for a in action(acc.member)] if acc.member is not None else []
    return ctx


@home_panel
def my_dashboards(acc, district) -> dict:
    """The dashboards a logged-in user may open: the programme's for committee staff, each managed organisation's."""
    if not acc.is_authenticated:
        return {}
    boards = []
    if acc.is_committee_staff or acc.is_city_staff:
        boards.append((_("Programme dashboard"), reverse("members:dashboard")))
    managed = acc.unit_ids | acc.branch_ids
    if managed:
        for pk, name in Organisation.objects.filter(pk__in=managed).order_by("code").values_list("pk", "name"):
            boards.append((name, reverse("members:dashboard_organisation", args=[pk])))
    return {"my_dashboards": boards}


@home_panel
def latest_notifications(acc, district) -> dict:
    if not acc.is_authenticated:
        return {}
    return {"latest_notifications": list(acc.user.notifications.unread()[:3])}
