"""Step 4: the public's window pages, handbook, plaque register and feedback; the staff's windows, inbox and plaques."""

import io
import json

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView
from django_ratelimit.decorators import ratelimit

from members.mixins import RoleRequiredMixin, get_visible_or_404
from members.models import Member, Organisation
from members.views import rate_limited
from pioneer import ratelimits
from posts import forms_windows as forms
from posts.models import Assignment, Feedback, HandbookEdition, PlaqueApplication, PlaqueRecord, Post, Window
from posts.selectors import complaint_summary, current_plaques, members_on_duty
from posts.services import feedback as feedback_services
from posts.services import plaques as plaque_services
from posts.services.windows import (
    DomainError,
    compile_handbook,
    publish_handbook,
    save_marker_photo,
    save_window,
    unit_choices_for,
)

FEEDBACK_RATE = ratelimits.rate("feedback")
RATING_RATE = ratelimits.rate("feedback_rating")
LOOKUP_RATE = ratelimits.rate("feedback_lookup")


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no style attributes, so it passes the strict CSP)."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr", lineclass="qr-line"))  # noqa: S308


def _querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# ---------------------------------------------------------------- public pages


class WindowDirectoryView(ListView):
    """/windows/: every open window, searchable by name, unit and service item."""

    template_name = "windows/window_directory.html"
    paginate_by = 30

    def get_queryset(self):
        qs = Window.objects.active().select_related("organisation").order_by("organisation__code", "code")
        self.q = (self.request.GET.get("q") or "").strip()[:50]
        self.unit = (self.request.GET.get("unit") or "").strip()[:32]
        if self.q:
            items = Post.objects.filter(windows=OuterRef("pk")).filter(
                Q(service_items__icontains=self.q) | Q(title__icontains=self.q) | Q(service_content__icontains=self.q)
            )
            qs = qs.filter(Q(name__icontains=self.q) | Q(organisation__name__icontains=self.q) | Q(location__icontains=self.q) | Exists(items))
        if self.unit:
            qs = qs.filter(organisation__code=self.unit)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["q"], ctx["unit"] = self.q, self.unit
        ctx["units"] = Organisation.objects.units().filter(windows__is_active=True).distinct().order_by("code").values("code", "name")
        ctx["plaques"] = current_plaques([w.pk for w in ctx["object_list"]])
        ctx["querystring"] = _querystring_without_page(self.request)
        return ctx


def _window_posts(window):
    holders = Assignment.objects.confirmed().select_related("member", "member__marker_photo").order_by("member__member_no")
    return list(
        window.posts.active().public_facing().order_by("pk").prefetch_related(Prefetch("assignments", queryset=holders, to_attr="holders"))
    )


class WindowPublicView(DetailView):
    """/windows/<code>/: who serves you here, what is promised, and a button to say how it went."""

    template_name = "windows/window_public.html"
    context_object_name = "window"

    def get_object(self, queryset=None):
        return get_object_or_404(Window.objects.select_related("organisation"), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["posts"] = _window_posts(self.object)
        ctx["plaque"] = self.object.plaques.order_by("-year").first()
        # 求有应答, 事有终结: the public sees how many matters this year have been answered to a conclusion.
        ctx["record"] = self.object.feedback.filter(created_at__year=timezone.localdate().year).aggregate(
            received=Count("pk"), concluded=Count("pk", filter=Q(status__in=Feedback.DONE)),
        )
        return ctx


def _svg_file(url: str) -> HttpResponse:
    """A standalone SVG file (with its XML namespace) of a QR code for the address, to print on a marker or plaque."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=4)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def window_qr(request, code):
    window = get_object_or_404(Window, code=code)
    return _svg_file(request.build_absolute_uri(window.get_absolute_url()))


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
                fb = feedback_services.submit_feedback(
                    window, kind=data["kind"], text=data["text"], member=data["member"],
                    contact_name=data["contact_name"], contact_phone=data["contact_phone"], token=data["token"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Thank you. Keep your tracking code %(code)s to follow the answer.") % {"code": fb.tracking_code})
                return redirect(fb)
    else:
        form = forms.FeedbackForm(members=members, initial={"kind": request.GET.get("kind", "complaint")})
    return render(request, "windows/feedback_new.html", {"window": window, "form": form})


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
    return render(request, "windows/feedback_lookup.html", {"form": form})


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
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Thank you for your opinion."))
            return redirect(feedback)
    return render(request, "windows/feedback_track.html", {
        "feedback": feedback, "events": feedback.events.all(), "form": form, "now": timezone.now(),
    })


def _give_opinion(feedback, opinion, comment):
    with transaction.atomic():
        if opinion != "reopen" or feedback.can_be_rated:
            feedback_services.rate_feedback(feedback, satisfied=opinion == "satisfied", comment=comment)
        if opinion == "reopen":
            feedback_services.reopen_feedback(feedback, comment)


class HandbookView(TemplateView):
    """/handbook/: the latest published edition, exactly as it was published."""

    template_name = "windows/handbook.html"

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
    template_name = "windows/handbook_editions.html"
    paginate_by = 25

    def get_queryset(self):
        return HandbookEdition.objects.latest_first().only("version", "title", "note", "published_at", "window_count")


class PlaqueRegisterView(ListView):
    """/plaques/: the public register of plaques, year by year."""

    template_name = "windows/plaque_register.html"
    paginate_by = 50

    def get_queryset(self):
        qs = PlaqueRecord.objects.select_related("window__organisation").order_by("-year", "window__organisation__code", "window__code")
        self.year = self.request.GET.get("year", "")
        if self.year.isdigit():
            qs = qs.filter(year=int(self.year))
        else:
            self.year = ""
        self.q = (self.request.GET.get("q") or "").strip()[:50]
        if self.q:
            qs = qs.filter(Q(window__name__icontains=self.q) | Q(window__organisation__name__icontains=self.q))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["years"] = PlaqueRecord.objects.order_by("-year").values_list("year", flat=True).distinct()
        ctx["year"], ctx["q"] = self.year, self.q
        ctx["this_year"] = timezone.localdate().year
        ctx["querystring"] = _querystring_without_page(self.request)
        return ctx


def plaque_verify(request, code):
    record = get_object_or_404(PlaqueRecord.objects.select_related("window__organisation"), verification_code=code)
    return render(request, "windows/plaque_verify.html", {
        "record": record, "this_year": timezone.localdate().year,
        "latest": record.window.plaques.order_by("-year").first(),
    })


def plaque_qr(request, code):
    record = get_object_or_404(PlaqueRecord, verification_code=code)
    return _svg_file(request.build_absolute_uri(record.get_absolute_url()))


# ---------------------------------------------------------------- staff pages


class StaffMixin(RoleRequiredMixin):
    def allowed(self, acc):
        return acc.manages_any


def sets_up_windows(acc) -> bool:
    """Committee staff and unit secretaries set up windows and apply for plaques; branch secretaries only read."""
    return acc.is_committee_staff or acc.is_unit_secretary


class UnitStaffMixin(StaffMixin):
    def allowed(self, acc):
        return sets_up_windows(acc)


class WindowStaffMixin(StaffMixin):
    def get_window(self, *, manage=False):
        window = get_visible_or_404(Window.objects.select_related("organisation"), self.request.user, code=self.kwargs["code"])
        if manage and not self.acc.manages(window.organisation):
            raise PermissionDenied
        return window


class WindowListView(StaffMixin, ListView):
    template_name = "windows/window_list.html"
    paginate_by = 25

    def get_queryset(self):
        now = timezone.now()
        overdue = Feedback.objects.filter(window=OuterRef("pk")).overdue(now)
        return (
            Window.objects.visible_to(self.request.user).select_related("organisation")
            .annotate(has_overdue=Exists(overdue)).order_by("organisation__code", "code")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = sets_up_windows(self.acc)
        ctx["plaques"] = current_plaques([w.pk for w in ctx["object_list"]])
        return ctx


def save_window_form(view, form):
    """Save through the service, which holds the rules; a refusal shows on the form."""
    try:
        view.object = save_window(view.request.user, form.save(commit=False), form.cleaned_data["posts"])
    except DomainError as exc:
        form.add_error("posts", str(exc))
        return view.form_invalid(form)
    messages.success(view.request, _("Window %(name)s saved.") % {"name": view.object.name})
    return redirect(view.get_success_url())


class WindowCreateView(UnitStaffMixin, CreateView):
    form_class = forms.WindowForm
    template_name = "form_page.html"
    extra_context = {"title": gettext_lazy("New service window")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": unit_choices_for(self.request.user)}

    def form_valid(self, form):
        return save_window_form(self, form)

    def get_success_url(self):
        return reverse("posts:window_manage", args=[self.object.code])


class WindowUpdateView(WindowStaffMixin, UpdateView):
    form_class = forms.WindowForm
    template_name = "form_page.html"

    def get_object(self, queryset=None):
        return self.get_window(manage=True)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": unit_choices_for(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(name)s") % {"name": self.object.name}, **kwargs)

    def form_valid(self, form):
        return save_window_form(self, form)

    def get_success_url(self):
        return reverse("posts:window_manage", args=[self.object.code])


class WindowManageView(WindowStaffMixin, TemplateView):
    template_name = "windows/window_manage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        window = self.get_window()
        ctx["window"] = window
        ctx["can_manage"] = self.acc.manages(window.organisation)
        ctx["on_duty"] = members_on_duty(window)
        ctx["plaques"] = window.plaques.order_by("-year")[:10]
        ctx["applications"] = window.plaque_applications.order_by("-applied_at")[:10]
        ctx["feedback"] = window.feedback.order_by("-created_at")[:10]
        ctx["open_count"] = window.feedback.open().count()
        ctx["overdue_count"] = window.feedback.overdue().count()
        return ctx


class WindowMarkersView(WindowStaffMixin, TemplateView):
    """Printable post markers: one card for the window, one per member on duty, each with the window's QR code."""

    template_name = "windows/window_markers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        window = self.get_window()
        ctx["window"] = window
        ctx["on_duty"] = members_on_duty(window)
        ctx["public_url"] = self.request.build_absolute_uri(window.get_absolute_url())
        ctx["qr"] = qr_svg(ctx["public_url"])
        ctx["can_manage"] = self.acc.manages(window.organisation)
        return ctx


class MarkerPhotoView(WindowStaffMixin, FormView):
    form_class = forms.MarkerPhotoForm
    template_name = "form_page.html"

    def setup_objects(self):
        self.window = self.get_window(manage=True)
        assignment = members_on_duty(self.window).filter(member_id=self.kwargs["member_pk"]).first()
        if assignment is None:
            raise Http404
        self.member = assignment.member

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Marker photo of %(name)s") % {"name": self.member.name}, **kwargs)

    def form_valid(self, form):
        save_marker_photo(self.member, form.cleaned_data["image"], self.request.user)
        messages.success(self.request, _("Photo saved."))
        return redirect("posts:window_markers", code=self.window.code)


class FeedbackInboxView(StaffMixin, ListView):
    """The unit's (or the committee's) feedback, overdue first in the eye."""

    template_name = "windows/feedback_inbox.html"
    paginate_by = 25
    FILTERS = ["open", "overdue", "escalated", "concluded", "all"]

    def get_queryset(self):
        self.now = timezone.now()
        self.show = self.request.GET.get("show", "open")
        if self.show not in self.FILTERS:
            self.show = "open"
        qs = Feedback.objects.visible_to(self.request.user).select_related("window__organisation")
        if self.show == "open":
            qs = qs.open().order_by("due_at")
        elif self.show == "overdue":
            qs = qs.overdue(self.now).order_by("due_at")
        elif self.show == "escalated":
            qs = qs.filter(status=Feedback.Status.ESCALATED).order_by("due_at")
        elif self.show == "concluded":
            qs = qs.filter(status__in=[Feedback.Status.CONCLUDED, Feedback.Status.CLOSED]).order_by("-created_at")
        else:
            qs = qs.order_by("-created_at")
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["show"], ctx["now"], ctx["filters"] = self.show, self.now, self.FILTERS
        ctx["overdue_count"] = Feedback.objects.visible_to(self.request.user).overdue(self.now).count()
        ctx["querystring"] = f"show={self.show}"
        return ctx


class ComplaintSummaryView(StaffMixin, ListView):
    """Per window, the year's complaints and their outcomes: what the evaluation counts."""

    template_name = "windows/complaint_summary.html"
    paginate_by = 50

    def get_queryset(self):
        this_year = timezone.localdate().year
        year = self.request.GET.get("year", "")
        self.year = int(year) if year.isdigit() and 2000 <= int(year) <= this_year else this_year
        return complaint_summary(self.year, Window.objects.visible_to(self.request.user)).order_by("-upheld", "-complaints", "code")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        ctx["years"] = range(timezone.localdate().year, timezone.localdate().year - 5, -1)
        ctx["querystring"] = f"year={self.year}"
        return ctx


class FeedbackManageView(StaffMixin, DetailView):
    template_name = "windows/feedback_manage.html"
    context_object_name = "feedback"

    def get_object(self, queryset=None):
        return get_visible_or_404(Feedback.objects.select_related("window__organisation", "member"), self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fb = self.object
        is_unit = self.acc.manages(fb.window.organisation)
        open_for_unit = fb.status in (Feedback.Status.RECEIVED, Feedback.Status.HANDLING)
        ctx["events"] = fb.events.select_related("author")
        ctx["reply_form"] = forms.ReplyForm() if is_unit and open_for_unit else None
        ctx["conclusion_form"] = forms.ConclusionForm(is_complaint=fb.kind == "complaint") if is_unit and open_for_unit else None
        ctx["close_form"] = (
            forms.ConclusionForm(is_complaint=fb.kind == "complaint")
            if self.acc.is_committee_staff and fb.status == Feedback.Status.ESCALATED else None
        )
        if ctx["reply_form"]:
            ctx["reply_form"].helper.form_action = reverse("posts:feedback_respond", args=[fb.pk])
            ctx["conclusion_form"].helper.form_action = reverse("posts:feedback_conclude", args=[fb.pk])
        if ctx["close_form"]:
            ctx["close_form"].helper.form_action = reverse("posts:feedback_close", args=[fb.pk])
        ctx["now"] = timezone.now()
        return ctx


class FeedbackActionView(StaffMixin, FormView):
    """GET shows the form, POST calls the service and goes back to the feedback."""

    template_name = "form_page.html"
    title = ""

    def may(self, fb) -> bool:
        return self.acc.manages(fb.window.organisation)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(self.acc):
            self.feedback = get_visible_or_404(Feedback.objects.select_related("window__organisation"), request.user, pk=kwargs["pk"])
            if not self.may(self.feedback):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=f"{self.title} · {self.feedback.reference}", **kwargs)

    def form_valid(self, form):
        try:
            self.act(self.feedback, form.cleaned_data)
        except DomainError as exc:
            messages.error(self.request, str(exc))
        else:
            messages.success(self.request, _("Saved. The citizen sees it on the tracking page."))
        return redirect("posts:feedback_manage", pk=self.feedback.pk)


class FeedbackRespondView(FeedbackActionView):
    form_class = forms.ReplyForm
    title = gettext_lazy("Reply")

    def act(self, fb, data):
        feedback_services.respond_to_feedback(fb, self.request.user, data["text"])


class FeedbackConcludeView(FeedbackActionView):
    form_class = forms.ConclusionForm
    title = gettext_lazy("Conclude")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "is_complaint": self.feedback.kind == Feedback.Kind.COMPLAINT}

    def act(self, fb, data):
        feedback_services.conclude_feedback(fb, self.request.user, data["text"], upheld=data["upheld"], serious=data["serious"])


class FeedbackCloseView(FeedbackConcludeView):
    title = gettext_lazy("Committee's final answer")

    def may(self, fb):
        return self.acc.is_committee_staff

    def act(self, fb, data):
        feedback_services.close_feedback(fb, self.request.user, data["text"], upheld=data["upheld"], serious=data["serious"])


class PlaqueOverviewView(StaffMixin, ListView):
    """Every visible window with this year's plaque and its latest application."""

    template_name = "windows/plaque_overview.html"
    paginate_by = 50

    def get_queryset(self):
        self.year = timezone.localdate().year
        plaque = PlaqueRecord.objects.filter(window=OuterRef("pk"), year=self.year)
        latest_app = PlaqueApplication.objects.filter(window=OuterRef("pk")).order_by("-applied_at", "-pk")
        return (
            Window.objects.visible_to(self.request.user).select_related("organisation")
            .annotate(
                plaque_level=Subquery(plaque.values("level")[:1]),
                application_status=Subquery(latest_app.values("status")[:1]),
                application_id=Subquery(latest_app.values("pk")[:1]),
            )
            .order_by("organisation__code", "code")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        ctx["levels"] = dict(PlaqueRecord.Level.choices)
        ctx["statuses"] = dict(PlaqueApplication.Status.choices)
        ctx["can_apply"] = sets_up_windows(self.acc)
        return ctx


class PlaqueApplicationListView(StaffMixin, ListView):
    template_name = "windows/plaque_application_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.status = self.request.GET.get("status", "")
        qs = PlaqueApplication.objects.visible_to(self.request.user).select_related("window__organisation")
        if self.status in PlaqueApplication.Status.values:
            qs = qs.filter(status=self.status)
        else:
            self.status = ""
        return qs.order_by("-applied_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"], ctx["statuses"] = self.status, PlaqueApplication.Status.choices
        ctx["querystring"] = f"status={self.status}"
        ctx["can_apply"] = sets_up_windows(self.acc)
        return ctx


class PlaqueApplyView(UnitStaffMixin, FormView):
    form_class = forms.PlaqueApplicationForm
    template_name = "form_page.html"
    extra_context = {"title": gettext_lazy("Apply for a plaque")}

    def get_form_kwargs(self):
        windows = Window.objects.managed_by(self.request.user).active().select_related("organisation").order_by("code")
        kwargs = {**super().get_form_kwargs(), "windows": windows}
        if self.request.method == "GET" and self.request.GET.get("window"):
            kwargs["initial"] = {"window": windows.filter(code=self.request.GET["window"]).first()}
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            application = plaque_services.apply_for_plaque(data["window"], self.request.user, year=data["year"], statement=data["statement"])
        except DomainError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Application sent to the working committee."))
        return redirect("posts:plaque_application", pk=application.pk)


class PlaqueApplicationDetailView(StaffMixin, DetailView):
    template_name = "windows/plaque_application_detail.html"
    context_object_name = "application"

    def get_object(self, queryset=None):
        return get_visible_or_404(
            PlaqueApplication.objects.select_related("window__organisation", "applied_by", "reviewed_by", "plaque"),
            self.request.user, pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        app = self.object
        waiting = app.status == PlaqueApplication.Status.SUBMITTED
        ctx["review_form"] = None
        if waiting and self.acc.is_committee_staff:
            ctx["review_form"] = forms.ReviewForm()
            ctx["review_form"].helper.form_action = reverse("posts:plaque_review", args=[app.pk])
        ctx["can_withdraw"] = waiting and self.acc.manages(app.window.organisation)
        return ctx


class PlaqueActionMixin(StaffMixin):
    def get_application(self):
        app = get_visible_or_404(PlaqueApplication.objects.select_related("window__organisation"), self.request.user, pk=self.kwargs["pk"])
        if not self.may(app):
            raise PermissionDenied
        return app


class PlaqueReviewView(PlaqueActionMixin, FormView):
    form_class = forms.ReviewForm
    template_name = "form_page.html"

    def may(self, app):
        return self.acc.is_committee_staff

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(self.acc):
            self.application = self.get_application()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Review the application of %(window)s") % {"window": self.application.window.name}, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                plaque_services.approve_plaque_application(self.application, self.request.user, note=data["note"])
                messages.success(self.request, _("Approved: the window hangs the striving plaque for %(year)s.") % {"year": self.application.year})
            else:
                plaque_services.reject_plaque_application(self.application, self.request.user, reason=data["note"])
                messages.success(self.request, _("Rejected; the unit has been told why."))
        except DomainError as exc:
            messages.error(self.request, str(exc))
        return redirect("posts:plaque_application", pk=self.application.pk)


class PlaqueWithdrawView(PlaqueActionMixin, TemplateView):
    template_name = "windows/confirm.html"

    def may(self, app):
        return self.acc.manages(app.window.organisation)

    def get_context_data(self, **kwargs):
        app = self.get_application()
        return super().get_context_data(
            title=_("Withdraw the application of %(window)s") % {"window": app.window.name},
            question=_("The application will be withdrawn and the committee will not review it."),
            cancel_url=reverse("posts:plaque_application", args=[app.pk]), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        app = self.get_application()
        try:
            plaque_services.withdraw_plaque_application(app, request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Application withdrawn."))
        return redirect("posts:plaque_application", pk=app.pk)


class HandbookDraftView(StaffMixin, FormView):
    """The committee sees the handbook as today's data would make it, and publishes it as a new edition."""

    template_name = "windows/handbook_draft.html"
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
        except DomainError as exc:
            messages.error(self.request, str(exc))
            return redirect("posts:handbook_draft")
        messages.success(self.request, _("Edition %(n)d published.") % {"n": edition.version})
        return redirect(edition)


