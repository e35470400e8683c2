"""Large batches of vote cards: the codes and their PDF are made in one job, since the codes are never stored.

The job's file is the only copy of the codes. It belongs to the committee member who started it (a job with
no organisation scope is visible to its starter alone) and is deleted with the other old job files.
"""

import uuid

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.generic import FormView

from evaluation.guards import YearMixin
from evaluation.models import EvaluationYear
from evaluation.vote.forms import ManyWindowsCardsForm
from evaluation.vote.pdf import cards_pdf
from evaluation.vote.services import MAX_CARDS_PER_RUN, generate_tokens, generate_tokens_for_windows
from evaluation.vote.views import TokenBatchView
from members import access
from members.jobs.models import Job
from members.jobs.registry import JobLink, register_job
from members.jobs.services import JobRefusal, Outcome, start_job
from members.mixins import CommitteeRequiredMixin
from posts.models import Window

KIND = "evaluation.vote.cards_pdf"
MANY = "evaluation.vote.cards_pdf_many"
GONE = gettext_noop("The evaluation year or the service window no longer exists.")
NO_WINDOWS = gettext_noop("The evaluation year no longer exists, or the chosen units have no open window you manage.")
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
        pdf = cards_pdf([(batch, codes)], vote_url=vote_url)
    progress(1, 1)
    return Outcome(data={"cards": size, "batch": batch.pk}, file=pdf, filename=f"{window_obj.name}-{year}-{batch.pk}.pdf")


def make_cards_pdf_for_windows(job, progress, *, year, units, size, valid_days, submission, vote_url):
    """Cards for every open window of the units (those the starter manages) as one PDF: up to MAX_CARDS_PER_RUN.

    The bar counts each card twice: once when its token is stored, once when its sheet is laid out.
    """
    if not access.for_user(job.created_by).is_committee_staff:
        raise JobRefusal(NOT_COMMITTEE)
    year_obj = EvaluationYear.objects.filter(year=year).first()
    windows = list(
        Window.objects.active().managed_by(job.created_by).filter(organisation__in=units)
        .select_related("organisation").order_by("organisation__code", "code")
    )
    if year_obj is None or not windows:
        raise JobRefusal(NO_WINDOWS)
    total = len(windows) * size
    progress(0, 2 * total)
    # One transaction, as for one window: no token exists whose code is not in the file; a second run meets
    # the keys derived from its submission and makes nothing.
    with transaction.atomic():
        runs = generate_tokens_for_windows(
            job.created_by, year=year_obj, windows=windows, size_per_window=size, valid_days=valid_days,
            submission_key=uuid.UUID(submission), progress=lambda done, _total: progress(done, 2 * total),
        )
        pdf = cards_pdf(runs, vote_url=vote_url, progress=lambda done, _total: progress(total + done, 2 * total))
    return Outcome(data={"cards": total, "windows": len(windows)}, file=pdf, filename=f"{_('Vote cards')}-{year}-{total}.pdf")


def _back_to_cards(job: Job) -> JobLink | None:
    year = job.params.get("year")
    return JobLink(gettext_lazy("Back to the vote cards"), "evaluation:tokens", args=(year,)) if year else None


def _cards_summary(job: Job):
    data = job.result_data
    return [(gettext_lazy("number of cards"), data["cards"]), (gettext_lazy("windows"), data.get("windows", 1))] if "cards" in data else []


register_job(KIND, make_cards_pdf, title=gettext_lazy("Vote cards as PDF"))
register_job(MANY, make_cards_pdf_for_windows, title=gettext_lazy("Vote cards for many windows as one PDF"),
             link=_back_to_cards, summary=_cards_summary)


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


class TokenCardsManyView(YearMixin, CommitteeRequiredMixin, FormView):
    """Cards for the open windows of several units at once: GET shows the form, POST starts the job."""

    form_class = ManyWindowsCardsForm
    template_name = "evaluation/vote/token_cards_many.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_cards=MAX_CARDS_PER_RUN, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        job = start_job(self.request.user, kind=MANY, params={
            "year": self.year.year, "units": sorted(unit.pk for unit in data["units"]), "size": data["size"],
            "valid_days": data["valid_days"], "submission": str(data["submission"]),
            "vote_url": self.request.build_absolute_uri(reverse("evaluation:vote")),
        })
        return redirect("jobs:detail", job.pk)
