"""Staff pages of the feedback: the inbox, the complaint summary, replies and conclusions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from members.mixins import get_changeable_or_403, get_visible_or_404, show_refusal
from pioneer.errors import Refusal
from posts.codes import search_q
from posts.feedback import forms, services
from posts.feedback.selectors import complaint_summary
from posts.models import Feedback, Window
from posts.pages import StaffMixin


def may_answer_feedback(acc, feedback) -> bool:
    """The window's unit answers and concludes."""
    return acc.manages(feedback.window.organisation)


def may_close_feedback(acc, feedback) -> bool:
    """The committee gives the final answer on a reopened matter."""
    return acc.is_committee_staff


def _feedback():
    return Feedback.objects.select_related("window__organisation", "member")


def get_feedback_for_user(request, pk):
    return get_visible_or_404(_feedback(), request.user, pk=pk)


def get_rw_feedback_for_user(request, pk):
    """The feedback, if the user answers for the window's unit (403 when only visible)."""
    return get_changeable_or_403(_feedback(), request.user, may_answer_feedback, pk=pk)


def get_feedback_to_close_for_user(request, pk):
    """The feedback, if the user is committee staff who close reopened matters (403 when only visible)."""
    return get_changeable_or_403(_feedback(), request.user, may_close_feedback, pk=pk)


class FeedbackInboxView(StaffMixin, ListView):
    """The unit's (or the committee's) feedback, overdue first in the eye."""

    template_name = "posts/feedback/feedback_inbox.html"
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
        # A caller reads out their code, or gives a name or phone: searched within the chosen tab.
        self.q = self.request.GET.get("q", "").strip()[:50]
        if self.q:
            qs = qs.filter(search_q(self.q, name="contact_name", phone="contact_phone"))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["show"], ctx["now"], ctx["filters"] = self.show, self.now, self.FILTERS
        ctx["overdue_count"] = Feedback.objects.visible_to(self.request.user).overdue(self.now).count()
        ctx["q"] = self.q
        ctx["querystring"] = urlencode({"show": self.show, **({"q": self.q} if self.q else {})})
        return ctx


class ComplaintSummaryView(StaffMixin, ListView):
    """Per window, the year's complaints and their outcomes: what the evaluation counts."""

    template_name = "posts/feedback/complaint_summary.html"
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
    template_name = "posts/feedback/feedback_manage.html"
    context_object_name = "feedback"

    def get_object(self, queryset=None):
        return get_feedback_for_user(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fb = self.object
        is_unit = may_answer_feedback(self.acc, fb)
        open_for_unit = fb.status in (Feedback.Status.RECEIVED, Feedback.Status.HANDLING)
        ctx["events"] = fb.events.select_related("author")
        ctx["reply_form"] = forms.ReplyForm() if is_unit and open_for_unit else None
        ctx["conclusion_form"] = forms.ConclusionForm(is_complaint=fb.kind == "complaint") if is_unit and open_for_unit else None
        ctx["close_form"] = (
            forms.ConclusionForm(is_complaint=fb.kind == "complaint")
            if may_close_feedback(self.acc, fb) and fb.status == Feedback.Status.ESCALATED else None
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

    guard = staticmethod(get_rw_feedback_for_user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(self.acc):
            self.feedback = self.guard(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=f"{self.title} · {self.feedback.reference}", **kwargs)

    def form_valid(self, form):
        try:
            self.act(self.feedback, form.cleaned_data)
        except Refusal as exc:
            show_refusal(self.request, exc)
        else:
            messages.success(self.request, _("Saved. The citizen sees it on the tracking page."))
        return redirect("posts:feedback_manage", pk=self.feedback.pk)


class FeedbackRespondView(FeedbackActionView):
    form_class = forms.ReplyForm
    title = gettext_lazy("Reply")

    def act(self, fb, data):
        services.respond_to_feedback(self.request.user, feedback=fb, text=data["text"])


class FeedbackConcludeView(FeedbackActionView):
    form_class = forms.ConclusionForm
    title = gettext_lazy("Conclude")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "is_complaint": self.feedback.kind == Feedback.Kind.COMPLAINT}

    def act(self, fb, data):
        services.conclude_feedback(self.request.user, feedback=fb, text=data["text"], upheld=data["upheld"], serious=data["serious"])


class FeedbackCloseView(FeedbackConcludeView):
    title = gettext_lazy("Committee's final answer")

    guard = staticmethod(get_feedback_to_close_for_user)

    def act(self, fb, data):
        services.close_feedback(self.request.user, feedback=fb, text=data["text"], upheld=data["upheld"], serious=data["serious"])
