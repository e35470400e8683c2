"""Pages for the changes during the year: who is still without a post and the actions that resolve it."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from members.mixins import ManagerRequiredMixin, get_changeable_or_403, show_refusal
from members.models import Member, Organisation
from pioneer.errors import Refusal
from posts.catalogue.views import get_rw_assignment_for_user
from posts.changes import movements, services
from posts.changes.forms import AdmissionForm, DepartureForm, HandOverForm, SupplementaryRoundForm, TransferForm
from posts.models import Nomination, Post, Round
from posts.nominations import services as nomination_services
from posts.nominations.models import scope_q
from posts.review.forms import PlaceForm


def may_move_member(acc, member) -> bool:
    return acc.manages(member.branch)


def get_rw_member_for_user(request, pk):
    """The member, if the user manages their branch (403 when only visible: the member themself)."""
    return get_changeable_or_403(Member.objects.select_related("branch__parent"), request.user, may_move_member, pk=pk)


def get_rw_organisation_for_user(request, pk):
    return get_changeable_or_403(Organisation.objects.all(), request.user, lambda acc, org: acc.manages(org), pk=pk)


def _mark_pending_declarations(acc, members):
    """Give each member their declaration awaiting review (`pending`), and whether the user reviews it (`reviews_pending`).

    A member with one is not placed directly (the placement refuses): deciding on the declaration is what gives the post."""
    pending = Nomination.objects.pending().filter(member__in=members).select_related("round__organisation", "post").order_by("created_at", "pk")
    by_member = {n.member_id: n for n in pending}
    for m in members:
        m.pending = by_member.get(m.pk)
        m.reviews_pending = m.pending is not None and acc.manages(m.pending.round.organisation)


class WithoutPostView(ManagerRequiredMixin, TemplateView):
    """Every member in service in the user's scope who holds no post, each with the actions that give them one."""

    template_name = "posts/changes/without_post.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        members = services.members_without_post(Member.objects.visible_to(user)).select_related("branch").order_by("branch__code", "member_no")
        branch = self.request.GET.get("branch", "")
        if branch.isdigit():
            members = members.filter(branch_id=int(branch))
        page = Paginator(members, 25).get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        _mark_pending_declarations(self.acc, page.object_list)
        year = timezone.localdate().year
        # The organisations whose year's round is over: a supplementary round is what they can open next.
        rounds = Round.objects.managed_by(user).filter(year=year).select_related("organisation").order_by("organisation__code", "-pk")
        ctx.update(
            page_obj=page, is_paginated=page.has_other_pages(), paginator=page.paginator, members=page.object_list,
            year=year, rounds=list(rounds[:50]),
        )
        return ctx


class ChangeFormView(ManagerRequiredMixin, FormView):
    """GET shows the form; POST calls the service; a refusal is shown on the form."""

    template_name = "posts/changes/change_form.html"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        # The mixin answers the anonymous (login) and the non-managers (403) before any object is fetched.
        if request.user.is_authenticated and self.allowed(self.acc):
            self.subject = self.get_subject(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, subject=self.subject, **kwargs)

    def form_valid(self, form):
        try:
            message, url = self.act(form.cleaned_data)
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(url)


class DirectPlacementView(ChangeFormView):
    form_class = PlaceForm
    title = gettext_lazy("Place the member on a post directly")

    def get_subject(self, request, pk):
        return get_rw_member_for_user(request, pk)

    def get_form_kwargs(self):
        member = self.subject
        orgs = [member.branch_id, member.branch.parent_id]
        posts = Post.objects.filter(organisation_id__in=orgs).active().with_holder_count().select_related("organisation")
        return {**super().get_form_kwargs(), "posts": posts}

    def act(self, data):
        publication = services.place_directly(self.request.user, member=self.subject, post=data["post"], reason=data["reason"])
        return _("%(member)s is placed on %(post)s and published until %(day)s.") % {
            "member": self.subject, "post": data["post"], "day": publication.ends_on,
        }, publication.get_absolute_url()


class SupplementaryRoundView(ChangeFormView):
    form_class = SupplementaryRoundForm
    title = gettext_lazy("Open a supplementary round")

    def get_subject(self, request, pk):
        return get_rw_organisation_for_user(request, pk)

    def get_initial(self):
        today = timezone.localdate()
        return {"opens_on": today, "closes_on": today + datetime.timedelta(days=7),
                "idea": _("A supplementary round for the members still without a post.")}

    def act(self, data):
        rnd = nomination_services.open_supplementary_round(
            self.request.user, organisation=self.subject, year=data["opens_on"].year, idea=data["idea"],
            opens_on=data["opens_on"], closes_on=data["closes_on"],
        )
        return _("The supplementary round is open until %(day)s.") % {"day": rnd.closes_on}, rnd.get_absolute_url()


class HandOverView(ChangeFormView):
    form_class = HandOverForm
    title = gettext_lazy("Hand the post over to a successor")

    def get_subject(self, request, pk):
        return get_rw_assignment_for_user(request, pk)

    def get_form_kwargs(self):
        successors = services.members_without_post(Member.objects.filter(scope_q(self.subject.post.organisation)))
        return {**super().get_form_kwargs(), "successors": successors.order_by("member_no")}

    def act(self, data):
        publication = services.hand_over(self.request.user, assignment=self.subject, successor=data["successor"], reason=data["reason"])
        return _("The handover is published until %(day)s.") % {"day": publication.ends_on}, publication.get_absolute_url()


class TransferView(ChangeFormView):
    form_class = TransferForm
    title = gettext_lazy("Transfer the member to another branch")

    def get_subject(self, request, pk):
        return get_rw_member_for_user(request, pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.subject}

    def act(self, data):
        movements.transfer_member(self.request.user, member=self.subject, to_branch=data["to_branch"], on=data["on"], reason=data["reason"])
        return _("%(member)s is transferred to %(branch)s.") % {"member": self.subject, "branch": data["to_branch"]}, "posts:without_post"


class DepartureView(ChangeFormView):
    form_class = DepartureForm
    title = gettext_lazy("Record that the member leaves")

    def get_subject(self, request, pk):
        return get_rw_member_for_user(request, pk)

    def act(self, data):
        movements.record_departure(self.request.user, member=self.subject, kind=data["kind"], on=data["on"], reason=data["reason"])
        return _("The departure of %(member)s is recorded; their post has ended.") % {"member": self.subject}, "posts:without_post"


class AdmissionView(ChangeFormView):
    """A member joins a branch the user manages: a new member or a transfer in (the service refuses any other level)."""

    form_class = AdmissionForm
    title = gettext_lazy("Admit a member to the branch")

    def get_subject(self, request, pk):
        return get_rw_organisation_for_user(request, pk)

    def act(self, data):
        fields = {name: data[name] for name in AdmissionForm.Meta.fields}
        movement = movements.admit_member(
            self.request.user, branch=self.subject, kind=data["kind"], on=data["on"], reason=data["reason"], **fields,
        )
        return _("%(member)s joined %(branch)s (%(how)s); they have no post yet.") % {
            "member": movement.member, "branch": self.subject, "how": movement.get_kind_display(),
        }, reverse("members:detail", args=[movement.member_id])
