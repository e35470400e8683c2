"""Excel exports for step 4 and the catalogue: posts, assignments (the 公示 list), windows with members on
duty, the handbook's service items, feedback and the plaque register.

Each is scoped through its model's own access queryset and written by the shared streaming writer. Each
counts its rows (one COUNT), so one above EXCEL_INLINE_EXPORT_ROWS runs as a job that rebuilds it from its
starter (see members/views_excel.py).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pioneer.excel import Column, ScopedExporter
from posts.catalogue.models import SERVICE_GUIDE_FIELDS
from posts.models import Assignment, Feedback, PlaqueRecord, Post, Window

# What a public-facing post publishes, after the post's own columns: the handbook text and the service guide.
SERVICE_TEXT_FIELDS = [
    "service_items", "service_targets", "service_content", "service_procedure", "commitments", *SERVICE_GUIDE_FIELDS,
]


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _choices(choices_class):
    return {value: str(label) for value, label in choices_class.choices}


def windows_for(user):
    """The windows a user may look at: the same scope as the window pages."""
    return Window.objects.visible_to(user)


class PostExporter(ScopedExporter):
    sheet_title = gettext_lazy("Pioneer posts")
    filename_stem = gettext_lazy("pioneer-posts")
    columns = [
        Column("organisation", gettext_lazy("organisation code"), 12),
        Column("organisation_name", gettext_lazy("organisation name"), 28),
        Column("title", _label(Post, "title"), 24),
        Column("kind", _label(Post, "kind"), 18),
        Column("duties", _label(Post, "duties"), 40),
        Column("required_specialties", _label(Post, "required_specialties"), 24),
        Column("required_qualifications", _label(Post, "required_qualifications"), 24),
        Column("min_age", _label(Post, "min_age"), 10),
        Column("max_age", _label(Post, "max_age"), 10),
        Column("capacity", _label(Post, "capacity"), 8),
        Column("is_active", _label(Post, "is_active"), 8),
        *[Column(name, _label(Post, name), 30) for name in SERVICE_TEXT_FIELDS],
    ]

    def queryset_for(self, user):
        return Post.objects.visible_to(user)

    def count(self):
        return self.queryset_for(self.user).count()

    def rows(self):
        kinds = _choices(Post.Kind)
        yes, no = _("yes"), _("no")
        qs = self.queryset_for(self.user).select_related("organisation").order_by("organisation__code", "pk")
        for p in qs.iterator(chunk_size=2000):
            yield (
                p.organisation.code, p.organisation.name, p.title, kinds.get(p.kind, p.kind), p.duties,
                p.required_specialties, p.required_qualifications, p.min_age, p.max_age, p.capacity,
                yes if p.is_active else no, *(getattr(p, name) for name in SERVICE_TEXT_FIELDS),
            )


class AssignmentExporter(ScopedExporter):
    """Who holds which post: the list published for public notice (公示)."""

    sheet_title = gettext_lazy("Post assignments")
    filename_stem = gettext_lazy("post-assignments")
    columns = [
        Column("organisation", gettext_lazy("organisation code"), 12),
        Column("organisation_name", gettext_lazy("organisation"), 28),
        Column("post", _label(Assignment, "post"), 24),
        Column("member_no", gettext_lazy("member number"), 14),
        Column("member", _label(Assignment, "member"), 12),
        Column("branch", gettext_lazy("branch"), 28),
        Column("status", _label(Assignment, "status"), 16),
        Column("reason", _label(Assignment, "reason"), 40),
        Column("decided_at", _label(Assignment, "decided_at"), 18),
        Column("confirmed_at", _label(Assignment, "confirmed_at"), 18),
    ]

    def queryset_for(self, user):
        return Assignment.objects.visible_to(user)

    def count(self):
        return self.queryset_for(self.user).count()

    def rows(self):
        statuses = _choices(Assignment.Status)
        qs = self.queryset_for(self.user).select_related("post__organisation", "member__branch").order_by(
            "post__organisation__code", "post_id", "member__member_no"
        )
        for a in qs.iterator(chunk_size=2000):
            yield (
                a.post.organisation.code, a.post.organisation.name, a.post.title, a.member.member_no, a.member.name,
                a.member.branch.name, statuses.get(a.status, a.status), a.reason, a.decided_at, a.confirmed_at,
            )


def _windows_with_duty(user):
    """Windows with their public posts and the members holding them now: three queries whatever the count."""
    live = Assignment.objects.live().select_related("member").order_by("member__member_no")
    posts = Post.objects.order_by("pk").prefetch_related(Prefetch("assignments", queryset=live, to_attr="live_assignments"))
    return (
        windows_for(user).select_related("organisation").order_by("organisation__code", "code")
        .prefetch_related(Prefetch("posts", queryset=posts))
    )


class WindowExporter(ScopedExporter):
    sheet_title = gettext_lazy("Service windows")
    filename_stem = gettext_lazy("service-windows")
    columns = [
        Column("code", _label(Window, "code"), 14),
        Column("name", _label(Window, "name"), 24),
        Column("organisation", gettext_lazy("unit code"), 10),
        Column("organisation_name", _label(Window, "organisation"), 28),
        Column("location", _label(Window, "location"), 24),
        Column("opening_hours", _label(Window, "opening_hours"), 20),
        Column("phone", _label(Window, "phone"), 16),
        Column("theme", _label(Window, "theme"), 24),
        Column("commitments", _label(Window, "commitments"), 36),
        Column("posts", _label(Window, "posts"), 30),
        Column("on_duty", gettext_lazy("members on duty"), 30),
        Column("is_active", _label(Window, "is_active"), 8),
    ]

    def count(self):
        return windows_for(self.user).count()

    def rows(self):
        yes, no = _("yes"), _("no")
        for w in _windows_with_duty(self.user).iterator(chunk_size=500):
            posts = list(w.posts.all())
            on_duty = [f"{a.member.name}（{a.member.member_no}）" for p in posts for a in p.live_assignments]
            yield (
                w.code, w.name, w.organisation.code, w.organisation.name, w.location, w.opening_hours, w.phone, w.theme,
                w.commitments, "、".join(p.title for p in posts), "、".join(on_duty), yes if w.is_active else no,
            )


class HandbookExporter(ScopedExporter):
    """The service handbook's items: one row per window and public-facing post."""

    sheet_title = gettext_lazy("Service handbook")
    filename_stem = gettext_lazy("service-handbook")
    columns = [
        Column("window", gettext_lazy("service window"), 24),
        Column("organisation_name", gettext_lazy("unit party organisation"), 28),
        Column("post", gettext_lazy("pioneer post"), 24),
        Column("service_items", _label(Post, "service_items"), 36),
        Column("service_targets", _label(Post, "service_targets"), 24),
        Column("service_content", _label(Post, "service_content"), 36),
        Column("service_procedure", _label(Post, "service_procedure"), 36),
        Column("commitments", _label(Post, "commitments"), 30),
        *[Column(name, _label(Post, name), 24) for name in SERVICE_GUIDE_FIELDS],
    ]

    @staticmethod
    def _posts():
        return Post.objects.public_facing().active()

    def count(self):
        # A row per (window, post) pair: the links between the user's open windows and the open public posts.
        return Window.posts.through.objects.filter(window__in=windows_for(self.user).active(), post__in=self._posts()).count()

    def rows(self):
        posts = self._posts().order_by("pk")
        windows = (
            windows_for(self.user).active().select_related("organisation").order_by("organisation__code", "code")
            .prefetch_related(Prefetch("posts", queryset=posts))
        )
        for w in windows.iterator(chunk_size=500):
            for p in w.posts.all():
                yield (w.name, w.organisation.name, p.title, p.service_items, p.service_targets, p.service_content,
                       p.service_procedure, p.commitments, *(getattr(p, name) for name in SERVICE_GUIDE_FIELDS))


class FeedbackExporter(ScopedExporter):
    sheet_title = gettext_lazy("Feedback")
    filename_stem = gettext_lazy("feedback")
    columns = [
        # Staff get the reference, never the citizen's full tracking code (see Feedback.reference).
        Column("reference", gettext_lazy("reference"), 16),
        Column("window", _label(Feedback, "window"), 24),
        Column("organisation_name", gettext_lazy("unit party organisation"), 28),
        Column("kind", _label(Feedback, "kind"), 10),
        Column("status", _label(Feedback, "status"), 12),
        Column("created_at", _label(Feedback, "created_at"), 18),
        Column("due_at", _label(Feedback, "due_at"), 18),
        Column("concluded_at", _label(Feedback, "concluded_at"), 18),
        Column("upheld", _label(Feedback, "upheld"), 10),
        Column("serious", _label(Feedback, "serious"), 8),
        Column("text", _label(Feedback, "text"), 50),
    ]

    def count(self):
        return Feedback.objects.visible_to(self.user).count()

    def rows(self):
        kinds, statuses = _choices(Feedback.Kind), _choices(Feedback.Status)
        yes, no = _("yes"), _("no")
        qs = (
            Feedback.objects.visible_to(self.user).select_related("window__organisation")
            .order_by("-created_at", "pk")
        )
        for f in qs.iterator(chunk_size=2000):
            yield (
                f.reference, f.window.name, f.window.organisation.name, kinds.get(f.kind, f.kind),
                statuses.get(f.status, f.status), f.created_at, f.due_at, f.concluded_at,
                "" if f.upheld is None else (yes if f.upheld else no), yes if f.serious else no, f.text,
            )


class PlaqueExporter(ScopedExporter):
    """The plaque register: which window held which plaque in which year, and why."""

    sheet_title = gettext_lazy("Plaque register")
    filename_stem = gettext_lazy("plaque-register")
    columns = [
        Column("year", _label(PlaqueRecord, "year"), 8),
        Column("window_code", gettext_lazy("window code"), 14),
        Column("window", _label(PlaqueRecord, "window"), 24),
        Column("organisation_name", gettext_lazy("unit party organisation"), 28),
        Column("level", _label(PlaqueRecord, "level"), 24),
        Column("source", _label(PlaqueRecord, "source"), 16),
        Column("reason", _label(PlaqueRecord, "reason"), 40),
        Column("decided_at", gettext_lazy("decided"), 18),
    ]

    def count(self):
        return PlaqueRecord.objects.count()

    def rows(self):
        levels, sources = _choices(PlaqueRecord.Level), _choices(PlaqueRecord.Source)
        # The register is public (/plaques/): every record, as the public page shows it.
        qs = PlaqueRecord.objects.select_related("window__organisation").order_by("-year", "window__organisation__code", "window__code")
        for r in qs.iterator(chunk_size=2000):
            yield (
                r.year, r.window.code, r.window.name, r.window.organisation.name, levels.get(r.level, r.level),
                sources.get(r.source, r.source), r.reason, r.decided_at,
            )


EXPORTERS = {
    "posts": PostExporter,
    "assignments": AssignmentExporter,
    "windows": WindowExporter,
    "handbook": HandbookExporter,
    "feedback": FeedbackExporter,
    "plaques": PlaqueExporter,
}
