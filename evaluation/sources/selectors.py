"""Reads the peer review shares with the home page: whom a member rates."""

from evaluation.models import EvaluationYear, Result
from members.models import Member


def peers_to_rate(year: EvaluationYear, member: Member):
    """Colleagues on a post in the rater's branch this year, except the rater."""
    return (
        Member.objects.filter(evaluation_results__year=year, evaluation_results__kind=Result.Kind.MEMBER, branch_id=member.branch_id)
        .exclude(pk=member.pk).order_by("member_no")
    )
