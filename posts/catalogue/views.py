"""Pages of the post catalogue: the posts an organisation offers, and who holds them."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView

from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, get_changeable_or_403, get_visible_or_404, show_refusal
from pioneer.errors import Refusal
from posts.catalogue import services
from posts.catalogue.forms import PostForm, managed_post_organisations
from posts.catalogue.models import MAX_POSTS_PER_ORGANISATION
from posts.models import Assignment, Post
from posts.nominations.selectors import visible_rounds_open_for
from posts.pages import button, history


def may_change_post(acc, post) -> bool:
    return acc.manages(post.organisation)


def get_post_for_user(request, pk):
    """The post, if the user may see it (404 otherwise), with its holder count."""
    return get_visible_or_404(Post.objects.with_holder_count().select_related("organisation"), request.user, pk=pk)


def get_rw_post_for_user(request, pk):
    """The post, if the user manages its organisation (403 when only visible)."""
    return get_changeable_or_403(Post.objects.select_related("organisation"), request.user, may_change_post, pk=pk)


def may_change_assignment(acc, assignment) -> bool:
    return acc.manages(assignment.post.organisation)


ASSIGNMENT_RELATED = ("member__branch", "post__organisation", "round", "replaces__post", "predecessor__member")


def get_assignment_for_user(request, pk):
    return get_visible_or_404(Assignment.objects.select_related(*ASSIGNMENT_RELATED), request.user, pk=pk)


def get_rw_assignment_for_user(request, pk):
    return get_changeable_or_403(Assignment.objects.select_related(*ASSIGNMENT_RELATED), request.user, may_change_assignment, pk=pk)


class PostListView(RoleRequiredMixin, ListView):
    template_name = "posts/catalogue/post_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Post.objects.visible_to(self.request.user).select_related("organisation").order_by("organisation__code", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Holders counted for the page's posts only: annotating the whole list grouped every post in scope before the LIMIT.
        posts = list(ctx["object_list"])
        counts = dict(
            Assignment.objects.filter(post__in=posts, status__in=Assignment.LIVE).values("post").annotate(n=Count("pk")).values_list("post", "n")
        )
        for post in posts:
            post.holder_count = counts.get(post.pk, 0)
        ctx["object_list"] = ctx["post_list"] = posts
        return ctx


class PostDetailView(RoleRequiredMixin, DetailView):
    template_name = "posts/catalogue/post_detail.html"
    context_object_name = "post"

    def get_object(self, queryset=None):
        return get_post_for_user(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["holders"] = self.object.assignments.live().select_related("member").order_by("member__member_no")
        ctx["can_edit"] = may_change_post(self.acc, self.object)
        ctx["history"] = history(self.object) if ctx["can_edit"] else []
        return ctx


class PostFormMixin(ManagerRequiredMixin):
    form_class = PostForm
    template_name = "form_page.html"

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            self.object = self.save(form, fields)
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Post %(title)s saved.") % {"title": self.object.title})
        return redirect("posts:post_detail", pk=self.object.pk)


class PostCreateView(PostFormMixin, FormView):
    extra_context = {"title": gettext_lazy("New pioneer post")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": managed_post_organisations(self.request.user)}

    def save(self, form, fields):
        return services.create_post(self.request.user, organisation=form.cleaned_data["organisation"], **fields)


class PostUpdateView(PostFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.post_obj = get_rw_post_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.post_obj}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(title)s") % {"title": self.post_obj.title}, **kwargs)

    def save(self, form, fields):
        return services.update_post(self.request.user, post=self.post_obj, **fields)


class OfferPostView(RoleRequiredMixin, TemplateView):
    """Stop offering a post, or offer it again (the 1–10 rule is the service's).

    A GET is the confirmation page, saying what will happen; it changes nothing. The POST acts.
    """

    template_name = "confirm.html"

    def get_context_data(self, **kwargs):
        post = get_rw_post_for_user(self.request, self.kwargs["pk"])
        names = {"post": post.title, "organisation": post.organisation.name}
        ctx = {"cancel_url": reverse("posts:post_detail", args=[post.pk]), "confirm_class": "btn-party"}
        if post.is_active:
            ctx.update(
                title=_("Stop offering %(post)s") % names, confirm_label=_("Stop offering"), confirm_class="btn-danger",
                question=_("%(organisation)s will no longer offer the post %(post)s: members cannot declare it in a "
                           "nomination round, and it leaves the window pages and the next handbook.") % names,
                details=[_("It can be offered again later (an organisation offers at most %(max)s posts).") % {"max": MAX_POSTS_PER_ORGANISATION}],
            )
            ctx["blocked"] = services.withdrawal_blocked(post)
        else:
            ctx.update(
                title=_("Offer %(post)s again") % names, confirm_label=_("Offer again"),
                question=_("%(organisation)s will offer the post %(post)s again: members can declare it in nomination rounds.") % names,
            )
        return super().get_context_data(**ctx, **kwargs)

    def post(self, request, pk):
        post = get_rw_post_for_user(request, pk)
        offer = not post.is_active
        button(request, lambda: services.set_post_offered(request.user, post=post, offered=offer),
               _("The post is offered again.") if offer else _("The post is no longer offered."))
        return redirect("posts:post_detail", pk=pk)


STAGES = [gettext_lazy("Declared a post"), gettext_lazy("Set on a post"), gettext_lazy("Published for objections"), gettext_lazy("Confirmed on the post")]
STAGE_OF_ASSIGNMENT = {Assignment.Status.APPROVED: 2, Assignment.Status.PUBLISHED: 3, Assignment.Status.CONFIRMED: 4}


def _stages(member, assignment):
    """The four steps to a post, each done, current or to come; as (label, state) for the progress list."""
    if assignment is not None:
        reached = STAGE_OF_ASSIGNMENT.get(assignment.status, 0)
    else:
        reached = 1 if member.nominations.live().exists() else 0
    return [(label, "done" if i < reached else "current" if i == reached else "todo") for i, label in enumerate(STAGES, 1)]


class MyPostView(RoleRequiredMixin, TemplateView):
    template_name = "posts/catalogue/my_post.html"

    def allowed(self, acc):
        return acc.member is not None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        member = self.acc.member
        assignment = member.assignments.live().select_related("post__organisation", "round").first()
        ctx.update(
            member=member, assignment=assignment, stages=_stages(member, assignment),
            history=history(assignment) if assignment else [],
            nominations=member.nominations.select_related("round__organisation", "post").order_by("-created_at")[:10],
            past=member.assignments.filter(status=Assignment.Status.ENDED).select_related("post").order_by("-ended_at")[:10],
            open_rounds=visible_rounds_open_for(self.request.user).select_related("organisation"),
        )
        return ctx


class AssignmentDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/catalogue/assignment_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        assignment = get_assignment_for_user(self.request, kwargs["pk"])
        ctx.update(
            assignment=assignment, history=history(assignment),
            can_revise=may_change_assignment(self.acc, assignment)
            and assignment.status in (Assignment.Status.PUBLISHED, Assignment.Status.CONFIRMED),
        )
        return ctx
