"""Staff pages of step 4: windows, their posts and members on duty, printable markers and photos."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView, ListView, TemplateView, UpdateView

from members.mixins import get_changeable_or_403, get_visible_or_404, show_refusal
from members.models import Organisation
from pioneer.errors import Refusal
from posts.models import Feedback, Window
from posts.pages import StaffMixin, UnitStaffMixin, qr_svg, sets_up_windows
from posts.plaques.selectors import current_plaques
from posts.windows import forms
from posts.windows.selectors import members_on_duty
from posts.windows.services import save_marker_photo, save_window


def may_change_window(acc, window) -> bool:
    return acc.manages(window.organisation)


def get_window_for_user(request, code):
    """The window, if the user may look at it as staff (404 otherwise)."""
    return get_visible_or_404(Window.objects.select_related("organisation"), request.user, code=code)


def get_rw_window_for_user(request, code):
    """The window, if the user manages its unit (403 when only visible, as to the unit's branch secretaries)."""
    return get_changeable_or_403(Window.objects.select_related("organisation"), request.user, may_change_window, code=code)


def unit_choices_for(user):
    return Organisation.objects.managed_by(user).units().order_by("code")


class WindowListView(StaffMixin, ListView):
    template_name = "posts/windows/window_list.html"
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
        view.object = save_window(view.request.user, window=form.save(commit=False), posts=form.cleaned_data["posts"])
    except Refusal as exc:
        show_refusal(view.request, exc, form=form, field="posts")
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


class WindowUpdateView(StaffMixin, UpdateView):
    form_class = forms.WindowForm
    template_name = "form_page.html"

    def get_object(self, queryset=None):
        return get_rw_window_for_user(self.request, self.kwargs["code"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": unit_choices_for(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(name)s") % {"name": self.object.name}, **kwargs)

    def form_valid(self, form):
        return save_window_form(self, form)

    def get_success_url(self):
        return reverse("posts:window_manage", args=[self.object.code])


class WindowManageView(StaffMixin, TemplateView):
    template_name = "posts/windows/window_manage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        window = get_window_for_user(self.request, self.kwargs["code"])
        ctx["window"] = window
        ctx["can_manage"] = may_change_window(self.acc, window)
        ctx["on_duty"] = members_on_duty(window)
        ctx["plaques"] = window.plaques.order_by("-year")[:10]
        ctx["applications"] = window.plaque_applications.order_by("-applied_at")[:10]
        ctx["feedback"] = window.feedback.order_by("-created_at")[:10]
        ctx["open_count"] = window.feedback.open().count()
        ctx["overdue_count"] = window.feedback.overdue().count()
        return ctx


class WindowMarkersView(StaffMixin, TemplateView):
    """Printable post markers: one card for the window, one per member on duty, each with the window's QR code."""

    template_name = "posts/windows/window_markers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        window = get_window_for_user(self.request, self.kwargs["code"])
        ctx["window"] = window
        ctx["on_duty"] = members_on_duty(window)
        ctx["public_url"] = self.request.build_absolute_uri(window.get_absolute_url())
        ctx["qr"] = qr_svg(ctx["public_url"])
        ctx["can_manage"] = may_change_window(self.acc, window)
        return ctx


class MarkerPhotoView(StaffMixin, FormView):
    form_class = forms.MarkerPhotoForm
    template_name = "form_page.html"

    def setup_objects(self):
        self.window = get_rw_window_for_user(self.request, self.kwargs["code"])
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
        save_marker_photo(self.request.user, member=self.member, image=form.cleaned_data["image"])
        messages.success(self.request, _("Photo saved."))
        return redirect("posts:window_markers", code=self.window.code)
