"""Large batches of vote cards: the codes and their PDF are made in one job, since the codes are never stored.

The job's file is the only copy of the codes. It belongs to the committee member who started it (a job with
no organisation scope is visible to its starter alone) and is deleted with the other old job files.
"""

import uuid

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from evaluation.models import EvaluationYear
from evaluation.vote.pdf import cards_pdf
from evaluation.vote.services import generate_tokens
from evaluation.vote.views import TokenBatchView
from members import access
from members.jobs.registry import register_job
from members.jobs.services import JobRefusal, Outcome, start_job
from posts.models import Window

KIND = "evaluation.vote.cards_pdf"
GONE = gettext_noop("The evaluation year or the service window no longer exists.")
NOT_COMMITTEE = gettext_noop("Only committee staff print vote cards.")


def make_cards_pdf(job, progress, *, year, window, size, valid_days, submission, vote_url):
    if not access.for_user(job.created_by).is_committee_staff:
        raise JobRefusal(NOT_COMMITTEE)
    year_obj = EvaluationYear.objects.filter(year=year).first()
    window_obj = Window.objects.active().filter(pk=window).first()
    if year_obj is None or window_obj is None:
        raise JobRefusal(GONE)
    progress(0, 1)
    # One transaction: if the PDF fails, no tokens exist whose codes nobody could print. A second run of
    # the same job meets its own submission key and fails with BatchAlreadyGenerated, never making twice.
    with transaction.atomic():
        batch, codes = generate_tokens(
            job.created_by, year=year_obj, window=window_obj, size=size, valid_days=valid_days,
            submission_key=uuid.UUID(submission),
        )
        pdf = cards_pdf(batch, codes, vote_url=vote_url)
    progress(1, 1)
    return Outcome(data={"cards": size, "batch": batch.pk}, file=pdf, filename=f"{window_obj.name}-{year}-{batch.pk}.pdf")


register_job(KIND, make_cards_pdf, title=gettext_lazy("Vote cards as PDF"))


class TokenCardsPdfView(TokenBatchView):
    """The card form sent here makes the batch as a PDF in the background instead of a page to print."""

    http_method_names = ["post"]

    def form_valid(self, form):
        data = form.cleaned_data
        job = start_job(self.request.user, kind=KIND, params={
            "year": self.year.year, "window": data["window"].pk, "size": data["size"],
            "valid_days": data["valid_days"], "submission": str(data["submission"]),
            "vote_url": self.request.build_absolute_uri(reverse("evaluation:vote")),
        })
        return redirect("jobs:detail", job.pk)
