"""Pages of step 2: the secretary's review board, the decisions on each declaration, revisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from members.mixins import RoleRequiredMixin, show_refusal
from pioneer.errors import Refusal
from posts.catalogue.views import get_rw_assignment_for_user
from posts.models import Assignment, Nomination, Post
from posts.nominations.views import NominationActionView, get_rw_round_for_user
from posts.review import services
from posts.review.forms import PlaceForm, ReasonForm
from posts.review.suggestions import suggest_posts


class ReviewBoardView(RoleRequiredMixin, TemplateView):
    """The secretary's board: nominations beside each member's profile, the post's requirements and suggestions."""

    template_name = "posts/review/review_board.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = get_rw_round_for_user(self.request, kwargs["pk"])
        posts = list(rnd.posts().with_holder_count().order_by("pk"))
        # Those awaiting review first.
        pending_first = Case(When(status=Nomination.Status.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField())
        nominations = rnd.nominations.select_related("member__branch", "post", "assignment__post").order_by(
            pending_first, "created_at", "pk",
        )
        status = self.request.GET.get("status")
        if status in Nomination.Status.values:
            nominations = nominations.filter(status=status)
        page = Paginator(nominations, self.paginate_by).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        rows = [
            (n, suggest_posts(n.member, posts, today=today) if n.is_pending else [])
            for n in page.object_list
        ]
        ctx.update(
            round=rnd, posts=posts, rows=rows, page_obj=page, is_paginated=page.has_other_pages(), paginator=page.paginator,
            querystring=f"status={status}" if status else "", status=status, statuses=Nomination.Status.choices,
            without_post=rnd.members_without_post().count(),
            to_publish=Assignment.objects.filter(round=rnd).approved().count(),
        )
        return ctx


class MembersWithoutPostView(RoleRequiredMixin, TemplateView):
    """Every member of the round's organisation who holds no post yet, with the best-fitting free posts."""

    template_name = "posts/review/members_without_post.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = get_rw_round_for_user(self.request, kwargs["pk"])
        posts = list(rnd.posts().with_holder_count().order_by("pk"))
        members = rnd.members_without_post().select_related("branch").prefetch_related(
            Prefetch("nominations", queryset=Nomination.objects.filter(round=rnd).live(), to_attr="round_nominations")
        ).order_by("branch__code", "member_no")
        page = Paginator(members, 25).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        ctx.update(
            round=rnd, page_obj=page, is_paginated=page.has_other_pages(), paginator=page.paginator,
            rows=[(m, suggest_posts(m, posts, today=today)) for m in page.object_list],
        )
        return ctx


class ApproveView(NominationActionView):
    form_class = ReasonForm
    title = gettext_lazy("Approve the nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Approve"), "required": False}

    def get_context_data(self, **kwargs):
        # The page is the confirmation: it says what approving does before the one POST that does it.
        post = self.nomination.post
        consequence = _(
            "%(member)s will be set on the post %(post)s and told so; %(left)s of its %(capacity)s places are free now. "
            "The assignment then waits until the round's assignments are published for objections."
        ) % {"member": self.nomination.member.name, "post": post.title, "left": post.places_left, "capacity": post.capacity}
        return super().get_context_data(consequence=consequence, **kwargs)

    def act(self, data):
        services.approve_nomination(self.request.user, nomination=self.nomination, reason=data["reason"])
        return _("%(member)s is set on %(post)s.") % {"member": self.nomination.member, "post": self.nomination.post}


class RejectView(NominationActionView):
    form_class = ReasonForm
    title = gettext_lazy("Reject the nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Reject")}

    def act(self, data):
        services.reject_nomination(self.request.user, nomination=self.nomination, reason=data["reason"])
        return _("The nomination of %(member)s was rejected.") % {"member": self.nomination.member}


class PlaceView(NominationActionView):
    form_class = PlaceForm
    title = gettext_lazy("Place the member on another post")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round_posts().exclude(pk=self.nomination.post_id)}

    def get_context_data(self, **kwargs):
        posts = list(self.round_posts())
        return super().get_context_data(suggestions=suggest_posts(self.nomination.member, posts), **kwargs)

    def act(self, data):
        services.place_nomination(self.request.user, nomination=self.nomination, post=data["post"], reason=data["reason"])
        return _("%(member)s is placed on %(post)s.") % {"member": self.nomination.member, "post": data["post"]}


class ReviseAssignmentView(RoleRequiredMixin, FormView):
    form_class = PlaceForm
    template_name = "posts/review/assignment_revise.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.assignment = get_rw_assignment_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        posts = Post.objects.offered_by(self.assignment.post.organisation).active().with_holder_count().exclude(pk=self.assignment.post_id)
        return {**super().get_form_kwargs(), "posts": posts}

    def get_context_data(self, **kwargs):
        return super().get_context_data(assignment=self.assignment, **kwargs)

    def form_valid(self, form):
        try:
            publication = services.revise_assignment(
                self.request.user, assignment=self.assignment, post=form.cleaned_data["post"], reason=form.cleaned_data["reason"],
            )
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("The revision is published until %(day)s.") % {"day": publication.ends_on})
        return redirect("posts:publication_detail", pk=publication.pk)
