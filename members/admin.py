from django.contrib import admin
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats

from members.models import AuditEntry, Member, Notification, Organisation, Role
from members.resources import MemberResource, OrganisationResource
from pioneer.history_admin import SafeHistoryAdmin


class ExplicitImportExportMixin(ImportExportMixin):
    """Import needs add and change permission on the model, export needs view: never merely seeing the admin."""

    formats = [base_formats.XLSX]

    def _has(self, request, *actions):
        opts = self.model._meta
        return all(request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in actions)

    def has_import_permission(self, request):
        return self._has(request, "add", "change")

    def has_export_permission(self, request):
        return self._has(request, "view")

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}


@admin.register(Organisation)
class OrganisationAdmin(ExplicitImportExportMixin, SafeHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Member)
class MemberAdmin(ExplicitImportExportMixin, SafeHistoryAdmin):
    resource_classes = [MemberResource]
    list_display = ["member_no", "name", "gender", "branch", "standing", "is_cadre", "is_active"]
    list_filter = ["standing", "is_cadre", "education", "is_active"]
    search_fields = ["member_no", "name", "specialties"]
    list_select_related = ["branch"]
    raw_id_fields = ["user"]


@admin.register(Role)
class RoleAdmin(SafeHistoryAdmin):
    list_display = ["user", "kind", "organisation"]
    list_filter = ["kind"]
    list_select_related = ["user", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "object_repr", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Notification)
