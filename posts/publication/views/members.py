"""Pages of step 3 behind the login: publishing, the publication with its objections, answers.

Viewing a publication never confirms it: the daily `confirm_publications` command does, once its notice is over.
"""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from members.mixins import RoleRequiredMixin, get_changeable_or_403, get_visible_or_404, show_refusal
from pioneer.errors import Refusal
from posts.models import Assignment, Objection, Publication
from posts.nominations.views import get_rw_round_for_user
from posts.pages import StaffMixin, history
from posts.publication import services
from posts.publication.forms import AnswerForm, ObjectionForm


def may_change_publication(acc, publication) -> bool:
    return acc.manages(publication.round.organisation)


def may_object(acc, publication) -> bool:
    # The public objects on the announcement pages; behind the login, only members raise objections.
    return acc.member is not None


def get_publication_for_user(request, pk):
    return get_visible_or_404(Publication.objects.select_related("round__organisation"), request.user, pk=pk)


def get_publication_to_object_for_user(request, pk):
    """The publication, if the user is a member who may object to it (403 for someone who is no member)."""
    return get_changeable_or_403(Publication.objects.select_related("round__organisation"), request.user, may_object, pk=pk)


def may_answer_objection(acc, objection) -> bool:
    return acc.manages(objection.publication.round.organisation)


def _objections():
    return Objection.objects.select_related("publication__round__organisation", "assignment__member", "assignment__post")


def get_rw_objection_for_user(request, pk):
    """The objection, if the user answers it: a secretary of the publication's organisation (403 when only visible)."""
    return get_changeable_or_403(_objections(), request.user, may_answer_objection, pk=pk)


class PublishRoundView(RoleRequiredMixin, TemplateView):
    template_name = "posts/publication/publish_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_rw_round_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["round"] = self.round
        ctx["assignments"] = Assignment.objects.filter(round=self.round).approved().select_related("member", "post").order_by("post_id")
        return ctx

    def post(self, request, pk):
        try:
            publication = services.publish_round(request.user, round=self.round)
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect("posts:review_board", pk=self.round.pk)
        messages.success(request, _("Published. Objections are open until %(day)s.") % {"day": publication.ends_on})
        return redirect("posts:publication_detail", pk=publication.pk)


class PublicationDetailView(RoleRequiredMixin, TemplateView):
    template_name = "posts/publication/publication_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        publication = get_publication_for_user(self.request, kwargs["pk"])
        acc = self.acc
        can_manage = may_change_publication(acc, publication)
        assignments = list(publication.assignments.select_related("member__branch", "post").order_by("post_id", "member__member_no"))
        objections = publication.objections.select_related("assignment__member", "assignment__post", "raised_by")
        if not can_manage:
            objections = objections.filter(raised_by=self.request.user)
        ctx.update(
            publication=publication, assignments=assignments, objections=list(objections), can_manage=can_manage,
            history=history(publication) if can_manage else [],
        )
        if publication.takes_objections and may_object(acc, publication):
            ctx["form"] = ObjectionForm(assignments=assignments, action=reverse("posts:publication_object", args=[publication.pk]))
        return ctx


class MemberObjectionView(RoleRequiredMixin, View):
    def post(self, request, pk):
        publication = get_publication_to_object_for_user(request, pk)
        assignments = list(publication.assignments.select_related("member", "post"))
        form = ObjectionForm(request.POST, assignments=assignments)
        if form.is_valid():
            chosen = {a.pk: a for a in assignments}.get(form.cleaned_data["assignment"])
            try:
                services.raise_objection(request.user, publication=publication, text=form.cleaned_data["text"], assignment=chosen,
                                         token=form.cleaned_data["token"])
                messages.success(request, _("Your objection was sent. The secretary's answer will appear here and in your notifications."))
            except Refusal as exc:
                show_refusal(request, exc)
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("posts:publication_detail", pk=publication.pk)


class AnswerObjectionView(RoleRequiredMixin, FormView):
    form_class = AnswerForm
    template_name = "posts/publication/objection_answer.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.objection = get_rw_objection_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.objection.assignment_id is None:
            # An objection to the whole publication names, when upheld, whose assignment goes back to review.
            self.assignments = list(self.objection.publication.assignments.filter(status=Assignment.Status.PUBLISHED).select_related("member", "post"))
            kwargs["assignments"] = self.assignments
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(objection=self.objection, history=history(self.objection), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        chosen = {a.pk: a for a in getattr(self, "assignments", [])}.get(data.get("assignment"))
        try:
            services.answer_objection(
                self.request.user, objection=self.objection, answer=data["answer"], upheld=data["upheld"], assignment=chosen,
            )
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer was sent."))
        return redirect("posts:publication_detail", pk=self.objection.publication_id)


class ObjectionListView(StaffMixin, ListView):
    """The objections to what the user manages, open first; searched by full tracking code, name or phone."""

    template_name = "posts/publication/objection_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.q = self.request.GET.get("q", "").strip()[:50]
        open_first = Case(When(status=Objection.Status.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
        qs = Objection.objects.visible_to(self.request.user).select_related("publication").order_by(open_first, "-created_at", "-pk")
        return qs.search(self.q) if self.q else qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.q, **kwargs)
