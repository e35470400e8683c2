"""The public handbook and its editions; the committee's draft and publishing page."""

import json

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from members.mixins import show_refusal
from pioneer.errors import Refusal
from posts.handbook import forms
from posts.handbook.services import compile_handbook, publish_handbook
from posts.models import HandbookEdition
from posts.pages import StaffMixin


class HandbookView(TemplateView):
    """/handbook/: the latest published edition, exactly as it was published."""

    template_name = "posts/handbook/handbook.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        version = self.kwargs.get("version")
        if version is None:
            ctx["edition"] = HandbookEdition.objects.latest_first().first()
        else:
            ctx["edition"] = get_object_or_404(HandbookEdition, version=version)
        ctx["content"] = ctx["edition"].content if ctx["edition"] else None
        return ctx


class HandbookEditionListView(ListView):
    template_name = "posts/handbook/handbook_editions.html"
    paginate_by = 25

    def get_queryset(self):
        return HandbookEdition.objects.latest_first().only("version", "title", "note", "published_at", "window_count")


class HandbookDraftView(StaffMixin, FormView):
    """The committee sees the handbook as today's data would make it, and publishes it as a new edition."""

    template_name = "posts/handbook/handbook_draft.html"
    form_class = forms.PublishHandbookForm

    def allowed(self, acc):
        return acc.is_committee_staff

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["content"] = compile_handbook()
        ctx["latest"] = HandbookEdition.objects.latest_first().first()
        # JSON round trip: the stored content compares as what a published edition would hold.
        ctx["up_to_date"] = ctx["latest"] is not None and ctx["latest"].content == json.loads(json.dumps(ctx["content"]))
        return ctx

    def form_valid(self, form):
        try:
            edition = publish_handbook(self.request.user, title=form.cleaned_data["title"], note=form.cleaned_data["note"])
        except Refusal as exc:
            show_refusal(self.request, exc)
            return redirect("posts:handbook_draft")
        messages.success(self.request, _("Edition %(n)d published.") % {"n": edition.version})
        return redirect(edition)
