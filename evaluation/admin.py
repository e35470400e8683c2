"""The admin shows the evaluation; states move only through the services, so phase and status are read-only.

Peer ratings, vote tokens and ballots are not registered: who rated whom and which card voted how stay out of sight.
"""

from django.contrib import admin

from evaluation.models import Criterion, EvaluationYear, QuarterReport, Result


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return obj is not None and not obj.criteria_frozen and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EvaluationYear)
class EvaluationYearAdmin(admin.ModelAdmin):
    list_display = ["year", "phase", "rules_version", "plaques_decided_at"]
    readonly_fields = ["phase", "rules_version", "plaques_decided_at"]
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        # Rules change through the rules page, which raises the rule version and writes the audit trail.
        return False


@admin.register(QuarterReport)
class QuarterReportAdmin(admin.ModelAdmin):
    list_display = ["window", "year", "quarter", "status", "submitted_at"]
    list_filter = ["status", "quarter"]
    list_select_related = ["window", "year"]
    readonly_fields = ["status", "submitted_at", "submitted_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "final_score", "grade"]
    list_filter = ["kind", "status", "grade"]
    list_select_related = ["year", "member", "window"]
    raw_id_fields = ["member", "window"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
