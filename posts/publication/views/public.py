"""Public pages of step 3 (no login): the announcements, objections by the public, tracking an answer."""

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import FormView
from django_ratelimit.decorators import ratelimit

from members.mixins import show_refusal
from members.views import rate_limited
from pioneer import ratelimits
from pioneer.errors import Refusal
from posts.codes import normalise_tracking_code
from posts.models import Objection, Post, Publication
from posts.pages import PUBLIC_RATE
from posts.publication import services
from posts.publication.forms import ObjectionForm, TrackForm


@require_safe
def announcement_list(request):
    """Publications with public-facing posts: those in notice first."""
    in_notice_first = Case(When(status=Publication.Status.NOTICE, then=Value(0)), default=Value(1), output_field=IntegerField())
    publications = Publication.objects.public().select_related("round__organisation").order_by(in_notice_first, "-published_at", "-pk")
    page = Paginator(publications, 25).get_page(request.GET.get("page"))
    return render(request, "posts/publication/announcement_list.html", {"page_obj": page, "is_paginated": page.has_other_pages(), "paginator": page.paginator})


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


@require_safe
def announcement_detail(request, key):
    publication = _public_publication(key)
    assignments = _public_assignments(publication)
    form = None
    if publication.takes_objections:
        form = ObjectionForm(assignments=assignments, public=True, action=reverse("posts:announcement_object", args=[publication.code]))
    return render(request, "posts/publication/announcement_detail.html", {"publication": publication, "assignments": assignments, "form": form})


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
                None, publication=publication, text=form.cleaned_data["text"], name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"], assignment=chosen, token=form.cleaned_data["token"],
            )
        except Refusal as exc:
            show_refusal(request, exc, form=form)
        else:
            # The code reaches the person on the next page only, never in a URL.
            request.session["objection_code"] = objection.tracking_code
            return redirect("posts:objection_received")
    response = render(request, "posts/publication/announcement_detail.html", {"publication": publication, "assignments": assignments, "form": form})
    response.status_code = 400
    return response


@require_safe
def objection_received(request):
    code = request.session.get("objection_code")
    if not code:
        return redirect("posts:announcement_list")
    return render(request, "posts/publication/objection_received.html", {"code": code})


@method_decorator(ratelimit(key="ip", rate=ratelimits.rate("objection_lookup"), method="POST", block=False), name="post")
class TrackObjectionView(FormView):
    """Look up an objection by its tracking code, then go to its own page, which the objector can bookmark."""

    form_class = TrackForm
    template_name = "posts/publication/objection_track.html"

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        code = form.cleaned_data["code"]
        if not Objection.objects.filter(tracking_code=code).exists():
            form.add_error("code", _("No objection has this tracking code."))
            return self.form_invalid(form)
        return redirect("posts:objection_track_code", code=code)


@require_safe
@ratelimit(key="ip", rate=ratelimits.rate("objection_lookup"), method=["GET", "HEAD"], block=False)
def objection_track_code(request, code):
    """/announcements/track/<code>/: the objection and its answer; never the objector's name or contact.

    Only GET and HEAD, both counted by the lookup limit: a POST answered like a GET would try codes unlimited.
    """
    if getattr(request, "limited", False):
        # Codes are unguessable; the limit also keeps anyone from trying.
        return rate_limited(request)
    objection = get_object_or_404(Objection.objects.select_related("publication"), tracking_code=normalise_tracking_code(code))
    return render(request, "posts/publication/objection_track.html", {"objection": objection, "form": TrackForm()})
