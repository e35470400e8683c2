"""The city's two evaluation years: last year published with plaques decided, this year in the assessment.

Scores of the published year are computed here with the project's own scoring rules (evaluation.scoring),
from the very rows this module writes, so the stored snapshots agree with what the services would compute.
"""

import datetime
import uuid
from decimal import Decimal

from benchmarks.city.people import BATCH
from benchmarks.city.sizes import LAST_YEAR, THIS_YEAR, at
from evaluation import scoring
from evaluation.models import (
    Activity,
    Ballot,
    Criterion,
    CriterionScore,
    EvaluationYear,
    PeerRating,
    Phase,
    QuarterReport,
    Result,
)
from evaluation.years.criteria_default import DEFAULT_CRITERIA
from posts.models import PlaqueApplication, PlaqueRecord

RATINGS = list(Ballot.POINTS)
LEVELS = list(PeerRating.POINTS)
SELF_REPORT = "本年度坚守窗口岗位，累计受理群众办件{n}件，做到一次性告知、限时办结。认真参加支部“三会一课”和岗位专题学习。"
ACTIVITY = ("service", "开展“党员服务进社区”活动，现场解答群众政策咨询")
GRADE_LABEL = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}


def build_years(actor):
    """The two years, city-wide, with the default 30 criteria each."""
    years = {}
    for number, phase in ((LAST_YEAR, Phase.PUBLISHED), (THIS_YEAR, Phase.ASSESSMENT)):
        year = EvaluationYear.objects.create(year=number, phase=phase,
                                             plaques_decided_at=at(number + 1, 1, 10) if phase == Phase.PUBLISHED else None)
        Criterion.objects.bulk_create(
            Criterion(year=year, number=n, category=cat, text=text, max_points=pts) for n, cat, text, pts in DEFAULT_CRITERIA
        )
        year.criteria_list = list(year.criteria.order_by("number"))
        years[number] = year
    return years


def build_quarters(years, windows):
    reports = []
    for number, quarters in ((LAST_YEAR, (1, 2, 3, 4)), (THIS_YEAR, (1, 2, 3))):
        for window in windows:
            for q in quarters:
                reports.append(QuarterReport(year=years[number], window=window, quarter=q, status="submitted",
                                             submitted_at=at(number, q * 3, 28)))
    reports = QuarterReport.objects.bulk_create(reports, batch_size=BATCH)
    Activity.objects.bulk_create([
        Activity(report=r, date=datetime.date(r.year.year, r.quarter * 3 - 1, 15), kind=ACTIVITY[0], description=ACTIVITY[1]) for r in reports
    ], batch_size=BATCH)


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class YearBuilder:
    """One district's results of one year, with their inputs; `published` also computes and freezes them."""

    def __init__(self, year, rng, sizes, holders, members_by_branch, window_of_post, quality, feedback, actor, window_names):
        self.year, self.rng, self.sizes, self.actor, self.window_names = year, rng, sizes, actor, window_names
        self.member_names = {a.member_id: a.member.name for a in holders}
        self.committee_id = holders[0].member.committee_id if holders else None
        self.holders, self.members_by_branch, self.window_of_post = holders, members_by_branch, window_of_post
        self.quality, self.feedback = quality, feedback
        self.published = year.phase == Phase.PUBLISHED

    def build(self):
        rng, year = self.rng, self.year
        results, peers, ballots, scores = [], [], [], []
        self.peer_points, self.votes = {}, {}
        for a in self.holders:
            window_id = self.window_of_post.get(a.post_id)
            q = self.quality.get(window_id, 0.7)
            wrote = self.published or rng.random() < 0.5
            results.append(Result(
                year=year, kind=Result.Kind.MEMBER, member_id=a.member_id, window_id=window_id, committee_id=a.member.committee_id,
                self_report=SELF_REPORT.format(n=rng.randint(300, 1500)) if wrote else "",
                self_score=Decimal(rng.randint(85, 98)) if wrote else None,
                organisation_score=Decimal(rng.randint(70 + int(20 * q), 90 + int(8 * q))),
            ))
            colleagues = [m for m in self.members_by_branch[a.member.branch_id] if m.pk != a.member_id]
            points = []
            for rater in rng.sample(colleagues, min(self.sizes.peer_ratings_per_holder, len(colleagues))):
                level = rng.choices(LEVELS, [2 + 6 * q, 4, 2 - q, 0.3])[0]
                peers.append(PeerRating(year=year, rater_id=rater.pk, rated_id=a.member_id, level=level))
                points.append(PeerRating.POINTS[level])
            self.peer_points[a.member_id] = points
        for window_id, q in self.quality.items():
            # One district's builder: its windows are in its holders' committee.
            results.append(Result(year=year, kind=Result.Kind.WINDOW, window_id=window_id, committee_id=self.committee_id))
            points = []
            for _n in range(self.sizes.ballots_per_window):
                rating = rng.choices(RATINGS, [3 + 6 * q, 3, 1.5 - q, 0.4])[0]
                ballots.append(Ballot(id=_uuid(rng), year=year, window_id=window_id, rating=rating))
                points.append(Ballot.POINTS[rating])
            self.votes[window_id] = points
        if self.published:
            for result in results:
                result.committee_score = Decimal(rng.randint(85, 98))
        for result in results:
            if result.kind == Result.Kind.WINDOW:
                q = self.quality[result.window_id]
                result.criteria = []
                for c in self.year.criteria_list:
                    lost = int(rng.random() < 0.15) if q > 0.8 else rng.randint(0, 2 if q > 0.4 else 3)
                    score = CriterionScore(result=result, criterion=c, max_points=c.max_points, score=Decimal(max(c.max_points - lost, 0)),
                                           note="" if not lost else "资料不够完整")
                    scores.append(score)
                    result.criteria.append((c, score))
        if self.published:
            # Frozen before the insert: a bulk_update of thousands of snapshots costs more than writing them once.
            self.freeze(results)
        results = Result.objects.bulk_create(results, batch_size=BATCH)
        CriterionScore.objects.bulk_create(scores, batch_size=BATCH)
        PeerRating.objects.bulk_create(peers, batch_size=BATCH)
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        return results

    # ------------------------------------------------------------ the published year, computed as the services would

    def freeze(self, results):
        year, rules = self.year, scoring.Rules.for_year(self.year)
        peer = {m: (len(p), scoring.q2(Decimal(sum(p)) / len(p))) for m, p in self.peer_points.items() if p}
        votes = {w: (len(p), scoring.q2(Decimal(sum(p)) / len(p))) for w, p in self.votes.items() if p}
        complaints, member_complaints = {}, {}
        for fb in self.feedback:
            if fb.kind == "complaint" and fb.upheld and fb.created_at.year == year.year:
                for key, table in ((fb.window_id, complaints), (fb.member_id, member_complaints)):
                    if key is not None:
                        n, serious = table.get(key, (0, 0))
                        table[key] = (n + 1, serious + fb.serious)

        def peer_of(member_id):
            n, avg = peer.get(member_id, (0, None))
            return avg if n >= year.min_peer_ratings else None

        def public_of(window_id):
            n, avg = votes.get(window_id, (0, None))
            return avg if n >= year.min_votes else None

        window_members = {}
        for r in results:
            if r.kind == Result.Kind.MEMBER and r.window_id:
                entry = window_members.setdefault(r.window_id, ([], []))
                if r.self_score is not None:
                    entry[0].append(r.self_score)
                if peer_of(r.member_id) is not None:
                    entry[1].append(peer_of(r.member_id))
        self.outcomes = {}
        for r in results:
            if r.kind == Result.Kind.MEMBER:
                sources = {"self": r.self_score, "peer": peer_of(r.member_id), "public": public_of(r.window_id) if r.window_id else None,
                           "organisation": r.organisation_score, "committee": r.committee_score}
                upheld, serious = member_complaints.get(r.member_id, (0, 0))
                subject = self.member_names[r.member_id]
            else:
                selfs, peers = window_members.get(r.window_id, ([], []))
                sources = {"self": scoring.average(selfs), "peer": scoring.average(peers), "public": public_of(r.window_id),
                           "organisation": scoring.q2(sum((s.score for _c, s in r.criteria), Decimal(0))), "committee": r.committee_score}
                upheld, serious = complaints.get(r.window_id, (0, 0))
                subject = self.window_names[r.window_id]
            inputs = scoring.Inputs(sources=sources, upheld_complaints=upheld, serious_complaints=serious, adjustment=r.adjustment)
            outcome = scoring.compute(inputs, rules)
            r.snapshot = {
                "rule_version": year.rules_version, "rules": rules.as_json(), "inputs": inputs.as_json(), "outcome": outcome.as_json(),
                "subject": subject, "adjustment_reason": "",
                "counts": {"ballots": votes.get(r.window_id, (0, None))[0] if r.window_id else 0,
                           "peer_ratings": peer.get(r.member_id, (0, None))[0] if r.member_id else 0},
            }
            if r.kind == Result.Kind.WINDOW:
                r.snapshot["criteria"] = [{"number": c.number, "text": c.text, "max": s.max_points, "score": str(s.score), "note": s.note}
                                          for c, s in r.criteria]
                self.outcomes[r.window_id] = outcome
            r.final_score, r.grade = outcome.final, outcome.grade
            r.status = Result.Status.PUBLISHED
            r.approved_by, r.approved_at, r.published_at = self.actor, at(year.year + 1, 1, 5), at(year.year + 1, 1, 8)


def build_plaques(rng, windows, outcomes, rules, actor):
    """Last year: two windows in three joined by application (striving); this year: what last year's evaluation decided."""
    before = {}
    records, applications = [], []
    for i, window in enumerate(windows):
        if i % 3 != 2:
            record = PlaqueRecord(window=window, year=LAST_YEAR, level=PlaqueRecord.Level.STRIVING, source=PlaqueRecord.Source.APPLICATION,
                                  reason="创建条件具备，同意挂“争创共产党员先锋岗”牌。", decided_by=actor, decided_at=at(LAST_YEAR, 3, 1),
                                  change=PlaqueRecord.Change.AWARDED, verification_code=_code(rng))
            records.append(record)
            before[window.pk] = record.level
    records = PlaqueRecord.objects.bulk_create(records, batch_size=BATCH)
    applications = [
        PlaqueApplication(window_id=r.window_id, year=LAST_YEAR, statement="本窗口已明确公开服务的党员先锋岗，具备创建条件，申请参加创建活动。",
                          status=PlaqueApplication.Status.APPROVED, applied_by=actor, applied_at=at(LAST_YEAR, 2, 1), reviewed_by=actor,
                          reviewed_at=at(LAST_YEAR, 3, 1), review_note="同意。", plaque=r)
        for r in records
    ]
    PlaqueApplication.objects.bulk_create(applications, batch_size=BATCH)
    rank = PlaqueRecord.RANK
    decided = []
    for window in windows:
        outcome = outcomes.get(window.pk)
        if outcome is None:
            continue
        level = scoring.plaque_level(outcome.final, outcome.vetoed, rules)
        was = before.get(window.pk, PlaqueRecord.Level.NONE)
        if rank[level] > rank[was]:
            change = PlaqueRecord.Change.AWARDED if was == PlaqueRecord.Level.NONE else PlaqueRecord.Change.UPGRADED
        elif rank[level] < rank[was]:
            change = PlaqueRecord.Change.WITHDRAWN if level == PlaqueRecord.Level.NONE else PlaqueRecord.Change.DOWNGRADED
        else:
            change = PlaqueRecord.Change.KEPT if level != PlaqueRecord.Level.NONE else ""
        decided.append(PlaqueRecord(
            window=window, year=THIS_YEAR, level=level, source=PlaqueRecord.Source.EVALUATION, decided_by=actor,
            decided_at=at(THIS_YEAR, 1, 10), change=change, verification_code=_code(rng),
            reason=f"{LAST_YEAR}年度考核：{outcome.final}分，{GRADE_LABEL[outcome.grade]}。",
        ))
    PlaqueRecord.objects.bulk_create(decided, batch_size=BATCH)


def _code(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(22))
