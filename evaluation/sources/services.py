"""Four of the five sources, written during the year-end assessment: the self-report (述岗自评), peer review (互评),
the organisation's rating of a member and its criterion scores of a window (党组织综合评定).

The fifth, the public vote, is `evaluation.vote`; the committee's score is `evaluation.review`.
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from evaluation import scoring
from evaluation.models import CriterionScore, EvaluationYear, PeerRating, Phase, Result
from members import access, audit
from members.models import Member
from pioneer.errors import Refusal


def lock_open_result(result: Result) -> Result:
    result = Result.objects.select_for_update(of=("self",)).select_related("year", "member__branch", "window").get(pk=result.pk)
    if result.year.phase != Phase.ASSESSMENT:
        raise Refusal(_("The year-end assessment is not open."))
    if result.status != Result.Status.OPEN:
        raise Refusal(_("This result has been reviewed and can no longer change."))
    return result


def parse_score(value, maximum=100) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Refusal(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not score.is_finite() or score < 0 or score > maximum:
        raise Refusal(_("A score runs from 0 to %(max)s; “%(value)s” is outside.") % {"max": maximum, "value": value})
    return scoring.q2(score)


@transaction.atomic
def submit_self_assessment(actor, *, result: Result, report: str, score) -> Result:
    """Step 1 (述岗自评): the member's own report and score."""
    acc = access.for_user(actor)
    if result.kind != Result.Kind.MEMBER or acc.member is None or acc.member.pk != result.member_id:
        raise Refusal(_("Only the member writes their own self-report."))
    result = lock_open_result(result)
    if not report.strip():
        raise Refusal(_("Write your report before rating yourself."))
    result.self_report = report.strip()
    result.self_score = parse_score(score)
    result.save(update_fields=["self_report", "self_score"])
    audit.record(actor, "evaluation.self_assessment.saved", result, to_state=str(result.self_score))
    return result


@transaction.atomic
def rate_peer(rater: Member, *, year: EvaluationYear, rated: Member, level: str) -> None:
    """Step 2 (互评): one rating per rater and colleague, within the same branch.

    The actor is the rating member, not a user: colleagues rate whether or not they have a login, and who
    rated whom is never audited or shown (only counts and averages are).
    """
    year = EvaluationYear.objects.get(pk=year.pk)
    if year.phase != Phase.ASSESSMENT:
        raise Refusal(_("Peer review takes place during the year-end assessment."))
    if rater.pk == rated.pk:
        raise Refusal(_("Nobody rates themselves in peer review."))
    if rater.branch_id != rated.branch_id:
        raise Refusal(_("You can only rate members of your own organisation."))
    if not Result.objects.filter(year=year, kind=Result.Kind.MEMBER, member=rated).exists():
        raise Refusal(_("%(name)s holds no post this year.") % {"name": rated.name})
    if level not in PeerRating.POINTS:
        raise Refusal(_("Choose one of the four ratings."))
    try:
        with transaction.atomic():
            PeerRating.objects.create(year=year, rater=rater, rated=rated, level=level)
    except IntegrityError:
        # The unique constraint decides between two submissions at once.
        raise Refusal(_("You have already rated %(name)s.") % {"name": rated.name}) from None


@transaction.atomic
def score_window(actor, *, result: Result, scores: dict) -> Result:
    """Step 4 for a window: the organisation scores every criterion (0..maximum) with a note.

    `scores` maps a criterion's pk to (score, note); criteria left out keep their previous score.
    """
    result = lock_open_result(result)
    if result.kind != Result.Kind.WINDOW or not access.for_user(actor).manages(result.window.organisation):
        raise Refusal(_("Only the window's party organisation scores it."))
    criteria = {c.pk: c for c in result.year.criteria.all()}
    rows = []
    for criterion_id, (value, note) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise Refusal(_("Unknown criterion."))
        try:
            # The sheet is read field by field, not by a form: refuse a NUL here, as a form would (PostgreSQL refuses it).
            if "\x00" in str(value) or "\x00" in (note or ""):
                raise Refusal(_("Null characters are not allowed."))
            score = parse_score(value, criterion.max_points)
        except Refusal as exc:
            # Thirty fields on one page: say which criterion is wrong.
            raise Refusal(f"{criterion.number}. {criterion.text[:20]}… {exc.message}") from None
        rows.append(CriterionScore(result=result, criterion=criterion, max_points=criterion.max_points, score=score, note=(note or "")[:300]))
    CriterionScore.objects.filter(result=result, criterion_id__in=[r.criterion_id for r in rows]).delete()
    CriterionScore.objects.bulk_create(rows)
    total = result.criterion_scores.aggregate(total=Sum("score"))["total"]
    audit.record(actor, "evaluation.window.scored", result, to_state=str(total))
    return result


@transaction.atomic
def rate_member_by_organisation(actor, *, result: Result, score, note: str = "") -> Result:
    """Step 4 for a member: the branch's overall rating."""
    result = lock_open_result(result)
    if result.kind != Result.Kind.MEMBER or not access.for_user(actor).manages(result.member.branch):
        raise Refusal(_("Only the member's party organisation rates them."))
    result.organisation_score = parse_score(score)
    result.organisation_note = note.strip()
    result.save(update_fields=["organisation_score", "organisation_note"])
    audit.record(actor, "evaluation.member.rated", result, to_state=str(result.organisation_score))
    return result
