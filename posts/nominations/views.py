"""Pages of step 1: rounds, and each member's self-nomination."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, get_changeable_or_403, get_visible_or_404, show_refusal
from pioneer.errors import Refusal
from posts.catalogue.forms import managed_post_organisations
from posts.models import Nomination, Round
from posts.nominations import services
from posts.nominations.forms import NominationForm, RoundForm
from posts.pages import button, history


def may_change_round(acc, rnd) -> bool:
    return acc.manages(rnd.organisation)


def may_nominate(acc, rnd) -> bool:
    # Whether the round is the member's own is the service's rule, with a message that says so.
    return acc.member is not None


def get_round_for_user(request, pk):
    return get_visible_or_404(Round.objects.select_related("organisation"), request.user, pk=pk)


def get_rw_round_for_user(request, pk):
    """The round, if the user manages its organisation (403 when only visible)."""
    return get_changeable_or_403(Round.objects.select_related("organisation"), request.user, may_change_round, pk=pk)


def get_round_to_nominate_for_user(request, pk):
    """The round, if the user is a member who may declare a post in it (403 for someone who is no member)."""
    return get_changeable_or_403(Round.objects.select_related("organisation"), request.user, may_nominate, pk=pk)


def may_review_nomination(acc, nomination) -> bool:
    return acc.manages(nomination.round.organisation)


def is_own_nomination(acc, nomination) -> bool:
    return acc.member is not None and acc.member.pk == nomination.member_id


def _nominations():
    return Nomination.objects.select_related("round__organisation", "member__branch", "post", "assignment__post")


def get_nomination_for_user(request, pk):
    return get_visible_or_404(_nominations(), request.user, pk=pk)


def get_rw_nomination_for_user(request, pk):
    """The nomination, if the user reviews it: a secretary of the round's organisation (403 when only visible)."""
    return get_changeable_or_403(_nominations(), request.user, may_review_nomination, pk=pk)


def get_own_nomination_for_user(request, pk):
    """The nomination, if it is the user's own declaration (403 when only visible, as to the secretary)."""
    return get_changeable_or_403(_nominations(), request.user, is_own_nomination, pk=pk)


class RoundListView(RoleRequiredMixin, ListView):
    template_name = "posts/nominations/round_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Round.objects.visible_to(self.request.user).select_related("organisation").order_by("-year", "organisation__code")


class RoundCreateView(ManagerRequiredMixin, FormView):
    form_class = RoundForm
    template_name = "form_page.html"
    extra_context = {"title": gettext_lazy("Open a nomination round")}

    def get_initial(self):
        return {"year": timezone.localdate().year, "opens_on": timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": managed_post_organisations(self.request.user)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            rnd = services.open_round(
                self.request.user, organisation=data["organisation"], year=data["year"], idea=data["idea"],
                opens_on=data["opens_on"], closes_on=data["closes_on"],
            )
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("The round is open: members can now declare their posts."))
        return redirect("posts:round_detail", pk=rnd.pk)


class RoundDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/nominations/round_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = get_round_for_user(self.request, kwargs["pk"])
        acc = self.acc
        posts = list(rnd.posts().with_holder_count().order_by("pk"))
        mine = None
        if acc.member is not None and rnd.organisation_id in (acc.member.branch_id, acc.member_unit_id):
            mine = Nomination.objects.filter(round=rnd, member=acc.member).select_related("post").order_by("-created_at").first()
            holds = acc.member.assignments.live().select_related("post").first()
            can_nominate = rnd.is_open and holds is None and (mine is None or mine.status not in Nomination.LIVE)
            ctx.update(mine=mine, holds=holds, can_nominate=can_nominate)
            if can_nominate:
                ctx["form"] = NominationForm(posts=rnd.posts().with_holder_count().order_by("pk"))
                ctx["form"].helper.form_action = reverse("posts:nominate", args=[rnd.pk])
        ctx.update(
            round=rnd, posts=posts, can_manage=may_change_round(acc, rnd),
            publications=rnd.publications.order_by("-published_at"),
        )
        if ctx["can_manage"]:
            ctx["history"] = history(rnd)
        return ctx


class NominateView(RoleRequiredMixin, FormView):
    form_class = NominationForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_round_to_nominate_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # A member with a live nomination sees it (with withdraw) instead of a form the service would refuse.
        live = Nomination.objects.live().filter(round=self.round, member=self.acc.member).first() if self.acc.member else None
        if live is not None:
            messages.info(request, _("You have already declared a post in this round: change or withdraw it here."))
            return redirect("posts:nomination_detail", pk=live.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round.posts().with_holder_count().order_by("pk")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Declare a post: %(round)s") % {"round": self.round}, **kwargs)

    def form_valid(self, form):
        try:
            nomination = services.submit_nomination(
                self.request.user, round=self.round, post=form.cleaned_data["post"], statement=form.cleaned_data["statement"],
            )
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("You declared the post %(post)s. The organisation will review it.") % {"post": nomination.post})
        return redirect("posts:nomination_detail", pk=nomination.pk)


class CloseRoundView(RoleRequiredMixin, View):
    def post(self, request, pk):
        rnd = get_rw_round_for_user(request, pk)
        button(request, lambda: services.close_round(request.user, round=rnd), _("The round is closed for nomination."))
        return redirect("posts:round_detail", pk=rnd.pk)


class NominationDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/nominations/nomination_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nomination = get_nomination_for_user(self.request, kwargs["pk"])
        acc = self.acc
        ctx.update(
            nomination=nomination, history=history(nomination),
            is_own=is_own_nomination(acc, nomination),
            can_review=may_review_nomination(acc, nomination) and nomination.is_pending,
        )
        return ctx


class NominationActionView(RoleRequiredMixin, FormView):
    """GET shows the form, POST calls the service; a refusal becomes a message on the form.

    The member acts on their own declaration (`owner_only`), the secretary reviews it."""

    template_name = "posts/nominations/nomination_action.html"
    owner_only = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            guard = get_own_nomination_for_user if self.owner_only else get_rw_nomination_for_user
            self.nomination = guard(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            message = self.act(form.cleaned_data)
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.success_url_for())

    def success_url_for(self):
        if self.owner_only:
            return reverse("posts:nomination_detail", args=[self.nomination.pk])
        return reverse("posts:review_board", args=[self.nomination.round_id])

    def round_posts(self):
        return self.nomination.round.posts().with_holder_count().order_by("pk")


class ChangeNominationView(NominationActionView):
    form_class = NominationForm
    owner_only = True
    title = gettext_lazy("Change my nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round_posts()}

    def get_initial(self):
        return {"post": self.nomination.post_id, "statement": self.nomination.statement}

    def act(self, data):
        services.change_nomination(self.request.user, nomination=self.nomination, post=data["post"], statement=data["statement"])
        return _("Your nomination now declares %(post)s.") % {"post": data["post"]}


class WithdrawNominationView(RoleRequiredMixin, View):
    def post(self, request, pk):
        nomination = get_own_nomination_for_user(request, pk)
        button(request, lambda: services.withdraw_nomination(request.user, nomination=nomination),
               _("Your nomination was withdrawn. You can declare another post while the round is open."))
        return redirect("posts:round_detail", pk=nomination.round_id)
