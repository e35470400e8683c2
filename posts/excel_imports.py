"""Excel imports for the posts app: service windows (by window code) and pioneer posts (by organisation
code and post title), each only for organisations the user manages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets
from import_export.instance_loaders import ModelInstanceLoader

from members import imports
from members.models import Organisation
from members.resources import ChoiceWidget, OrganisationCodeWidget, PioneerResource, TextWidget, YesNoWidget, said
from pioneer.excel import Column
from pioneer.words import Message
from posts.catalogue.models import MAX_POSTS_PER_ORGANISATION, REQUIRED_GUIDE_FIELDS
from posts.exports import SERVICE_TEXT_FIELDS, PostExporter, WindowExporter
from posts.models import Post, Window

WINDOW_COLUMNS = [
    Column(c.key, c.label, c.width, required=c.key in {"code", "name", "organisation"},
           export_only=c.key in {"organisation_name", "posts", "on_duty"})
    for c in WindowExporter.columns
]


class WindowResource(PioneerResource):
    scope_field = "organisation"
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

    def get_queryset(self):
        return Window.objects.select_related("organisation__parent")


class WindowTemplate(WindowExporter):
    def __init__(self):
        super().__init__(user=None)

    def filename(self):
        return _("window-import-template") + ".xlsx"

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
    done_url_name = "posts:window_list"

    def allowed(self, acc):
        return acc.is_committee_staff or acc.is_unit_secretary

    def template(self):
        return WindowTemplate()


POST_COLUMNS = [
    Column(c.key, c.label, c.width, required=c.key in {"organisation", "title", "kind", "duties", "capacity"},
           export_only=c.key == "organisation_name")
    for c in PostExporter.columns
]


class NumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError) as exc:
            raise ValueError(Message("“%(value)s” is not a whole number.", value=value)) from exc


class PostResource(PioneerResource):
    scope_field = "organisation"
    organisation = fields.Field(attribute="organisation", column_name="organisation", widget=OrganisationCodeWidget(required=True))
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    kind = fields.Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Post.Kind))
    duties = fields.Field(attribute="duties", column_name="duties", widget=TextWidget())
    required_specialties = fields.Field(attribute="required_specialties", column_name="required_specialties", widget=TextWidget())
    required_qualifications = fields.Field(
        attribute="required_qualifications", column_name="required_qualifications", widget=TextWidget()
    )
    min_age = fields.Field(attribute="min_age", column_name="min_age", widget=NumberWidget())
    max_age = fields.Field(attribute="max_age", column_name="max_age", widget=NumberWidget())
    capacity = fields.Field(attribute="capacity", column_name="capacity", widget=NumberWidget())
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())
    time_limit_days = fields.Field(attribute="time_limit_days", column_name="time_limit_days", widget=NumberWidget())
    service_items = fields.Field(attribute="service_items", column_name="service_items", widget=TextWidget())
    service_targets = fields.Field(attribute="service_targets", column_name="service_targets", widget=TextWidget())
    service_content = fields.Field(attribute="service_content", column_name="service_content", widget=TextWidget())
    service_procedure = fields.Field(attribute="service_procedure", column_name="service_procedure", widget=TextWidget())
    commitments = fields.Field(attribute="commitments", column_name="commitments", widget=TextWidget())
    service_materials = fields.Field(attribute="service_materials", column_name="service_materials", widget=TextWidget())
    service_fees = fields.Field(attribute="service_fees", column_name="service_fees", widget=TextWidget())
    legal_basis = fields.Field(attribute="legal_basis", column_name="legal_basis", widget=TextWidget())
    service_place_hours = fields.Field(attribute="service_place_hours", column_name="service_place_hours", widget=TextWidget())
    consultation_phone = fields.Field(attribute="consultation_phone", column_name="consultation_phone", widget=TextWidget())
    supervision_phone = fields.Field(attribute="supervision_phone", column_name="supervision_phone", widget=TextWidget())

    class Meta:
        model = Post
        import_id_fields = ["organisation", "title"]
        fields = ["organisation", "title", "kind", "duties", "required_specialties", "required_qualifications", "min_age",
                  "max_age", "capacity", "is_active", *SERVICE_TEXT_FIELDS]
        instance_loader_class = ModelInstanceLoader  # the cached loader takes a single key field

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError as exc:  # an unknown organisation code in the key
            raise ValidationError({"organisation": said(exc)}) from exc

    def before_import(self, dataset, **kwargs):
        # Posts per organisation, so that the file cannot take one past the programme's limit.
        self.post_counts = {}
        for organisation_id in Post.objects.values_list("organisation_id", flat=True):
            self.post_counts[organisation_id] = self.post_counts.get(organisation_id, 0) + 1

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The catalogue's rule, for rows too: a public-facing post is not offered without its service guide.
        errors = dict(import_validation_errors or {})
        if instance.kind == Post.Kind.PUBLIC:
            for name in REQUIRED_GUIDE_FIELDS:
                if name not in errors and not str(getattr(instance, name) or "").strip():
                    errors[name] = [gettext_lazy("A public-facing post publishes this in its service guide.")]
        super().validate_instance(instance, errors, validate_unique)

    def check_scope(self, instance, new):
        organisation = instance.organisation if instance.organisation_id else None
        if organisation is None:
            return
        if organisation.kind not in (Organisation.Kind.UNIT, Organisation.Kind.BRANCH):
            raise ValidationError({"organisation": gettext_lazy("Posts belong to a unit or a branch.")})
        super().check_scope(instance, new)
        if new and instance.pk is None:
            count = self.post_counts.get(organisation.pk, 0) + 1
            self.post_counts[organisation.pk] = count
            if count > MAX_POSTS_PER_ORGANISATION:
                raise ValidationError({"organisation": Message("%(name)s would have more than %(n)s posts.",
                                                               name=organisation.name, n=MAX_POSTS_PER_ORGANISATION)})


class PostTemplate(PostExporter):
    def __init__(self):
        super().__init__(user=None)

    def filename(self):
        return _("post-import-template") + ".xlsx"

    def rows(self):
        yield ("UA", "", _("Policy advice post"), str(Post.Kind.PUBLIC.label), _("Answer questions about approval policies."),
               _("policy advice"), "", 22, 55, 2, _("yes"), _("Approval policies"), "", "", "", "",
               _("Identity card"), 3, "不收费", "", "", "", "12345")


class PostImport(imports.ImportSpec):
    code = "posts"
    title = gettext_lazy("Import pioneer posts")
    columns = POST_COLUMNS
    resource_class = PostResource
    key = ("organisation", "title")
    audit_action = "posts.posts.imported"
    done_url_name = "posts:post_list"

    def allowed(self, acc):
        return acc.manages_any

    def template(self):
        return PostTemplate()


imports.register(WindowImport())
imports.register(PostImport())
