"""The public plaque register and verification; the staff's plaque overview, applications and reviews."""

from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, FormView, ListView, TemplateView

from members import districts
from members.mixins import get_changeable_or_403, get_visible_or_404, show_refusal
from pioneer.errors import Refusal
from posts.models import PlaqueApplication, PlaqueRecord, Window
from posts.pages import StaffMixin, UnitStaffMixin, sets_up_windows, svg_file
from posts.plaques import forms, services
from posts.public_cache import CachedPublicMixin


def may_review_application(acc, application) -> bool:
    """The committee makes the preliminary review."""
    return acc.is_committee_staff


def may_withdraw_application(acc, application) -> bool:
    """The window's unit takes back its own application."""
    return acc.manages(application.window.organisation)


def _applications():
    return PlaqueApplication.objects.select_related("window__organisation", "applied_by", "reviewed_by", "plaque")


def get_application_for_user(request, pk):
    return get_visible_or_404(_applications(), request.user, pk=pk)


def get_application_to_review_for_user(request, pk):
    return get_changeable_or_403(_applications(), request.user, may_review_application, pk=pk)


def get_rw_application_for_user(request, pk):
    """The application, if the user applies for the window's unit (403 when only visible)."""
    return get_changeable_or_403(_applications(), request.user, may_withdraw_application, pk=pk)


class PlaqueRegisterView(CachedPublicMixin, ListView):
    """/plaques/: the public register of plaques, year by year."""

    template_name = "posts/plaques/plaque_register.html"
    paginate_by = 50
    fragment_params = ("year", "q", "page", districts.PARAMETER)

    def get_queryset(self):
        self.district = districts.current_district(self.request)
        qs = (PlaqueRecord.objects.filter(districts.in_district(self.district, "window__organisation"))
              .select_related("window__organisation").order_by("-year", "window__organisation__code", "window__code"))
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
        ctx["year"], ctx["q"], ctx["district"] = self.year, self.q, self.district
        ctx["this_year"] = timezone.localdate().year
        return ctx


@require_safe
def plaque_verify(request, code):
    record = get_object_or_404(PlaqueRecord.objects.select_related("window__organisation"), verification_code=code)
    return render(request, "posts/plaques/plaque_verify.html", {
        "record": record, "this_year": timezone.localdate().year,
        "latest": record.window.plaques.order_by("-year").first(),
    })


@require_safe
def plaque_qr(request, code):
    record = get_object_or_404(PlaqueRecord, verification_code=code)
    return svg_file(request.build_absolute_uri(record.get_absolute_url()))


class PlaqueOverviewView(StaffMixin, ListView):
    """Every visible window with this year's plaque and its latest application."""

    template_name = "posts/plaques/plaque_overview.html"
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
    template_name = "posts/plaques/plaque_application_list.html"
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
            application = services.apply_for_plaque(self.request.user, window=data["window"], year=data["year"], statement=data["statement"])
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Application sent to the working committee."))
        return redirect("posts:plaque_application", pk=application.pk)


class PlaqueApplicationDetailView(StaffMixin, DetailView):
    template_name = "posts/plaques/plaque_application_detail.html"
    context_object_name = "application"

    def get_object(self, queryset=None):
        return get_application_for_user(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        app = self.object
        waiting = app.status == PlaqueApplication.Status.SUBMITTED
        ctx["review_form"] = None
        if waiting and may_review_application(self.acc, app):
            ctx["review_form"] = forms.ReviewForm()
            ctx["review_form"].helper.form_action = reverse("posts:plaque_review", args=[app.pk])
        ctx["can_withdraw"] = waiting and may_withdraw_application(self.acc, app)
        return ctx


class PlaqueReviewView(StaffMixin, FormView):
    form_class = forms.ReviewForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(self.acc):
            self.application = get_application_to_review_for_user(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Review the application of %(window)s") % {"window": self.application.window.name}, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.approve_plaque_application(self.request.user, application=self.application, note=data["note"])
                messages.success(self.request, _("Approved: the window hangs the striving plaque for %(year)s.") % {"year": self.application.year})
            else:
                services.reject_plaque_application(self.request.user, application=self.application, reason=data["note"])
                messages.success(self.request, _("Rejected; the unit has been told why."))
        except Refusal as exc:
            show_refusal(self.request, exc)
        return redirect("posts:plaque_application", pk=self.application.pk)


class PlaqueWithdrawView(StaffMixin, TemplateView):
    template_name = "confirm.html"

    def get_context_data(self, **kwargs):
        app = get_rw_application_for_user(self.request, self.kwargs["pk"])
        return super().get_context_data(
            title=_("Withdraw the application of %(window)s") % {"window": app.window.name},
            question=_("The application will be withdrawn and the committee will not review it."),
            cancel_url=reverse("posts:plaque_application", args=[app.pk]), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        app = get_rw_application_for_user(self.request, self.kwargs["pk"])
        try:
            services.withdraw_plaque_application(request.user, application=app)
        except Refusal as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Application withdrawn."))
        return redirect("posts:plaque_application", pk=app.pk)
