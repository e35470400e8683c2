"""Vote cards printed by the committee, and the public's anonymous vote."""

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.generic import FormView
from django_ratelimit.decorators import ratelimit

from evaluation.guards import YearMixin
from evaluation.vote import services
from evaluation.vote.forms import TokenBatchForm, VoteForm
from members.mixins import CommitteeRequiredMixin, show_refusal
from members.views import rate_limited
from pioneer import ratelimits
from pioneer.errors import Refusal
from posts.models import Window


class TokenBatchView(YearMixin, CommitteeRequiredMixin, FormView):
    form_class = TokenBatchForm
    template_name = "evaluation/vote/token_batches.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        batches = (self.year.token_batches.filter(window__in=Window.objects.visible_to(self.request.user).values("pk"))
                   .select_related("window", "created_by").order_by("-created_at", "-pk"))
        ctx["page_obj"] = Paginator(batches, 25).get_page(self.request.GET.get("page"))
        ctx["is_paginated"] = ctx["page_obj"].has_other_pages()
        ctx["paginator"] = ctx["page_obj"].paginator
        return ctx

    def form_valid(self, form):
        try:
            batch, codes = services.generate_tokens(
                self.request.user, year=self.year, window=form.cleaned_data["window"],
                size=form.cleaned_data["size"], valid_days=form.cleaned_data["valid_days"],
                submission_key=form.cleaned_data["submission"],
            )
        except services.BatchAlreadyGenerated as exc:
            # Not an error: the cards exist. A warning, and a fresh form with a new key.
            messages.warning(self.request, exc.message)
            return redirect("evaluation:tokens", year=self.year.year)
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        # The window's code in the query (public, the same on every card of the window) lets the page name the
        # window before the vote; the card's own code stays in the fragment, which never reaches the server.
        base = self.request.build_absolute_uri(reverse("evaluation:vote")) + "?" + urlencode({"w": batch.window.code})
        cards = [
            {"code": services.format_token(code), "qr": segno.make(f"{base}#{code}", error="m").svg_data_uri(scale=3)}
            for code in codes
        ]
        # The codes exist only in this response: they are never stored, so print them now (and keep them out of caches).
        response = render(self.request, "evaluation/vote/token_cards.html", {"batch": batch, "cards": cards, "vote_url": base, "year": self.year})
        patch_cache_control(response, no_store=True, private=True)
        return response


@method_decorator(ratelimit(key="ip", rate=ratelimits.rate("vote"), method="POST", block=False), name="post")
class VoteView(FormView):
    """The public's anonymous vote: the card's code arrives in the POST body, never in a URL."""

    form_class = VoteForm
    template_name = "evaluation/vote/vote.html"

    def get_initial(self):
        return {"w": self.request.GET.get("w", "")[:32]}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ctx["form"]
        code = (form.data.get("w") if form.is_bound else form.initial.get("w")) or ""
        # Named before the vote: the window and what is being rated. An unknown code names nothing.
        ctx["window"] = Window.objects.active().select_related("organisation").filter(code=code).first() if code else None
        return ctx

    def post(self, request, *args, **kwargs):
        # A hall of citizens shares one address: accepted votes are limited loosely, refused cards tightly.
        if getattr(request, "limited", False) or ratelimits.exceeded(request, "vote_failed"):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimits.count_failure(self.request, "vote_failed")
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            window = services.cast_vote(token=form.cleaned_data["token"], rating=form.cleaned_data["rating"],
                                        window_code=form.cleaned_data["w"])
        except Refusal as exc:
            show_refusal(self.request, exc, form=form, field="token")
            return self.form_invalid(form)
        return render(self.request, "evaluation/vote/vote_done.html", {"window": window})
