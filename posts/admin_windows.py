"""Admin for step 4: read-mostly; state changes go through the services, never the admin."""

from django.contrib import admin

from members.admin import ExplicitImportExportMixin
from posts.excel_imports import WindowResource
from posts.models import Feedback, FeedbackEvent, HandbookEdition, MemberPhoto, PlaqueApplication, PlaqueRecord, Window


@admin.register(Window)
class WindowAdmin(ExplicitImportExportMixin, admin.ModelAdmin):
    resource_classes = [WindowResource]  # Excel in and out (issue 6)
    list_display = ["code", "name", "organisation", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "organisation__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["posts"]


class FeedbackEventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    can_delete = False
    readonly_fields = ["by", "author", "from_status", "to_status", "text", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["tracking_code", "kind", "window", "status", "created_at", "due_at", "upheld"]
    list_filter = ["kind", "status", "upheld", "serious"]
    search_fields = ["tracking_code", "window__name"]
    list_select_related = ["window"]
    inlines = [FeedbackEventInline]
    readonly_fields = [f.name for f in Feedback._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PlaqueRecord)
class PlaqueRecordAdmin(admin.ModelAdmin):
    list_display = ["window", "year", "level", "source", "change", "decided_at"]
    list_filter = ["year", "level", "source"]
    list_select_related = ["window"]
    readonly_fields = [f.name for f in PlaqueRecord._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PlaqueApplication)
class PlaqueApplicationAdmin(admin.ModelAdmin):
    list_display = ["window", "year", "status", "applied_at", "reviewed_at"]
    list_filter = ["status", "year"]
    list_select_related = ["window"]
    readonly_fields = [f.name for f in PlaqueApplication._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(HandbookEdition)
class HandbookEditionAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_at", "window_count"]
    exclude = ["content"]
    readonly_fields = ["version", "title", "note", "window_count", "published_at", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MemberPhoto)
class MemberPhotoAdmin(admin.ModelAdmin):
    list_display = ["member", "uploaded_at"]
    list_select_related = ["member"]
