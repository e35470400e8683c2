from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.models import AuditEntry, Member, Notification, Organisation, Role


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["member_no", "name", "gender", "branch", "standing", "is_cadre", "is_active"]
    list_filter = ["standing", "is_cadre", "education", "is_active"]
    search_fields = ["member_no", "name", "specialties"]
    list_select_related = ["branch"]
    raw_id_fields = ["user"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
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
