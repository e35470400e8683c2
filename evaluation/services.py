"""Every change of the evaluation's state: one named function per move, atomic, checked and audited.

Ballots are the one exception to auditing: nothing ever links a ballot to a voter.
"""

import datetime
import hashlib
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from evaluation import scoring
from evaluation.criteria_default import DEFAULT_CRITERIA
from evaluation.models import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    Activity,
    Ballot,
    Criterion,
    CriterionScore,
    EvaluationYear,
    Evidence,
    PeerRating,
    Phase,
    QuarterReport,
    Result,
    TokenBatch,
    VoteToken,
)
from members import access, audit
from members.models import Member
from posts.models import Assignment, Feedback, PlaqueRecord, Window
from posts.plaques.services import record_plaque


class EvaluationError(Exception):
    """A refusal a secretary can read: the message says what is wrong and nothing was changed."""


# ---------------------------------------------------------------- years and phases

RULE_FIELDS = [
    "weight_self", "weight_peer", "weight_public", "weight_organisation", "weight_committee",
    "excellent_min", "good_min", "pass_min", "deduction_per_complaint", "veto_on_serious_complaint",
    "pioneer_min", "striving_min", "min_votes", "min_peer_ratings",
]


@transaction.atomic
def create_year(number: int, actor) -> EvaluationYear:
    """Open a new year in set-up, copying last year's rules and criteria (or the default set)."""
    if EvaluationYear.objects.filter(year=number).exists():
        raise EvaluationError(_("An evaluation for %(year)s already exists.") % {"year": number})
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
                 reason=_("Criteria copied from %(year)s") % {"year": previous.year} if previous else _("Default criteria"))
    return year


def _lock_year(year: EvaluationYear) -> EvaluationYear:
    return EvaluationYear.objects.select_for_update().get(pk=year.pk)


def _move(year: EvaluationYear, actor, to: str, *, expected: str, reason: str = "") -> EvaluationYear:
    """Move a year from `expected` to `to` with a conditional UPDATE: of two people clicking, one wins."""
    changed = EvaluationYear.objects.filter(pk=year.pk, phase=expected).update(phase=to)
    if not changed:
        current = EvaluationYear.objects.get(pk=year.pk)
        raise EvaluationError(
            _("This step needs the phase “%(expected)s”, but the evaluation is in “%(current)s”.")
            % {"expected": Phase(expected).label, "current": Phase(current.phase).label}
        )
    audit.record(actor, f"evaluation.year.{to}", year, from_state=expected, to_state=to, reason=reason)
    year.phase = to
    return year


@transaction.atomic
def start_quarterly_activity(year: EvaluationYear, actor) -> EvaluationYear:
    return _move(year, actor, Phase.QUARTERLY, expected=Phase.SETUP)


@transaction.atomic
def open_assessment(year: EvaluationYear, actor) -> EvaluationYear:
    """Freeze the criteria and open one result per member on a post and per window."""
    year = _lock_year(year)
    if year.phase != Phase.QUARTERLY:
        raise EvaluationError(_("Assessment opens after the quarterly activity phase."))
    total = year.criteria.aggregate(total=Sum("max_points"))["total"] or 0
    if total != 100:
        raise EvaluationError(_("The criteria add up to %(total)s points; they must add up to 100.") % {"total": total})
    _move(year, actor, Phase.ASSESSMENT, expected=Phase.QUARTERLY, reason=_("Criteria frozen."))
    create_results(year)
    return year


def create_results(year: EvaluationYear) -> int:
    """One result per confirmed member on a post and per open window with posts; existing ones are kept."""
    have_members = set(year.results.members().values_list("member_id", flat=True))
    have_windows = set(year.results.windows().values_list("window_id", flat=True))
    window_of_post = {}
    for post_id, window_id in Window.posts.through.objects.filter(window__is_active=True).values_list("post_id", "window_id").order_by("window_id"):
        window_of_post.setdefault(post_id, window_id)
    new = []
    for member_id, post_id in Assignment.objects.confirmed().values_list("member_id", "post_id").order_by("member_id"):
        if member_id not in have_members:
            new.append(Result(year=year, kind=Result.Kind.MEMBER, member_id=member_id, window_id=window_of_post.get(post_id)))
            have_members.add(member_id)
    for window_id in sorted(set(window_of_post.values()) - have_windows):
        new.append(Result(year=year, kind=Result.Kind.WINDOW, window_id=window_id))
    Result.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def start_review(year: EvaluationYear, actor) -> EvaluationYear:
    """Close the year-end assessment and the public vote; the committee reviews each result."""
    return _move(year, actor, Phase.REVIEW, expected=Phase.ASSESSMENT, reason=_("The public vote is closed."))


@transaction.atomic
def publish_results(year: EvaluationYear, actor) -> EvaluationYear:
    """Publish every approved result as a snapshot that later edits never change."""
    year = _lock_year(year)
    if year.phase != Phase.REVIEW:
        raise EvaluationError(_("Results are published at the end of the committee review."))
    waiting = year.results.exclude(status=Result.Status.APPROVED).count()
    if waiting:
        raise EvaluationError(
            _("%(n)s results have not been reviewed yet: approve each result before publishing.") % {"n": waiting}
        )
    now = timezone.now()
    context = InputContext(year)
    results = list(year.results.select_related("member", "window").order_by("pk"))
    for result in results:
        result.snapshot = snapshot_for(result, context)
        result.final_score = Decimal(result.snapshot["outcome"]["final"])
        result.grade = result.snapshot["outcome"]["grade"]
        result.status = Result.Status.PUBLISHED
        result.published_at = now
    Result.objects.bulk_update(results, ["snapshot", "final_score", "grade", "status", "published_at"])
    _move(year, actor, Phase.PUBLISHED, expected=Phase.REVIEW, reason=_("%(n)s results published.") % {"n": len(results)})
    for result in results:
        if result.member_id and result.member.user_id:
            audit.notify(result.member.user, _("Your evaluation result for %(year)s is published.") % {"year": year.year},
                         reverse("evaluation:result_detail", args=[year.year, result.pk]))
    return year


@transaction.atomic
def close_year(year: EvaluationYear, actor) -> EvaluationYear:
    year = _lock_year(year)
    if year.phase == Phase.PUBLISHED and year.plaques_decided_at is None:
        raise EvaluationError(_("Decide next year's plaques before closing the year."))
    return _move(year, actor, Phase.CLOSED, expected=Phase.PUBLISHED)


# ---------------------------------------------------------------- rules and criteria

@transaction.atomic
def update_rules(year: EvaluationYear, actor, **values) -> EvaluationYear:
    """Change the year's rules before the review starts; each change raises the rule version."""
    year = _lock_year(year)
    if year.phase_at_least(Phase.REVIEW):
        raise EvaluationError(_("The rules cannot change once the committee review has started."))
    weights = sum(int(values.get(f, getattr(year, f))) for f in RULE_FIELDS[:5])
    if weights != 100:
        raise EvaluationError(_("The five weights add up to %(total)s%%; they must add up to 100%%.") % {"total": weights})
    changed = [name for name, value in values.items() if name in RULE_FIELDS and getattr(year, name) != value]
    if not changed:
        return year
    for name in changed:
        setattr(year, name, values[name])
    year.rules_version += 1
    year.full_clean()
    year.save(update_fields=[*changed, "rules_version"])
    audit.record(actor, "evaluation.rules.changed", year, to_state=f"v{year.rules_version}", reason=", ".join(changed))
    return year


@transaction.atomic
def update_criterion(criterion: Criterion, actor, *, category: str, text: str, max_points: int) -> Criterion:
    year = _lock_year(criterion.year)
    if year.criteria_frozen:
        raise EvaluationError(_("The criteria were frozen when the assessment opened: they cannot change."))
    if not 1 <= int(max_points) <= 20:
        raise EvaluationError(_("A criterion is worth 1 to 20 points."))
    before = f"{criterion.max_points}"
    criterion.category, criterion.text, criterion.max_points = category, text.strip(), int(max_points)
    criterion.save(update_fields=["category", "text", "max_points"])
    audit.record(actor, "evaluation.criterion.changed", criterion, from_state=before, to_state=str(criterion.max_points))
    return criterion


# ---------------------------------------------------------------- quarterly activity

def quarter_report(year: EvaluationYear, window: Window, quarter: int) -> QuarterReport:
    report, _created = QuarterReport.objects.get_or_create(year=year, window=window, quarter=quarter)
    return report


EVIDENCE_SIGNATURES = {
    "pdf": [b"%PDF"], "png": [b"\x89PNG"], "jpg": [b"\xff\xd8\xff"], "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"],
}


def check_evidence(upload) -> None:
    """Refuse files of the wrong type or size before anything is written."""
    name = getattr(upload, "name", "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in EVIDENCE_EXTENSIONS:
        raise EvaluationError(_("“%(name)s” is not an accepted file type (PDF, JPG, PNG, DOCX, XLSX).") % {"name": name})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise EvaluationError(_("“%(name)s” is larger than 5 MB.") % {"name": name})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in EVIDENCE_SIGNATURES[ext]):
        raise EvaluationError(_("“%(name)s” is not really a %(ext)s file.") % {"name": name, "ext": ext.upper()})


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, quarter * 3 - 2, 1)
    end = datetime.date(year + (quarter == 4), (quarter * 3) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


@transaction.atomic
def add_activity(report: QuarterReport, actor, *, date, kind, description, participants=(), files=()) -> Activity:
    report = QuarterReport.objects.select_for_update(of=("self",)).select_related("year", "window").get(pk=report.pk)
    if report.is_locked:
        raise EvaluationError(_("This quarter was submitted and is locked: activities cannot be added."))
    if report.year.phase not in (Phase.QUARTERLY, Phase.ASSESSMENT):
        raise EvaluationError(_("Activities are recorded during the quarterly activity phase."))
    start, end = quarter_dates(report.year.year, report.quarter)
    if not start <= date <= end:
        raise EvaluationError(_("The date must fall within Q%(q)s (%(start)s to %(end)s).") % {"q": report.quarter, "start": start, "end": end})
    participants = list(participants)
    strangers = [m.name for m in participants if m.branch.parent_id != report.window.organisation_id]
    if strangers:
        raise EvaluationError(_("Not members of this window's organisation: %(names)s.") % {"names": "、".join(strangers)})
    for upload in files:
        check_evidence(upload)
    activity = Activity.objects.create(report=report, date=date, kind=kind, description=description.strip())
    activity.participants.set(participants)
    for upload in files:
        Evidence.objects.create(activity=activity, file=upload, size=upload.size)
    audit.record(actor, "evaluation.activity.added", report, reason=f"{date} {activity.get_kind_display()}")
    return activity


@transaction.atomic
def submit_quarter(report: QuarterReport, actor) -> QuarterReport:
    report = QuarterReport.objects.select_for_update().get(pk=report.pk)
    if report.is_locked:
        raise EvaluationError(_("This quarter was already submitted."))
    if not report.activities.exists():
        raise EvaluationError(_("Record at least one activity before submitting the quarter."))
    report.status = QuarterReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(actor, "evaluation.quarter.submitted", report, from_state="draft", to_state="submitted",
                 reason=_("late") if report.is_late else "")
    return report


# ---------------------------------------------------------------- the five sources

def _lock_open_result(result: Result) -> Result:
    result = Result.objects.select_for_update(of=("self",)).select_related("year", "member__branch", "window").get(pk=result.pk)
    if result.year.phase != Phase.ASSESSMENT:
        raise EvaluationError(_("The year-end assessment is not open."))
    if result.status != Result.Status.OPEN:
        raise EvaluationError(_("This result has been reviewed and can no longer change."))
    return result


def parse_score(value, maximum=100) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise EvaluationError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not score.is_finite() or score < 0 or score > maximum:
        raise EvaluationError(_("A score runs from 0 to %(max)s; “%(value)s” is outside.") % {"max": maximum, "value": value})
    return scoring.q2(score)


@transaction.atomic
def submit_self_assessment(result: Result, actor, *, report: str, score) -> Result:
    """Step 1 (述岗自评): the member's own report and score."""
    acc = access.for_user(actor)
    if result.kind != Result.Kind.MEMBER or acc.member is None or acc.member.pk != result.member_id:
        raise EvaluationError(_("Only the member writes their own self-report."))
    result = _lock_open_result(result)
    if not report.strip():
        raise EvaluationError(_("Write your report before rating yourself."))
    result.self_report = report.strip()
    result.self_score = parse_score(score)
    result.save(update_fields=["self_report", "self_score"])
    audit.record(actor, "evaluation.self_assessment.saved", result, to_state=str(result.self_score))
    return result


def peers_to_rate(year: EvaluationYear, member: Member):
    """Colleagues on a post in the rater's branch this year, except the rater."""
    return (
        Member.objects.filter(evaluation_results__year=year, evaluation_results__kind=Result.Kind.MEMBER, branch_id=member.branch_id)
        .exclude(pk=member.pk).order_by("member_no")
    )


@transaction.atomic
def rate_peer(year: EvaluationYear, rater: Member, rated: Member, level: str) -> None:
    """Step 2 (互评): one rating per rater and colleague, within the same branch; not audited per rater."""
    year = EvaluationYear.objects.get(pk=year.pk)
    if year.phase != Phase.ASSESSMENT:
        raise EvaluationError(_("Peer review takes place during the year-end assessment."))
    if rater.pk == rated.pk:
        raise EvaluationError(_("Nobody rates themselves in peer review."))
    if rater.branch_id != rated.branch_id:
        raise EvaluationError(_("You can only rate members of your own organisation."))
    if not Result.objects.filter(year=year, kind=Result.Kind.MEMBER, member=rated).exists():
        raise EvaluationError(_("%(name)s holds no post this year.") % {"name": rated.name})
    if level not in PeerRating.POINTS:
        raise EvaluationError(_("Choose one of the four ratings."))
    try:
        with transaction.atomic():
            PeerRating.objects.create(year=year, rater=rater, rated=rated, level=level)
    except IntegrityError:
        raise EvaluationError(_("You have already rated %(name)s.") % {"name": rated.name}) from None


@transaction.atomic
def score_window(result: Result, actor, scores: dict) -> Result:
    """Step 4 for a window: the organisation scores every criterion (0..maximum) with a note."""
    result = _lock_open_result(result)
    if result.kind != Result.Kind.WINDOW or not access.for_user(actor).manages(result.window.organisation):
        raise EvaluationError(_("Only the window's party organisation scores it."))
    criteria = {c.pk: c for c in result.year.criteria.all()}
    rows = []
    for criterion_id, (value, note) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise EvaluationError(_("Unknown criterion."))
        try:
            score = parse_score(value, criterion.max_points)
        except EvaluationError as exc:
            raise EvaluationError(f"{criterion.number}. {criterion.text[:20]}… {exc}") from None
        rows.append(CriterionScore(result=result, criterion=criterion, max_points=criterion.max_points, score=score, note=(note or "")[:300]))
    CriterionScore.objects.filter(result=result, criterion_id__in=[r.criterion_id for r in rows]).delete()
    CriterionScore.objects.bulk_create(rows)
    total = result.criterion_scores.aggregate(total=Sum("score"))["total"]
    audit.record(actor, "evaluation.window.scored", result, to_state=str(total))
    return result


@transaction.atomic
def rate_member_by_organisation(result: Result, actor, *, score, note: str = "") -> Result:
    """Step 4 for a member: the branch's overall rating."""
    result = _lock_open_result(result)
    if result.kind != Result.Kind.MEMBER or not access.for_user(actor).manages(result.member.branch):
        raise EvaluationError(_("Only the member's party organisation rates them."))
    result.organisation_score = parse_score(score)
    result.organisation_note = note.strip()
    result.save(update_fields=["organisation_score", "organisation_note"])
    audit.record(actor, "evaluation.member.rated", result, to_state=str(result.organisation_score))
    return result


# ---------------------------------------------------------------- committee review

def _lock_reviewable(result: Result) -> Result:
    result = Result.objects.select_for_update(of=("self",)).select_related("year", "member", "window").get(pk=result.pk)
    if result.year.phase != Phase.REVIEW:
        raise EvaluationError(_("Results are reviewed during the committee review phase."))
    if result.status == Result.Status.PUBLISHED:
        raise EvaluationError(_("This result is published and can no longer change."))
    return result


@transaction.atomic
def approve_result(result: Result, actor, *, committee_score, context: "InputContext | None" = None) -> Result:
    """Step 5 (党工委审核): the committee's score, then the final score and grade are fixed for publication."""
    result = _lock_reviewable(result)
    if result.status != Result.Status.OPEN:
        raise EvaluationError(_("This result is already approved."))
    result.committee_score = parse_score(committee_score)
    outcome = scoring.compute(inputs_for(result, context or InputContext(result.year)), scoring.Rules.for_year(result.year))
    result.final_score, result.grade = outcome.final, outcome.grade
    result.status = Result.Status.APPROVED
    result.approved_by, result.approved_at = actor, timezone.now()
    result.save(update_fields=["committee_score", "final_score", "grade", "status", "approved_by", "approved_at"])
    audit.record(actor, "evaluation.result.approved", result, from_state="open", to_state=f"{outcome.final} {outcome.grade}")
    return result


@transaction.atomic
def approve_remaining(year: EvaluationYear, actor, *, committee_score) -> int:
    """Approve every result not yet reviewed with one committee score; adjusted or special cases are approved one by one first."""
    year = _lock_year(year)
    if year.phase != Phase.REVIEW:
        raise EvaluationError(_("Results are reviewed during the committee review phase."))
    score = parse_score(committee_score)
    waiting = list(year.results.filter(status=Result.Status.OPEN).order_by("pk"))
    context = InputContext(year)  # the year is locked: the aggregates cannot move while we approve
    for result in waiting:
        approve_result(result, actor, committee_score=score, context=context)
    return len(waiting)


@transaction.atomic
def adjust_result(result: Result, actor, *, points, reason: str) -> Result:
    """Add or remove up to 20 points, with a reason that stays in the result's history."""
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationError(_("An adjustment needs a reason."))
    result = _lock_reviewable(result)
    try:
        points = scoring.q2(Decimal(str(points)))
    except (InvalidOperation, ValueError):
        raise EvaluationError(_("“%(value)s” is not a number.") % {"value": points}) from None
    if not Decimal(-20) <= points <= Decimal(20):
        raise EvaluationError(_("An adjustment lies between -20 and +20 points."))
    before = result.adjustment
    result.adjustment, result.adjustment_reason = points, reason
    fields = ["adjustment", "adjustment_reason"]
    if result.status == Result.Status.APPROVED:
        outcome = scoring.compute(inputs_for(result, InputContext(result.year)), scoring.Rules.for_year(result.year))
        result.final_score, result.grade = outcome.final, outcome.grade
        fields += ["final_score", "grade"]
    result.save(update_fields=fields)
    audit.record(actor, "evaluation.result.adjusted", result, from_state=str(before), to_state=str(points), reason=reason)
    return result


# ---------------------------------------------------------------- inputs: from the database to pure numbers

class InputContext:
    """Year-wide aggregates loaded once: public votes, peer ratings and complaints per window or member."""

    def __init__(self, year: EvaluationYear):
        self.year = year
        # Before the vote closes nobody, not even a preview, sees how the public voted.
        self.votes = {
            row["window_id"]: (row["n"], scoring.q2(row["avg"]))
            for row in year.ballots.values("window_id").annotate(n=Count("pk"), avg=Avg(_ballot_points()))
        } if year.vote_closed else {}
        self.peers = {
            row["rated_id"]: (row["n"], scoring.q2(row["avg"]))
            for row in year.peer_ratings.values("rated_id").annotate(n=Count("pk"), avg=Avg(_peer_points()))
        }
        complaints = Feedback.objects.filter(kind=Feedback.Kind.COMPLAINT, upheld=True, created_at__year=year.year)
        self.complaints = {
            row["window_id"]: (row["n"], row["serious"])
            for row in complaints.values("window_id").annotate(n=Count("pk"), serious=Count("pk", filter=Q(serious=True)))
        }
        # A complaint naming the member on duty counts against that member as well as the window.
        self.member_complaints = {
            row["member_id"]: (row["n"], row["serious"])
            for row in complaints.filter(member__isnull=False).values("member_id").annotate(n=Count("pk"), serious=Count("pk", filter=Q(serious=True)))
        }
        self._window_members = None

    def public(self, window_id):
        n, avg = self.votes.get(window_id, (0, None))
        return avg if n >= self.year.min_votes else None

    def peer(self, member_id):
        n, avg = self.peers.get(member_id, (0, None))
        return avg if n >= self.year.min_peer_ratings else None

    def window_members(self):
        """Member results per window: (self scores, peer averages)."""
        if self._window_members is None:
            self._window_members = {}
            for member_id, window_id, self_score in self.year.results.members().exclude(window=None).values_list("member_id", "window_id", "self_score"):
                entry = self._window_members.setdefault(window_id, ([], []))
                if self_score is not None:
                    entry[0].append(self_score)
                peer = self.peer(member_id)
                if peer is not None:
                    entry[1].append(peer)
        return self._window_members


def _ballot_points():
    from django.db.models import Case, IntegerField, Value, When

    return Case(*[When(rating=k, then=Value(v)) for k, v in Ballot.POINTS.items()], output_field=IntegerField())


def _peer_points():
    from django.db.models import Case, IntegerField, Value, When

    return Case(*[When(level=k, then=Value(v)) for k, v in PeerRating.POINTS.items()], output_field=IntegerField())


def inputs_for(result: Result, context: InputContext) -> scoring.Inputs:
    """The five sources of one result, as numbers; complaints count against the window and the member they name."""
    if result.kind == Result.Kind.MEMBER:
        sources = {
            "self": result.self_score,
            "peer": context.peer(result.member_id),
            "public": context.public(result.window_id) if result.window_id else None,
            "organisation": result.organisation_score,
            "committee": result.committee_score,
        }
        upheld, serious = context.member_complaints.get(result.member_id, (0, 0))
        return scoring.Inputs(sources=sources, upheld_complaints=upheld, serious_complaints=serious, adjustment=result.adjustment)
    selfs, peers = context.window_members().get(result.window_id, ([], []))
    scores = [s.score for s in result.criterion_scores.all()]  # uses prefetch_related("criterion_scores") when given
    sources = {
        "self": scoring.average(selfs),
        "peer": scoring.average(peers),
        "public": context.public(result.window_id),
        "organisation": scoring.q2(sum(scores, Decimal(0))) if scores else None,
        "committee": result.committee_score,
    }
    upheld, serious = context.complaints.get(result.window_id, (0, 0))
    return scoring.Inputs(sources=sources, upheld_complaints=upheld, serious_complaints=serious, adjustment=result.adjustment)


def snapshot_for(result: Result, context: InputContext) -> dict:
    rules = scoring.Rules.for_year(context.year)
    inputs = inputs_for(result, context)
    outcome = scoring.compute(inputs, rules)
    snap = {
        "rule_version": context.year.rules_version,
        "rules": rules.as_json(),
        "inputs": inputs.as_json(),
        "outcome": outcome.as_json(),
        "subject": result.subject_name,
        "adjustment_reason": result.adjustment_reason,
        "counts": {
            "ballots": context.votes.get(result.window_id, (0, None))[0] if result.window_id else 0,
            "peer_ratings": context.peers.get(result.member_id, (0, None))[0] if result.member_id else 0,
        },
    }
    if result.kind == Result.Kind.WINDOW:
        snap["criteria"] = [
            {"number": s.criterion.number, "text": s.criterion.text, "max": s.max_points, "score": str(s.score), "note": s.note}
            for s in result.criterion_scores.select_related("criterion")
        ]
    return snap


def explain(result: Result, context: InputContext | None = None) -> dict:
    """The breakdown to show: the published snapshot, or a live preview before publication."""
    if result.snapshot:
        return result.snapshot
    return snapshot_for(result, context or InputContext(result.year))


# ---------------------------------------------------------------- the public vote

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TOKEN_LENGTH = 16  # 16 symbols of 32: 80 bits, unguessable, still typeable from the card


def normalise_token(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def hash_token(raw: str) -> str:
    return hashlib.sha256(normalise_token(raw).encode()).hexdigest()


def format_token(token: str) -> str:
    return "-".join(token[i:i + 4] for i in range(0, len(token), 4))


class BatchAlreadyGenerated(EvaluationError):
    """The same card form was submitted again: its batch exists and its codes were shown once."""

    def __init__(self, batch: TokenBatch):
        self.batch = batch
        super().__init__(
            _("This form was already submitted: %(n)s cards for %(window)s were generated at %(time)s. "
              "Their codes were shown once and are not stored; no new cards were made. "
              "If they were not printed, generate a new batch.")
            % {"n": batch.size, "window": batch.window.name,
               "time": timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M")}
        )


@transaction.atomic
def generate_tokens(year: EvaluationYear, window: Window, actor, *, size: int, valid_days: int = 60,
                    submission_key=None) -> tuple[TokenBatch, list[str]]:
    """Create a batch of single-use cards; the codes are returned once, only their hashes are kept.

    With a submission key (one per rendered form) a second submission of the same form creates nothing
    and raises BatchAlreadyGenerated: refreshing the printed page must never silently make new tokens.
    """
    if year.phase not in (Phase.QUARTERLY, Phase.ASSESSMENT):
        raise EvaluationError(_("Vote cards are printed before or during the year-end assessment."))
    if not 1 <= size <= 500:
        raise EvaluationError(_("A batch holds 1 to 500 cards."))
    if submission_key is not None:
        existing = TokenBatch.objects.select_related("window").filter(submission_key=submission_key).first()
        if existing is not None:
            raise BatchAlreadyGenerated(existing)
    try:
        with transaction.atomic():
            batch = TokenBatch.objects.create(
                year=year, window=window, size=size, created_by=actor, submission_key=submission_key,
                expires_at=timezone.now() + datetime.timedelta(days=valid_days),
            )
    except IntegrityError:
        # Two submissions of one form at the same moment: the other one made the batch.
        raise BatchAlreadyGenerated(TokenBatch.objects.select_related("window").get(submission_key=submission_key)) from None
    codes = ["".join(secrets.choice(TOKEN_ALPHABET) for _i in range(TOKEN_LENGTH)) for _n in range(size)]
    VoteToken.objects.bulk_create(VoteToken(batch=batch, token_hash=hash_token(code)) for code in codes)
    audit.record(actor, "evaluation.tokens.generated", batch, to_state=str(size))
    return batch, codes


@transaction.atomic
def cast_vote(raw_token: str, rating: str) -> Window:
    """Spend a card on one anonymous ballot: the token is consumed by a conditional UPDATE, the ballot keeps nothing else."""
    if rating not in Ballot.POINTS:
        raise EvaluationError(_("Choose how satisfied you are."))
    token = normalise_token(raw_token)
    if len(token) != TOKEN_LENGTH:
        raise EvaluationError(_("This card code is not valid. Check the code on your card."))
    found = VoteToken.objects.select_related("batch__year", "batch__window").filter(token_hash=hash_token(token)).first()
    if found is None:
        raise EvaluationError(_("This card code is not valid. Check the code on your card."))
    batch = found.batch
    if batch.year.phase != Phase.ASSESSMENT:
        raise EvaluationError(_("The vote is closed."))
    if batch.expires_at <= timezone.now():
        raise EvaluationError(_("This card has expired."))
    # Of several submissions of one card at once, exactly one changes the row.
    if VoteToken.objects.filter(pk=found.pk, used=False).update(used=True) != 1:
        raise EvaluationError(_("This card has already been used to vote."))
    Ballot.objects.create(year=batch.year, window=batch.window, rating=rating)
    return batch.window


def vote_summary(year: EvaluationYear, window_ids=None) -> dict:
    """Ballot counts and averages per window, only after the vote closes and above the minimum count."""
    if not year.vote_closed:
        return {}
    rows = year.ballots.values("window_id").annotate(n=Count("pk"), avg=Avg(_ballot_points()))
    if window_ids is not None:
        rows = rows.filter(window_id__in=window_ids)
    return {r["window_id"]: (r["n"], scoring.q2(r["avg"])) for r in rows if r["n"] >= year.min_votes}


def peer_summary(year: EvaluationYear, member_id) -> tuple[int, Decimal | None]:
    """How many colleagues rated a member and their average, hidden below the minimum."""
    row = year.peer_ratings.filter(rated_id=member_id).aggregate(n=Count("pk"), avg=Avg(_peer_points()))
    if row["n"] < year.min_peer_ratings:
        return row["n"], None
    return row["n"], scoring.q2(row["avg"])


# ---------------------------------------------------------------- plaques


def plaque_reason(year: EvaluationYear, outcome: dict, current: str, level: str) -> str:
    grade_label = {"excellent": _("Excellent"), "good": _("Good"), "pass": _("Pass"), "fail": _("Fail")}[outcome["grade"]]
    parts = [_("%(year)s evaluation: %(score)s points, %(grade)s.") % {"year": year.year, "score": outcome["final"], "grade": grade_label}]
    if outcome["vetoed"]:
        parts.append(_("An upheld serious complaint vetoes the plaque."))
    if level == PlaqueRecord.Level.PIONEER:
        verb = _("Kept the pioneer post plaque (standard %(min)s reached).") if current == level else _("Awarded the pioneer post plaque (standard %(min)s reached).")
        parts.append(verb % {"min": year.pioneer_min})
    elif level == PlaqueRecord.Level.STRIVING:
        if current == PlaqueRecord.Level.PIONEER:
            parts.append(_("Downgraded to the striving plaque (below %(min)s).") % {"min": year.pioneer_min})
        elif current == level:
            parts.append(_("Keeps the striving plaque (at least %(min)s).") % {"min": year.striving_min})
        else:
            parts.append(_("Granted the striving plaque (at least %(min)s).") % {"min": year.striving_min})
    elif current in (PlaqueRecord.Level.PIONEER, PlaqueRecord.Level.STRIVING):
        parts.append(_("Plaque withdrawn."))
    else:
        parts.append(_("No plaque."))
    # Chinese sentences follow each other without a space; English ones need one.
    separator = "" if (translation.get_language() or "").startswith("zh") else " "
    return separator.join(str(p) for p in parts)


@transaction.atomic
def decide_plaques(year: EvaluationYear, actor) -> list[PlaqueRecord]:
    """Each window's published result decides its plaque for next year; the register keeps every year."""
    year = _lock_year(year)
    if year.phase != Phase.PUBLISHED:
        raise EvaluationError(_("Plaques are decided once the results are published."))
    rules = scoring.Rules.for_year(year)
    results = list(year.results.windows().select_related("window").order_by("window__code"))
    current = dict(PlaqueRecord.objects.filter(year=year.year, window__in=[r.window_id for r in results]).values_list("window_id", "level"))
    now = timezone.now()
    records = []
    for result in results:
        outcome = result.snapshot["outcome"]
        level = scoring.plaque_level(Decimal(outcome["final"]), outcome["vetoed"], rules)
        was = current.get(result.window_id, PlaqueRecord.Level.NONE)
        # The reason is public text on the register: written in the site's language, whatever the deciding user's.
        with translation.override(settings.LANGUAGE_CODE):
            reason = plaque_reason(year, outcome, was, level)
        # The register's own service: it replaces any record for next year, notes the change and audits it.
        record = record_plaque(actor, window=result.window, year=year.year + 1, level=level, source=PlaqueRecord.Source.EVALUATION,
                               reason=reason, now=now)
        records.append(record)
    year.plaques_decided_at = now
    year.save(update_fields=["plaques_decided_at"])
    return records
