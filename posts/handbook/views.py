"""The public handbook and its editions; the committee's draft and publishing page."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from members import districts
from members.models import Organisation
from posts.handbook import forms, jobs, selectors
from posts.handbook.services import compile_handbook
from posts.models import HandbookEdition
from posts.pages import StaffMixin
from posts.public_cache import CachedPublicMixin


def _edition(version):
    """The latest edition (None before the first), or the one asked for (404 if there is none)."""
    edition = selectors.edition_header(version)
    if edition is None and version is not None:
        raise Http404
    return edition


class HandbookView(CachedPublicMixin, TemplateView):
    """/handbook/: the contents of the latest published edition (or of an earlier one), searchable, paged by unit."""

    template_name = "posts/handbook/handbook.html"
    paginate_by = 25
    fragment_params = ("q", "page", districts.PARAMETER)

    def versions(self):
        return ["handbook"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["edition"] = edition = _edition(self.kwargs.get("version"))
        if edition is not None:
            ctx["q"] = self.request.GET.get("q", "").strip()[:100]
            # ?district=<code>: the district's units of the edition (the edition itself is the city's).
            ctx["district"] = district = districts.current_district(self.request)
            units = selectors.contents(edition)
            if district is not None:
                codes = set(Organisation.objects.filter(districts.in_district(district, ""), kind=Organisation.Kind.UNIT)
                            .values_list("code", flat=True))
                units = [u for u in units if u["code"] in codes]
            units = selectors.search(units, ctx["q"])
            page = Paginator(units, self.paginate_by).get_page(self.request.GET.get("page"))
            ctx.update(page_obj=page, paginator=page.paginator, is_paginated=page.has_other_pages(), units=page.object_list)
        return ctx


class HandbookUnitView(TemplateView):
    """/handbook/<unit>/: one unit's windows in the edition, exactly as published; printable as that unit's booklet."""

    template_name = "posts/handbook/handbook_unit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["edition"] = edition = _edition(self.kwargs.get("version"))
        unit = selectors.unit(edition, self.kwargs["unit"]) if edition is not None else None
        if unit is None:
            raise Http404
        ctx["unit"] = unit
        ctx["content"] = {"units": [unit]}
        return ctx


class HandbookEditionListView(ListView):
    template_name = "posts/handbook/handbook_editions.html"
    paginate_by = 25

    def get_queryset(self):
        return HandbookEdition.objects.latest_first().only("version", "title", "note", "published_at", "window_count")


class HandbookDraftView(StaffMixin, FormView):
    """The committee sees the handbook as today's data would make it, and publishes it as a new edition (a job)."""

    template_name = "posts/handbook/handbook_draft.html"
    form_class = forms.PublishHandbookForm

    def allowed(self, acc):
        return acc.is_committee_staff

    def latest(self):
        if not hasattr(self, "_latest"):
            self._latest = HandbookEdition.objects.latest_first().first()
        return self._latest

    def get_initial(self):
        return {**super().get_initial(), "after": self.latest().version if self.latest() else 0}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["content"] = compile_handbook()
        ctx["latest"] = self.latest()
        # JSON round trip: the stored content compares as what a published edition would hold.
        ctx["up_to_date"] = ctx["latest"] is not None and ctx["latest"].content == json.loads(json.dumps(ctx["content"]))
        ctx["publishing"] = jobs.live_publication(self.request.user)
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        job, started = jobs.start_publication(self.request.user, title=data["title"], note=data["note"], after=data["after"])
        if not started:
            messages.info(self.request, _("This form was already sent: the edition is published by the job below."))
        return redirect("jobs:detail", pk=job.pk)
