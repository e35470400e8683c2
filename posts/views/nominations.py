"""Views of steps 1–3: thin, one per job. Access comes from `visible_to(user)` and `members.access`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from members import audit
from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, get_visible_or_404
from members.views import rate_limited
from pioneer import ratelimits
from posts.forms_nominations import (
    AnswerForm,
    NominationForm,
    ObjectionForm,
    PlaceForm,
    PostForm,
    ReasonForm,
    RoundForm,
    TrackForm,
    managed_post_organisations,
)
from posts.models import Assignment, Nomination, Objection, Post, Publication, Round
from posts.services import catalogue as catalogue_services
from posts.services import nominations as services
from posts.services.catalogue import DomainError

PUBLIC_RATE = ratelimits.rate("objection")


def _history(obj):
    return list(audit.entries_for(obj))


def _button(request, action, success_message):
    """A one-click service call: its success, or the rule that refused it, becomes the message shown next."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success_message)


class ScopedObjectMixin(RoleRequiredMixin):
    """Load the view's object through its `visible_to` scope (404 outside it) before `allowed(acc)` decides (403)."""

    def load(self, request, **kwargs):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)


# --- posts ----------------------------------------------------------------------------------------------------------


class PostListView(RoleRequiredMixin, ListView):
    template_name = "posts/post_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Post.objects.visible_to(self.request.user).with_holder_count().select_related("organisation").order_by("organisation__code", "pk")


class PostDetailView(RoleRequiredMixin, DetailView):
    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def get_object(self, queryset=None):
        return get_visible_or_404(Post.objects.with_holder_count().select_related("organisation"), self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["holders"] = self.object.assignments.live().select_related("member").order_by("member__member_no")
        ctx["can_edit"] = self.acc.manages(self.object.organisation)
        ctx["history"] = _history(self.object) if ctx["can_edit"] else []
        return ctx


class PostFormMixin(ManagerRequiredMixin):
    form_class = PostForm
    template_name = "form_page.html"

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in catalogue_services.EDITABLE_FIELDS}
        try:
            self.object = self.save(form, fields)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Post %(title)s saved.") % {"title": self.object.title})
        return redirect("posts:post_detail", pk=self.object.pk)


class PostCreateView(PostFormMixin, FormView):
    extra_context = {"title": gettext_lazy("New pioneer post")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": managed_post_organisations(self.request.user)}

    def save(self, form, fields):
        return catalogue_services.create_post(self.request.user, form.cleaned_data["organisation"], **fields)


class PostUpdateView(ScopedObjectMixin, PostFormMixin, FormView):
    def load(self, request, **kwargs):
        self.post_obj = get_visible_or_404(Post.objects.select_related("organisation"), request.user, pk=kwargs["pk"])

    def allowed(self, acc):
        return acc.manages(self.post_obj.organisation)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.post_obj}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(title)s") % {"title": self.post_obj.title}, **kwargs)

    def save(self, form, fields):
        return catalogue_services.update_post(self.request.user, self.post_obj, **fields)


class OfferPostView(ScopedObjectMixin, View):
    """Stop offering a post, or offer it again (the 1–10 rule is the service's)."""

    def load(self, request, **kwargs):
        self.post_obj = get_visible_or_404(Post.objects.select_related("organisation"), request.user, pk=kwargs["pk"])

    def allowed(self, acc):
        return acc.manages(self.post_obj.organisation)

    def post(self, request, pk):
        offer = not self.post_obj.is_active
        _button(request, lambda: catalogue_services.set_post_offered(request.user, self.post_obj, offer),
                _("The post is offered again.") if offer else _("The post is no longer offered."))
        return redirect("posts:post_detail", pk=pk)


# --- rounds ---------------------------------------------------------------------------------------------------------


class RoundListView(RoleRequiredMixin, ListView):
    template_name = "posts/round_list.html"
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
                self.request.user, data["organisation"], year=data["year"], idea=data["idea"],
                opens_on=data["opens_on"], closes_on=data["closes_on"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The round is open: members can now declare their posts."))
        return redirect("posts:round_detail", pk=rnd.pk)


def _visible_round(request, pk):
    return get_visible_or_404(Round.objects.select_related("organisation"), request.user, pk=pk)


class RoundDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/round_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = _visible_round(self.request, kwargs["pk"])
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
            round=rnd, posts=posts, can_manage=acc.manages(rnd.organisation),
            publications=rnd.publications.order_by("-published_at"),
        )
        if ctx["can_manage"]:
            ctx["history"] = _history(rnd)
        return ctx


class NominateView(ScopedObjectMixin, FormView):
    form_class = NominationForm
    template_name = "form_page.html"

    def load(self, request, **kwargs):
        self.round = _visible_round(request, kwargs["pk"])

    def allowed(self, acc):
        return acc.member is not None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round.posts().with_holder_count().order_by("pk")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Declare a post: %(round)s") % {"round": self.round}, **kwargs)

    def form_valid(self, form):
        try:
            nomination = services.submit_nomination(self.request.user, self.round, form.cleaned_data["post"], form.cleaned_data["statement"])
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("You declared the post %(post)s. The organisation will review it.") % {"post": nomination.post})
        return redirect("posts:nomination_detail", pk=nomination.pk)


class CloseRoundView(RoleRequiredMixin, View):
    def post(self, request, pk):
        rnd = _visible_round(request, pk)
        if not self.acc.manages(rnd.organisation):
            raise PermissionDenied
        _button(request, lambda: services.close_round(request.user, rnd), _("The round is closed for nomination."))
        return redirect("posts:round_detail", pk=rnd.pk)


class ReviewBoardView(RoleRequiredMixin, TemplateView):
    """The secretary's board: nominations beside each member's profile, the post's requirements and suggestions."""

    template_name = "posts/review_board.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = _visible_round(self.request, kwargs["pk"])
        if not self.acc.manages(rnd.organisation):
            raise PermissionDenied
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
            (n, services.suggest_posts(n.member, posts, today=today) if n.is_pending else [])
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

    template_name = "posts/members_without_post.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rnd = _visible_round(self.request, kwargs["pk"])
        if not self.acc.manages(rnd.organisation):
            raise PermissionDenied
        posts = list(rnd.posts().with_holder_count().order_by("pk"))
        members = rnd.members_without_post().select_related("branch").prefetch_related(
            Prefetch("nominations", queryset=Nomination.objects.filter(round=rnd).live(), to_attr="round_nominations")
        ).order_by("branch__code", "member_no")
        page = Paginator(members, 25).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        ctx.update(
            round=rnd, page_obj=page, is_paginated=page.has_other_pages(), paginator=page.paginator,
            rows=[(m, services.suggest_posts(m, posts, today=today)) for m in page.object_list],
        )
        return ctx


class PublishRoundView(ScopedObjectMixin, TemplateView):
    template_name = "posts/publish_confirm.html"

    def load(self, request, **kwargs):
        self.round = _visible_round(request, kwargs["pk"])

    def allowed(self, acc):
        return acc.manages(self.round.organisation)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["round"] = self.round
        ctx["assignments"] = Assignment.objects.filter(round=self.round).approved().select_related("member", "post").order_by("post_id")
        return ctx

    def post(self, request, pk):
        try:
            publication = services.publish_round(request.user, self.round)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("posts:review_board", pk=self.round.pk)
        messages.success(request, _("Published. Objections are open until %(day)s.") % {"day": publication.ends_on})
        return redirect("posts:publication_detail", pk=publication.pk)


# --- nominations ----------------------------------------------------------------------------------------------------


def _visible_nomination(request, pk):
    return get_visible_or_404(
        Nomination.objects.select_related("round__organisation", "member__branch", "post", "assignment__post"), request.user, pk=pk,
    )


class NominationDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/nomination_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nomination = _visible_nomination(self.request, kwargs["pk"])
        acc = self.acc
        ctx.update(
            nomination=nomination, history=_history(nomination),
            is_own=acc.member is not None and acc.member.pk == nomination.member_id,
            can_review=acc.manages(nomination.round.organisation) and nomination.is_pending,
        )
        return ctx


class NominationActionView(ScopedObjectMixin, FormView):
    """GET shows the form, POST calls the service; a refusal becomes a message on the form."""

    template_name = "posts/nomination_action.html"
    owner_only = False

    def load(self, request, **kwargs):
        self.nomination = _visible_nomination(request, kwargs["pk"])

    def allowed(self, acc):
        if self.owner_only:
            return acc.member is not None and acc.member.pk == self.nomination.member_id
        return acc.manages(self.nomination.round.organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            message = self.act(form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.success_url_for())

    def success_url_for(self):
        if self.owner_only:
            return reverse("posts:nomination_detail", args=[self.nomination.pk])
        return reverse("posts:review_board", args=[self.nomination.round_id])

    def round_posts(self):
        return self.nomination.round.posts().with_holder_count().order_by("pk")


class ApproveView(NominationActionView):
    form_class = ReasonForm
    title = gettext_lazy("Approve the nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Approve"), "required": False}

    def act(self, data):
        services.approve_nomination(self.request.user, self.nomination, reason=data["reason"])
        return _("%(member)s is set on %(post)s.") % {"member": self.nomination.member, "post": self.nomination.post}


class RejectView(NominationActionView):
    form_class = ReasonForm
    title = gettext_lazy("Reject the nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Reject")}

    def act(self, data):
        services.reject_nomination(self.request.user, self.nomination, data["reason"])
        return _("The nomination of %(member)s was rejected.") % {"member": self.nomination.member}


class PlaceView(NominationActionView):
    form_class = PlaceForm
    title = gettext_lazy("Place the member on another post")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round_posts().exclude(pk=self.nomination.post_id)}

    def get_context_data(self, **kwargs):
        posts = list(self.round_posts())
        return super().get_context_data(suggestions=services.suggest_posts(self.nomination.member, posts), **kwargs)

    def act(self, data):
        services.place_nomination(self.request.user, self.nomination, data["post"], data["reason"])
        return _("%(member)s is placed on %(post)s.") % {"member": self.nomination.member, "post": data["post"]}


class ChangeNominationView(NominationActionView):
    form_class = NominationForm
    owner_only = True
    title = gettext_lazy("Change my nomination")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "posts": self.round_posts()}

    def get_initial(self):
        return {"post": self.nomination.post_id, "statement": self.nomination.statement}

    def act(self, data):
        services.change_nomination(self.request.user, self.nomination, data["post"], data["statement"])
        return _("Your nomination now declares %(post)s.") % {"post": data["post"]}


class WithdrawNominationView(RoleRequiredMixin, View):
    def post(self, request, pk):
        nomination = _visible_nomination(request, pk)
        acc = self.acc
        if acc.member is None or acc.member.pk != nomination.member_id:
            raise PermissionDenied
        _button(request, lambda: services.withdraw_nomination(request.user, nomination),
                _("Your nomination was withdrawn. You can declare another post while the round is open."))
        return redirect("posts:round_detail", pk=nomination.round_id)


# --- my post and assignments ----------------------------------------------------------------------------------------


class MyPostView(RoleRequiredMixin, TemplateView):
    template_name = "posts/my_post.html"

    def allowed(self, acc):
        return acc.member is not None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        member = self.acc.member
        assignment = member.assignments.live().select_related("post__organisation", "round").first()
        ctx.update(
            member=member, assignment=assignment,
            history=_history(assignment) if assignment else [],
            nominations=member.nominations.select_related("round__organisation", "post").order_by("-created_at")[:10],
            past=member.assignments.filter(status=Assignment.Status.ENDED).select_related("post").order_by("-ended_at")[:10],
            open_rounds=services.visible_rounds_open_for(self.request.user).select_related("organisation"),
        )
        return ctx


def _visible_assignment(request, pk):
    return get_visible_or_404(Assignment.objects.select_related("member__branch", "post__organisation", "round", "replaces__post"), request.user, pk=pk)


class AssignmentDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/assignment_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        assignment = _visible_assignment(self.request, kwargs["pk"])
        ctx.update(
            assignment=assignment, history=_history(assignment),
            can_revise=self.acc.manages(assignment.post.organisation)
            and assignment.status in (Assignment.Status.PUBLISHED, Assignment.Status.CONFIRMED),
        )
        return ctx


class ReviseAssignmentView(ScopedObjectMixin, FormView):
    form_class = PlaceForm
    template_name = "posts/assignment_revise.html"

    def load(self, request, **kwargs):
        self.assignment = _visible_assignment(request, kwargs["pk"])

    def allowed(self, acc):
        return acc.manages(self.assignment.post.organisation)

    def get_form_kwargs(self):
        posts = Post.objects.offered_by(self.assignment.post.organisation).active().with_holder_count().exclude(pk=self.assignment.post_id)
        return {**super().get_form_kwargs(), "posts": posts}

    def get_context_data(self, **kwargs):
        return super().get_context_data(assignment=self.assignment, **kwargs)

    def form_valid(self, form):
        try:
            publication = services.revise_assignment(self.request.user, self.assignment, form.cleaned_data["post"], form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The revision is published until %(day)s.") % {"day": publication.ends_on})
        return redirect("posts:publication_detail", pk=publication.pk)


# --- publication (members and secretaries) ---------------------------------------------------------------------------


def _confirm_if_due(publication):
    # Lazily confirm a publication whose notice period is over, through the same service as the nightly command.
    if publication.is_due_on(timezone.localdate()):
        services.confirm_publication(publication)


class PublicationDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/publication_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        publication = get_visible_or_404(Publication.objects.select_related("round__organisation"), self.request.user, pk=kwargs["pk"])
        _confirm_if_due(publication)
        acc = self.acc
        can_manage = acc.manages(publication.round.organisation)
        assignments = list(publication.assignments.select_related("member__branch", "post").order_by("post_id", "member__member_no"))
        objections = publication.objections.select_related("assignment__member", "assignment__post", "raised_by")
        if not can_manage:
            objections = objections.filter(raised_by=self.request.user)
        ctx.update(
            publication=publication, assignments=assignments, objections=list(objections), can_manage=can_manage,
            history=_history(publication) if can_manage else [],
        )
        if publication.in_notice and acc.member is not None:
            ctx["form"] = ObjectionForm(assignments=assignments, action=reverse("posts:publication_object", args=[publication.pk]))
        return ctx


class MemberObjectionView(RoleRequiredMixin, View):
    def post(self, request, pk):
        publication = get_visible_or_404(Publication.objects.select_related("round__organisation"), request.user, pk=pk)
        if self.acc.member is None:
            raise PermissionDenied
        assignments = list(publication.assignments.select_related("member", "post"))
        form = ObjectionForm(request.POST, assignments=assignments)
        if form.is_valid():
            chosen = {a.pk: a for a in assignments}.get(form.cleaned_data["assignment"])
            try:
                services.raise_objection(publication, form.cleaned_data["text"], user=request.user, assignment=chosen)
                messages.success(request, _("Your objection was sent. The secretary's answer will appear here and in your notifications."))
            except DomainError as exc:
                messages.error(request, exc.message)
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("posts:publication_detail", pk=publication.pk)


class AnswerObjectionView(ScopedObjectMixin, FormView):
    form_class = AnswerForm
    template_name = "posts/objection_answer.html"

    def load(self, request, **kwargs):
        self.objection = get_visible_or_404(
            Objection.objects.select_related("publication__round__organisation", "assignment__member", "assignment__post"),
            request.user, pk=kwargs["pk"],
        )

    def allowed(self, acc):
        return acc.manages(self.objection.publication.round.organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(objection=self.objection, history=_history(self.objection), **kwargs)

    def form_valid(self, form):
        try:
            services.answer_objection(self.request.user, self.objection, form.cleaned_data["answer"])
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer was sent."))
        return redirect("posts:publication_detail", pk=self.objection.publication_id)


# --- the public side ------------------------------------------------------------------------------------------------


def announcement_list(request):
    """Publications with public-facing posts: those in notice first."""
    in_notice_first = Case(When(status=Publication.Status.NOTICE, then=Value(0)), default=Value(1), output_field=IntegerField())
    publications = Publication.objects.public().select_related("round__organisation").order_by(in_notice_first, "-published_at", "-pk")
    page = Paginator(publications, 25).get_page(request.GET.get("page"))
    return render(request, "posts/announcement_list.html", {"page_obj": page, "is_paginated": page.has_other_pages(), "paginator": page.paginator})


def _public_publication(key):
    lookup = {"pk": int(key)} if key.isdigit() else {"code": key.upper()}
    publication = Publication.objects.public().select_related("round__organisation").filter(**lookup).first()
    if publication is None:
        raise Http404
    return publication


def _public_assignments(publication):
    return list(
        publication.assignments.filter(post__kind=Post.Kind.PUBLIC).select_related("member", "post").order_by("post_id", "member__member_no")
    )


def announcement_detail(request, key):
    publication = _public_publication(key)
    _confirm_if_due(publication)
    assignments = _public_assignments(publication)
    form = None
    if publication.in_notice:
        form = ObjectionForm(assignments=assignments, public=True, action=reverse("posts:announcement_object", args=[publication.code]))
    return render(request, "posts/announcement_detail.html", {"publication": publication, "assignments": assignments, "form": form})


@ratelimit(key="ip", rate=PUBLIC_RATE, method="POST", block=False)
def announcement_object(request, key):
    publication = _public_publication(key)
    if request.method != "POST":
        return redirect("posts:announcement_detail", key=publication.code)
    if getattr(request, "limited", False):
        return rate_limited(request)
    assignments = _public_assignments(publication)
    form = ObjectionForm(request.POST, assignments=assignments, public=True, action=reverse("posts:announcement_object", args=[publication.code]))
    if form.is_valid():
        chosen = {a.pk: a for a in assignments}.get(form.cleaned_data["assignment"])
        try:
            objection = services.raise_objection(
                publication, form.cleaned_data["text"], name=form.cleaned_data["name"], contact=form.cleaned_data["contact"], assignment=chosen,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # The code reaches the person on the next page only, never in a URL.
            request.session["objection_code"] = objection.tracking_code
            return redirect("posts:objection_received")
    response = render(request, "posts/announcement_detail.html", {"publication": publication, "assignments": assignments, "form": form})
    response.status_code = 400
    return response


def objection_received(request):
    code = request.session.get("objection_code")
    if not code:
        return redirect("posts:announcement_list")
    return render(request, "posts/objection_received.html", {"code": code})


@method_decorator(ratelimit(key="ip", rate=ratelimits.rate("objection_lookup"), method="POST", block=False), name="post")
class TrackObjectionView(FormView):
    """Look up the answer to an objection by its tracking code (POST, so the code stays out of URLs and logs)."""

    form_class = TrackForm
    template_name = "posts/objection_track.html"

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        objection = Objection.objects.select_related("publication").filter(tracking_code=form.cleaned_data["code"]).first()
        if objection is None:
            form.add_error("code", _("No objection has this tracking code."))
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, objection=objection))

