"""Years, phases, rules and criteria: open a year, move it through its phases, change its rules before the review."""

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from evaluation.models import Criterion, EvaluationYear, Phase, Result
from evaluation.years.criteria_default import DEFAULT_CRITERIA
from evaluation.years.phases import lock_year, move
from members import audit
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.models import Assignment, Window

RULE_FIELDS = [
    "weight_self", "weight_peer", "weight_public", "weight_organisation", "weight_committee",
    "excellent_min", "good_min", "pass_min", "deduction_per_complaint", "veto_on_serious_complaint",
    "pioneer_min", "striving_min", "min_votes", "min_peer_ratings",
]
WEIGHT_FIELDS = RULE_FIELDS[:5]


@transaction.atomic
def create_year(actor, *, number: int) -> EvaluationYear:
    """Open a new year in set-up, copying last year's rules and criteria (or the default set)."""
    if EvaluationYear.objects.filter(year=number).exists():
        raise Refusal(_("An evaluation for %(year)s already exists.") % {"year": number})
    previous = EvaluationYear.objects.filter(year__lt=number).order_by("-year").first()
    year = EvaluationYear(year=number)
    if previous is not None:
        for name in RULE_FIELDS:
            setattr(year, name, getattr(previous, name))
    year.save()
    if previous is not None and previous.criteria.exists():
        source = [(c.number, c.category, c.text, c.max_points) for c in previous.criteria.all()]
    else:
        source = DEFAULT_CRITERIA
    Criterion.objects.bulk_create(
        Criterion(year=year, number=n, category=cat, text=text, max_points=pts) for n, cat, text, pts in source
    )
    audit.record(actor, "evaluation.year.created", year, to_state=year.phase,
                 reason=Message("Criteria copied from %(year)s", year=previous.year) if previous else Message("Default criteria"))
    return year


@transaction.atomic
def start_quarterly_activity(actor, *, year: EvaluationYear) -> EvaluationYear:
    return move(year, actor, Phase.QUARTERLY, expected=Phase.SETUP)


@transaction.atomic
def open_assessment(actor, *, year: EvaluationYear) -> EvaluationYear:
    """Freeze the criteria and open one result per member on a post and per window."""
    year = lock_year(year)
    if year.phase != Phase.QUARTERLY:
        raise Refusal(_("Assessment opens after the quarterly activity phase."))
    total = year.criteria.aggregate(total=Sum("max_points"))["total"] or 0
    if total != 100:
        raise Refusal(_("The criteria add up to %(total)s points; they must add up to 100.") % {"total": total})
    move(year, actor, Phase.ASSESSMENT, expected=Phase.QUARTERLY, reason=Message("Criteria frozen."))
    create_results(year=year)
    return year


def create_results(*, year: EvaluationYear) -> int:
    """One result per confirmed member on a post and per open window with posts; existing ones are kept."""
    have_members = set(year.results.members().values_list("member_id", flat=True))
    have_windows = set(year.results.windows().values_list("window_id", flat=True))
    window_of_post = {}
    for post_id, window_id in Window.posts.through.objects.filter(window__is_active=True).values_list("post_id", "window_id").order_by("window_id"):
        window_of_post.setdefault(post_id, window_id)
    new = []
    holders = Assignment.objects.confirmed().values_list("member_id", "post_id", "member__committee_id").order_by("member_id")
    for member_id, post_id, committee_id in holders:
        if member_id not in have_members:
            new.append(Result(year=year, kind=Result.Kind.MEMBER, member_id=member_id, window_id=window_of_post.get(post_id),
                              committee_id=committee_id))
            have_members.add(member_id)
    missing = sorted(set(window_of_post.values()) - have_windows)
    committees = dict(Window.objects.filter(pk__in=missing).values_list("pk", "organisation__committee_id"))
    for window_id in missing:
        new.append(Result(year=year, kind=Result.Kind.WINDOW, window_id=window_id, committee_id=committees.get(window_id)))
    Result.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def start_review(actor, *, year: EvaluationYear) -> EvaluationYear:
    """Close the year-end assessment and the public vote; the committee reviews each result."""
    return move(year, actor, Phase.REVIEW, expected=Phase.ASSESSMENT, reason=Message("The public vote is closed."))


@transaction.atomic
def close_year(actor, *, year: EvaluationYear) -> EvaluationYear:
    year = lock_year(year)
    if year.phase == Phase.PUBLISHED and year.plaques_decided_at is None:
        raise Refusal(_("Decide next year's plaques before closing the year."))
    return move(year, actor, Phase.CLOSED, expected=Phase.PUBLISHED)


@transaction.atomic
def update_rules(actor, *, year: EvaluationYear, **values) -> EvaluationYear:
    """Change the year's rules before the review starts; each change raises the rule version."""
    year = lock_year(year)
    if year.phase_at_least(Phase.REVIEW):
        raise Refusal(_("The rules cannot change once the committee review has started."))
    weights = sum(int(values.get(f, getattr(year, f))) for f in WEIGHT_FIELDS)
    if weights != 100:
        raise Refusal(_("The five weights add up to %(total)s%%; they must add up to 100%%.") % {"total": weights})
    changed = [name for name, value in values.items() if name in RULE_FIELDS and getattr(year, name) != value]
    if not changed:
        return year
    for name in changed:
        setattr(year, name, values[name])
    year.rules_version += 1
    year.full_clean()
    year.save(update_fields=[*changed, "rules_version"])
    audit.record(actor, "evaluation.rules.changed", year, to_state=f"v{year.rules_version}", reason=Message("Changed: %(fields)s", fields=[EvaluationYear._meta.get_field(name).verbose_name for name in changed]))
    return year


@transaction.atomic
def update_criterion(actor, *, criterion: Criterion, category: str, text: str, max_points: int) -> Criterion:
    year = lock_year(criterion.year)
    if year.criteria_frozen:
        raise Refusal(_("The criteria were frozen when the assessment opened: they cannot change."))
    if not 1 <= int(max_points) <= 20:
        raise Refusal(_("A criterion is worth 1 to 20 points."))
    before = f"{criterion.max_points}"
    criterion.category, criterion.text, criterion.max_points = category, text.strip(), int(max_points)
    criterion.save(update_fields=["category", "text", "max_points"])
    audit.record(actor, "evaluation.criterion.changed", criterion, from_state=before, to_state=str(criterion.max_points))
    return criterion
