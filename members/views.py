from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from members import access, districts, home
from members.forms import MemberFilterForm, MemberForm, OrganisationForm, OwnProfileForm
from members.mixins import CommitteeRequiredMixin, ManagerRequiredMixin, RoleRequiredMixin, get_visible_or_404, show_refusal
from members.models import AuditEntry, Member, Notification, Organisation
from members.services import create_login
from pioneer import cachekeys, pagecache
from pioneer.errors import Refusal


def rate_limited(request, exception=None):
    html = render_to_string("429.html", request=request)
    return HttpResponse(html, status=429)


class HomeView(TemplateView):
    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        # A visitor without a session gets the page every such visitor gets (pioneer.pagecache): the headline
        # figures change with what bumps the public pages' counter.
        def render():
            versions = {"public": cachekeys.version("public")}
            return super(HomeView, self).get(request, *args, **kwargs), versions

        return pagecache.answer(request, (districts.PARAMETER,), render)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Each app adds its part (the posts app the headline figures, evaluation a member's to-dos): see members/home.py.
        district = districts.current_district(self.request)
        ctx.update(home.home_context(self.request.user, district))
        ctx["district"] = district  # the posts app's headline panel lists the districts to pick (no extra query)
        return ctx


BRANCH_OPTIONS = 200


class MemberListView(RoleRequiredMixin, ListView):
    template_name = "members/member_list.html"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        acc = self.acc
        if not acc.sees_any:
            if acc.member is None:
                raise PermissionDenied
            return redirect("members:detail", pk=acc.member.pk)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.branches = Organisation.objects.seen_by(self.request.user).branches().order_by("code")
        self.filter_form = MemberFilterForm(self.request.GET or None, branches=self.branches)
        qs = Member.objects.visible_to(self.request.user).select_related("branch", "branch__parent")
        return self.filter_form.filter(qs).order_by("branch__code", "member_no")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter_form"] = self.filter_form
        # Suggestions for the branch field where they are few (a unit's secretary): a city's list would be the page's bulk.
        options = list(self.branches.values_list("code", "name")[:BRANCH_OPTIONS + 1])
        ctx["branch_options"] = options if len(options) <= BRANCH_OPTIONS else []
        return ctx


class MemberDetailView(RoleRequiredMixin, DetailView):
    template_name = "members/member_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return get_visible_or_404(Member.objects.select_related("branch__parent", "user"), self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_edit"] = self.acc.manages(self.object.branch)
        ctx["is_self"] = self.acc.member is not None and self.acc.member.pk == self.object.pk
        return ctx


class MemberLoginCreateView(ManagerRequiredMixin, DetailView):
    """GET asks for confirmation; POST creates the account and shows the one-time password once."""

    template_name = "members/member_login_confirm.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        member = get_visible_or_404(Member.objects.select_related("branch"), self.request.user, pk=self.kwargs["pk"])
        if not self.acc.manages(member.branch):
            raise PermissionDenied
        return member

    def post(self, request, *args, **kwargs):
        member = self.get_object()
        try:
            user, password = create_login(request.user, member=member)
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect("members:detail", pk=member.pk)
        return self.render_to_response({"member": member, "created_user": user, "password": password})


class MemberEditMixin:
    model = Member
    form_class = MemberForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["branches"] = Organisation.objects.managed_by(self.request.user).branches().order_by("code")
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Member %(name)s saved.") % {"name": self.object.name})
        return response

    def get_success_url(self):
        return reverse("members:detail", args=[self.object.pk])


class MemberCreateView(MemberEditMixin, ManagerRequiredMixin, CreateView):
    extra_context = {"title": gettext_lazy("New member"), "cancel_url": reverse_lazy("members:list")}


class MemberUpdateView(MemberEditMixin, ManagerRequiredMixin, UpdateView):
    def get_object(self, queryset=None):
        member = get_visible_or_404(Member.objects.select_related("branch"), self.request.user, pk=self.kwargs["pk"])
        if not self.acc.manages(member.branch):
            raise PermissionDenied
        return member

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit member %(name)s") % {"name": self.object.name}
        ctx["cancel_url"] = reverse("members:detail", args=[self.object.pk])
        return ctx


class OwnProfileView(RoleRequiredMixin, UpdateView):
    form_class = OwnProfileForm
    template_name = "form_page.html"
    extra_context = {"title": gettext_lazy("My profile"), "cancel_url": reverse_lazy("home")}

    def get_object(self, queryset=None):
        if self.acc.member is None:
            raise PermissionDenied
        return self.acc.member

    def form_valid(self, form):
        messages.success(self.request, _("Your profile was saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("members:detail", args=[self.object.pk])


class OrganisationListView(RoleRequiredMixin, ListView):
    template_name = "members/organisation_list.html"
    paginate_by = 50

    def allowed(self, acc):
        return acc.manages_any

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).select_related("parent").order_by("code")


class OrganisationDetailView(RoleRequiredMixin, DetailView):
    template_name = "members/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return get_visible_or_404(Organisation.objects.select_related("parent"), self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["children"] = self.object.children.order_by("code")
        ctx["member_count"] = Member.objects.filter(Q(branch=self.object) | Q(branch__parent=self.object)).count()
        ctx["can_edit"] = self.acc.is_committee_staff
        # The branch's own actions (admitting a member: the posts app's page) are for those who manage it.
        ctx["manages_branch"] = self.object.kind == Organisation.Kind.BRANCH and self.acc.manages(self.object)
        return ctx


class OrganisationEditMixin(CommitteeRequiredMixin):
    model = Organisation
    form_class = OrganisationForm
    template_name = "form_page.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Organisation %(name)s saved.") % {"name": self.object.name})
        return response

    def get_success_url(self):
        return reverse("members:organisation_detail", args=[self.object.pk])


class OrganisationCreateView(OrganisationEditMixin, CreateView):
    extra_context = {"title": gettext_lazy("New organisation"), "cancel_url": reverse_lazy("members:organisation_list")}


class OrganisationUpdateView(OrganisationEditMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_visible_or_404(Organisation.objects.all(), self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit %(name)s") % {"name": self.object.name}
        ctx["cancel_url"] = reverse("members:organisation_detail", args=[self.object.pk])
        return ctx


class AuditLogView(CommitteeRequiredMixin, ListView):
    """Record changes to organisations and members, and every workflow transition."""

    template_name = "members/audit_log.html"
    paginate_by = 50

    def get_queryset(self):
        self.tab = self.request.GET.get("tab", "members")
        # A district's staff (a city's, over its districts) read their own district's history; admins all of it.
        acc = access.for_user(self.request.user)
        every = acc.is_admin
        if self.tab == "organisations":
            # The history keeps no district column: an organisation's rows are its district's as it stands now.
            mine = Q() if every else Q(id__in=Organisation.objects.filter(committee__in=acc.district_ids).values("pk"))
            return Organisation.history.filter(mine).select_related("history_user").order_by("-history_date", "-history_id")
        if self.tab == "transitions":
            # Entries about what belongs to no district (an evaluation year, the handbook) are every district's.
            mine = Q() if every else Q(committee__in=acc.district_ids) | Q(committee__isnull=True)
            return AuditEntry.objects.filter(mine).select_related("actor", "content_type")
        self.tab = "members"
        # A member's row as it was then: in the branch it named, which is in the reader's district.
        mine = Q() if every else Q(branch__committee__in=acc.district_ids)
        return Member.history.filter(mine).select_related("history_user").order_by("-history_date", "-history_id")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tab"] = self.tab
        if self.tab != "transitions":
            # Each history row's change against the row before it, for the page only.
            ctx["changes"] = _changes(ctx["object_list"])
        return ctx


def _changes(rows):
    """Each history row's change against the row before it, as (field label, old, new), for one page of rows.

    Three queries whatever the page's length: the earlier rows of the same objects, and the names behind foreign keys.
    """
    rows = list(rows)
    if not rows:
        return {}
    history = type(rows[0])
    model = history.instance_type
    earlier = {}
    for row in history.objects.filter(id__in={r.id for r in rows}, history_date__lte=max(r.history_date for r in rows)):
        earlier.setdefault(row.id, []).append(row)
    diffs = {}
    for row in rows:
        before = [e for e in earlier.get(row.id, []) if (e.history_date, e.history_id) < (row.history_date, row.history_id)]
        if before:
            previous = max(before, key=lambda e: (e.history_date, e.history_id))
            diffs[row.history_id] = row.diff_against(previous).changes
    # Foreign keys change as ids: show the related object's name instead, one query per related model.
    related = {}
    for changes in diffs.values():
        for c in changes:
            field = model._meta.get_field(c.field)
            if field.is_relation:
                related.setdefault(field.related_model, set()).update(v for v in (c.old, c.new) if v is not None)
    names = {m: {o.pk: str(o) for o in m._default_manager.filter(pk__in=ids)} for m, ids in related.items()}

    def shown(field, value):
        # Values in words too: a choice's label, yes/no for a flag, the related object's name for an id.
        if value is None:
            return value
        if field.is_relation:
            return names[field.related_model].get(value, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return value

    result = {}
    for history_id, changes in diffs.items():
        result[history_id] = []
        for c in changes:
            field = model._meta.get_field(c.field)
            result[history_id].append((field.verbose_name, shown(field, c.old), shown(field, c.new)))
    return result


class NotificationListView(RoleRequiredMixin, ListView):
    template_name = "members/notification_list.html"
    paginate_by = 25

    def get_queryset(self):
        return self.request.user.notifications.all()


@login_required
@require_POST
def mark_notifications_read(request):
    with transaction.atomic():
        request.user.notifications.unread().update(read_at=timezone.now())
    return redirect("members:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def open_notification(request, pk):
    """Go to what a notification is about; a POST (the notification lists' buttons) also marks it read.

    A GET never writes: an old link followed from elsewhere only redirects.
    """
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if request.method == "POST":
        with transaction.atomic():
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(notification.url or reverse("members:notifications"))


