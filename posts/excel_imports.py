"""Excel import of service windows: create-or-update by window code, only for units the user manages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields
from import_export.instance_loaders import CachedInstanceLoader

from members import imports
from members.models import Organisation
from members.resources import OrganisationCodeWidget, PioneerResource, TextWidget, YesNoWidget
from pioneer.excel import Column
from posts.exports import WindowExporter
from posts.models import Window

WINDOW_COLUMNS = [
    Column(c.key, c.label, c.width, required=c.key in {"code", "name", "organisation"},
           export_only=c.key in {"organisation_name", "posts", "on_duty"})
    for c in WindowExporter.columns
]


class WindowResource(PioneerResource):
    code = fields.Field(attribute="code", column_name="code", widget=TextWidget())
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    organisation = fields.Field(
        attribute="organisation", column_name="organisation",
        widget=OrganisationCodeWidget(kind=Organisation.Kind.UNIT, required=True),
    )
    location = fields.Field(attribute="location", column_name="location", widget=TextWidget())
    opening_hours = fields.Field(attribute="opening_hours", column_name="opening_hours", widget=TextWidget())
    phone = fields.Field(attribute="phone", column_name="phone", widget=TextWidget())
    theme = fields.Field(attribute="theme", column_name="theme", widget=TextWidget())
    commitments = fields.Field(attribute="commitments", column_name="commitments", widget=TextWidget())
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta:
        model = Window
        import_id_fields = ["code"]
        fields = ["code", "name", "organisation", "location", "opening_hours", "phone", "theme", "commitments", "is_active"]
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True

    def get_queryset(self):
        return Window.objects.select_related("organisation__parent")

    def check_scope(self, instance, new):
        unit = instance.organisation if instance.organisation_id else None
        if unit is not None and not self.acc.manages(unit):
            raise ValidationError(
                {"organisation": _("%(branch)s is not an organisation you manage; this row was not imported.") % {"branch": unit.name}}
            )


class WindowTemplate(WindowExporter):
    def __init__(self):
        super().__init__(user=None)

    def filename(self):
        return f"{_('window-import-template')}.xlsx"

    def rows(self):
        yield ("W-UA-01", _("Approval hall window 1"), "UA", "", _("Civic Centre, ground floor"), "9:00-17:00", "010-88886666",
               _("Love my post, show my skills"), "", "", "", _("yes"))


class WindowImport(imports.ImportSpec):
    code = "windows"
    title = gettext_lazy("Import service windows")
    columns = WINDOW_COLUMNS
    resource_class = WindowResource
    key = "code"
    audit_action = "posts.windows.imported"

    def allowed(self, acc):
        return acc.is_committee_staff or acc.is_unit_secretary

    def template(self):
        return WindowTemplate()


imports.register(WindowImport())
