from django.contrib import admin

from members.admin import ExplicitImportExportMixin
from posts.excel_imports import PostResource
from posts.models import Assignment, Nomination, Objection, Post, Publication, Round


@admin.register(Post)
class PostAdmin(ExplicitImportExportMixin, admin.ModelAdmin):
    resource_classes = [PostResource]  # Excel in and out (issue 6)
    list_display = ["title", "organisation", "kind", "capacity", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    # Status moves only through the services (approve, publish, confirm, revise).
    list_display = ["member", "post", "status", "decided_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["member__name", "member__member_no", "post__title"]
    list_select_related = ["member", "post"]
    raw_id_fields = ["member", "post", "round", "replaces"]
    readonly_fields = ["status", "decided_by", "decided_at", "confirmed_at", "ended_at"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "opens_on", "closes_on", "status"]
    list_filter = ["status", "year"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation"]
    readonly_fields = ["status", "created_by"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["member", "post", "round", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["member__name", "member__member_no", "post__title"]
    list_select_related = ["member", "post", "round__organisation"]
    raw_id_fields = ["round", "member", "post", "assignment"]
    readonly_fields = ["status", "reason", "assignment", "decided_by", "decided_at"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "status", "published_at", "ends_on"]
    list_filter = ["status"]
    list_select_related = ["round__organisation"]
    raw_id_fields = ["round", "assignments"]
    readonly_fields = ["code", "status", "published_by", "published_at", "confirmed_at"]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ["tracking_code", "publication", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["tracking_code", "text"]
    raw_id_fields = ["publication", "assignment"]
    readonly_fields = ["tracking_code", "status", "raised_by", "answered_by", "answered_at"]

from posts import admin_windows  # noqa: E402,F401
