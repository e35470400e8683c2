"""Public pages of the feedback (no login): send it, look it up, follow it, give an opinion."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from members.mixins import show_refusal
from members.models import Member
from members.views import rate_limited
from pioneer import ratelimits
from pioneer.errors import Refusal
from posts.feedback import forms, services
from posts.models import Assignment, Feedback, Window

FEEDBACK_RATE = ratelimits.rate("feedback")
RATING_RATE = ratelimits.rate("feedback_rating")
LOOKUP_RATE = ratelimits.rate("feedback_lookup")


@ratelimit(key="ip", rate=FEEDBACK_RATE, method="POST", block=False)
def feedback_new(request, code):
    """A citizen sends praise, a suggestion or a complaint about a window."""
    window = get_object_or_404(Window.objects.select_related("organisation"), code=code, is_active=True)
    members = Member.objects.filter(
        assignments__in=Assignment.objects.confirmed().filter(post__in=window.posts.filter(is_active=True))
    ).distinct().order_by("member_no")
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = forms.FeedbackForm(request.POST, members=members)
        if form.is_valid():
            data = form.cleaned_data
            try:
                fb = services.submit_feedback(
                    None, window=window, kind=data["kind"], text=data["text"], member=data["member"],
                    contact_name=data["contact_name"], contact_phone=data["contact_phone"], token=data["token"],
                )
            except Refusal as exc:
                show_refusal(request, exc, form=form)
            else:
                messages.success(request, _("Thank you. Keep your tracking code %(code)s to follow the answer.") % {"code": fb.tracking_code})
                return redirect(fb)
    else:
        # Only a link that says what the citizen came for (the marker's "投诉" button) chooses a kind:
        # otherwise the citizen does, so no one files a complaint while meaning to praise.
        kind = request.GET.get("kind")
        form = forms.FeedbackForm(members=members, initial={"kind": kind} if kind in Feedback.Kind.values else {})
    return render(request, "posts/feedback/feedback_new.html", {"window": window, "form": form})


@require_safe
@ratelimit(key="ip", rate=LOOKUP_RATE, method="GET", block=False)
def feedback_lookup(request):
    if getattr(request, "limited", False):
        # Codes are unguessable; the limit also keeps anyone from trying.
        return rate_limited(request)
    form = forms.TrackingLookupForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if Feedback.objects.filter(tracking_code=code).exists():
            return redirect("posts:feedback_track", code=code)
        form.add_error("code", _("No feedback has this tracking code. Check it and try again."))
    return render(request, "posts/feedback/feedback_lookup.html", {"form": form})


@ratelimit(key="ip", rate=RATING_RATE, method="POST", block=False)
def feedback_track(request, code):
    """/feedback/<code>/: the citizen follows the matter to its conclusion and gives an opinion."""
    feedback = get_object_or_404(Feedback.objects.select_related("window__organisation", "member"), tracking_code=code.upper())
    data = request.POST if request.method == "POST" else None
    if feedback.can_be_rated:
        form = forms.RatingForm(data)
    elif feedback.can_be_reopened:
        form = forms.ReopenForm(data)
    else:
        form = None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        if form is None:
            messages.error(request, _("This matter no longer takes an opinion."))
            return redirect(feedback)
        if form.is_valid():
            try:
                _give_opinion(feedback, form.cleaned_data["opinion"], form.cleaned_data["comment"])
            except Refusal as exc:
                show_refusal(request, exc)
            else:
                messages.success(request, _("Thank you for your opinion."))
            return redirect(feedback)
    return render(request, "posts/feedback/feedback_track.html", {
        "feedback": feedback, "events": feedback.events.all(), "form": form, "now": timezone.now(),
    })


def _give_opinion(feedback, opinion, comment):
    with transaction.atomic():
        if opinion != "reopen" or feedback.can_be_rated:
            services.rate_feedback(None, feedback=feedback, satisfied=opinion == "satisfied", comment=comment)
        if opinion == "reopen":
            services.reopen_feedback(None, feedback=feedback, reason=comment)
