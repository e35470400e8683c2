"""Public pages of step 4 (no login): the window directory and each window's page and QR code."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from members import districts
from members.models import Organisation
from posts.models import Assignment, Feedback, Post, Window
from posts.pages import svg_file
from posts.plaques.selectors import current_plaques
from posts.public_cache import CachedPublicMixin


class WindowDirectoryView(CachedPublicMixin, ListView):
    """/windows/: every open window, searchable by name, unit and service item."""

    template_name = "posts/windows/window_directory.html"
    paginate_by = 30
    fragment_params = ("q", "unit", "page", districts.PARAMETER)

    def get_queryset(self):
        # ?district=<code>: one district's windows (the home page's district links here); city-wide without it.
        self.district = districts.current_district(self.request)
        qs = (Window.objects.active().filter(districts.in_district(self.district)).select_related("organisation")
              .order_by("organisation__code", "code"))
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
        ctx["q"], ctx["unit"], ctx["district"] = self.q, self.unit, self.district
        ctx["units"] = (Organisation.objects.units().filter(districts.in_district(self.district, ""), windows__is_active=True)
                        .distinct().order_by("code").values("code", "name"))
        ctx["plaques"] = current_plaques([w.pk for w in ctx["object_list"]])
        return ctx


def _window_posts(window):
    holders = Assignment.objects.confirmed().select_related("member", "member__marker_photo").order_by("member__member_no")
    return list(
        window.posts.active().public_facing().order_by("pk").prefetch_related(Prefetch("assignments", queryset=holders, to_attr="holders"))
    )


class WindowPublicView(CachedPublicMixin, DetailView):
    """/windows/<code>/: who serves you here, what is promised, and a button to say how it went."""

    template_name = "posts/windows/window_public.html"
    context_object_name = "window"

    def get_object(self, queryset=None):
        return get_object_or_404(Window.objects.select_related("organisation"), code=self.kwargs["code"])

    def prepare(self):
        self.object = self.get_object()

    def versions(self):
        # The year's feedback record changes only this window's page.
        return ["public", f"window.{self.object.pk}"]

    def fragment_context(self):
        return {**super().fragment_context(), "window": self.object}

    def render_miss(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["posts"] = _window_posts(self.object)
        ctx["plaque"] = self.object.plaques.order_by("-year").first()
        # 求有应答, 事有终结: the public sees how many matters this year have been answered to a conclusion.
        ctx["record"] = self.object.feedback.filter(created_at__year=timezone.localdate().year).aggregate(
            received=Count("pk"), concluded=Count("pk", filter=Q(status__in=Feedback.DONE)),
        )
        return ctx


@require_safe
def window_qr(request, code):
    window = get_object_or_404(Window, code=code)
    return svg_file(request.build_absolute_uri(window.get_absolute_url()))
