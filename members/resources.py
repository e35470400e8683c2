"""django-import-export resources: create-or-update organisations and members by their natural keys.

Columns are named by stable keys (`member_no`, `branch`…); `members.imports`
maps an uploaded workbook's headers, in Chinese or English, onto these keys.
Choice columns accept the label in either language or the stored code.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult

from members import access, bulk
from members.models import Member, Organisation
from pioneer import cachekeys
from pioneer.excel import parse_date, unescape_formula
from pioneer.words import Message


def said(error: Exception):
    """What an exception was raised with, when that is a Message or a lazy translation; else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], Message | Promise):
        return error.args[0]
    return force_str(error)


class TextWidget(widgets.CharWidget):
    """Text as typed, formula escape removed, blank for empty cells."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unescape_formula(str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """A choice by its label in any of our languages, or by its stored code."""

    def __init__(self, choices_class, **kwargs):
        self.choices_class = choices_class
        self.lookup = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for value, label in choices_class.choices:
                    self.lookup[str(label).strip().lower()] = value
        for value in choices_class.values:
            self.lookup[str(value).lower()] = value
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(Message("This cell must not be empty."))
        found = self.lookup.get(str(value).strip().lower())
        if found is None:
            raise ValueError(Message("“%(value)s” is not one of: %(allowed)s.", value=value, allowed=list(self.choices_class)))
        return found

    def render(self, value, obj=None, **kwargs):
        return str(self.choices_class(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    YES = {"1", "true", "yes", "y", "是", "√", "✓"}
    NO = {"0", "false", "no", "n", "否", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(Message("Write “yes” or “no”, not “%(value)s”.", value=value))

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class OrganisationCodeWidget(widgets.Widget):
    """An organisation by its code, from one query per import (plus the ones this import creates)."""

    def __init__(self, kind=None, required=False, **kwargs):
        self.kind = kind
        self.required = required
        self.cache = None
        super().__init__(**kwargs)

    def load(self):
        if self.cache is None:
            # With the parent, so that access checks on these organisations need no further query.
            self.cache = {o.code: o for o in Organisation.objects.select_related("parent")}
        return self.cache

    def remember(self, organisation):
        self.load()[organisation.code] = organisation

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            if self.required:
                raise ValueError(Message("This cell must not be empty."))
            return None
        code = str(value).strip()
        organisation = self.load().get(code)
        if organisation is None:
            raise ValueError(Message("There is no organisation with the code “%(code)s”.", code=code))
        if self.kind and organisation.kind != self.kind:
            raise ValueError(Message("“%(code)s” is a %(kind)s, not a %(expected)s.", code=code,
                                     kind=Organisation.Kind(organisation.kind), expected=Organisation.Kind(self.kind)))
        return organisation

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


def shown(resource_field, instance):
    """A cell of a changed row for the preview: a choice or a yes/no as a value read in the reader's language
    (a message parameter), anything else as the file shows it."""
    widget, value = resource_field.widget, resource_field.get_value(instance)
    if isinstance(widget, YesNoWidget) and isinstance(value, bool):
        return value
    if isinstance(widget, ChoiceWidget) and value in widget.choices_class.values:
        return widget.choices_class(value)
    return str(resource_field.export(instance) or "—")


class KeyInstanceLoader(CachedInstanceLoader):
    """The cached loader, reading the key column once: tablib's `Dataset.dict` rebuilds every row each time it is read."""

    def __init__(self, resource, dataset=None):
        self.resource, self.dataset = resource, dataset
        self.pk_field = resource.fields[resource.get_import_id_fields()[0]]
        self.all_instances = {}
        if dataset is not None and dataset.height and self.pk_field.column_name in dataset.headers:
            name = self.pk_field.column_name
            ids = [self.pk_field.clean({name: value}) for value in dataset[name]]
            found = self.get_queryset().filter(**{f"{self.pk_field.attribute}__in": ids})
            self.all_instances = {self.pk_field.get_value(instance): instance for instance in found}


class PioneerResource(resources.ModelResource):
    """Shared behaviour: full model validation, unchanged rows skipped, optional save-free preview.

    `user` is whoever imports: rows outside what they manage are refused (see `check_scope`).
    """

    save_in_preview = True
    # The field naming the organisation a row belongs to: the importing user must manage it.
    scope_field = None

    class Meta:
        # Keyed by one natural key, looked up once for the whole file; unchanged rows are reported, not written.
        instance_loader_class = KeyInstanceLoader
        skip_unchanged = True
        report_skipped = True
        # No diff of every row: an existing row keeps a copy of itself as it was (see after_init_instance),
        # which is all that skip_row and the preview's list of changes need.
        skip_diff = True
        skip_html_diff = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.acc = access.for_user(user) if user is not None else None
        self._import_fields = None

    def get_import_fields(self):
        # Asked for several times per row (import, skip check, diff); the same list for the whole import.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def check_scope(self, instance, new):
        """Raise a ValidationError for a row the importing user may not write."""
        if self.scope_field is None or not getattr(instance, f"{self.scope_field}_id"):
            return
        organisation = getattr(instance, self.scope_field)
        if not self.acc.manages(organisation):
            raise ValidationError({self.scope_field: Message(
                "%(branch)s is not an organisation you manage; this row was not imported.", branch=organisation.name)})

    def import_instance(self, instance, row, **kwargs):
        # import-export's own loop, except that a widget's ValueError keeps its Message (import-export makes
        # it text in the job's language), so the preview reads it in each reader's language.
        errors = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            try:
                self.import_field(field, instance, row, **kwargs)
            except ValueError as e:
                errors[field.attribute] = ValidationError(said(e), code="invalid")
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs):
        # A copy with its own field cache (Model.__getstate__), so a changed branch or parent leaves it as it was.
        instance._import_original = None if new else copy.copy(instance)
        if self.acc is not None and not new:
            self.check_scope(instance, new)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An existing row whose every column is as stored (import-export's check, on our copy)."""
        original = getattr(instance, "_import_original", None)
        if original is None or import_validation_errors:
            return False
        return all(field.get_value(instance) == field.get_value(original) for field in self.get_import_fields())

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE and row_result.instance is not None:
            row_result.original = row_result.instance._import_original

    # Checks the widgets already made, skipped in full_clean() because each costs a query per row.
    clean_exclude = ()
    validate_database = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self.acc is not None and not errors:
            try:
                self.check_scope(instance, True)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        try:
            instance.full_clean(
                exclude=[*errors, *self.clean_exclude],
                validate_unique=self.validate_database,
                validate_constraints=self.validate_database,
            )
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # The history names the importer even when the rows are written by a worker, with no request to ask.
        if getattr(self.user, "is_authenticated", False):
            instance._history_user = self.user
        if kwargs.get("dry_run") and not self.save_in_preview:
            # Rows of this kind never depend on each other, so the preview only validates.
            self.before_save_instance(instance, row, **kwargs)
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)


class OrganisationResource(PioneerResource):
    kind = fields.Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Organisation.Kind))
    code = fields.Field(attribute="code", column_name="code", widget=TextWidget())
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    parent = fields.Field(attribute="parent", column_name="parent", widget=OrganisationCodeWidget())
    contact_person = fields.Field(attribute="contact_person", column_name="contact_person", widget=TextWidget())
    contact_phone = fields.Field(attribute="contact_phone", column_name="contact_phone", widget=TextWidget())
    address = fields.Field(attribute="address", column_name="address", widget=TextWidget())
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta:
        model = Organisation
        import_id_fields = ["code"]
        fields = ["kind", "code", "name", "parent", "contact_person", "contact_phone", "address", "is_active"]

    def get_queryset(self):
        return Organisation.objects.select_related("parent")

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._level_before_import = None if new else instance.kind

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        before = getattr(instance, "_level_before_import", None)
        if before and instance.kind != before:
            # Like the edit form: another level would orphan the organisation's children and members.
            errors["kind"] = [gettext_lazy("The level of an existing organisation cannot change.")]
        super().validate_instance(instance, errors, validate_unique)

    def after_save_instance(self, instance, row, **kwargs):
        # A unit created earlier in the file can be the parent of a branch further down.
        self.fields["parent"].widget.remember(instance)


class MemberResource(PioneerResource):
    """Members are written in batches (`use_bulk`): no row depends on another, and a roster is tens of thousands.

    The batches do what `Member.save()` and its signals would for each row: the branch's unit and committee,
    `updated_at`, one history row each (by the importing user), and the public pages' counter (posts.public_cache).
    A batch the database refuses becomes the import's error, and the whole import is rolled back.
    """

    scope_field = "branch"
    save_in_preview = False
    # The branch widget resolved an existing branch; choices are checked by their widgets (so the
    # check constraints hold); member numbers are unique in the file (checked before) and the cached
    # loader found the existing ones; the database's unique index still guards the apply.
    clean_exclude = ("branch",)
    validate_database = False

    member_no = fields.Field(attribute="member_no", column_name="member_no", widget=TextWidget())
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    gender = fields.Field(attribute="gender", column_name="gender", widget=ChoiceWidget(Member.Gender))
    birth_date = fields.Field(attribute="birth_date", column_name="birth_date", widget=DateWidget())
    education = fields.Field(attribute="education", column_name="education", widget=ChoiceWidget(Member.Education))
    position = fields.Field(attribute="position", column_name="position", widget=TextWidget())
    job_title = fields.Field(attribute="job_title", column_name="job_title", widget=TextWidget())
    qualifications = fields.Field(attribute="qualifications", column_name="qualifications", widget=TextWidget())
    specialties = fields.Field(attribute="specialties", column_name="specialties", widget=TextWidget())
    standing = fields.Field(attribute="standing", column_name="standing", widget=ChoiceWidget(Member.Standing))
    is_cadre = fields.Field(attribute="is_cadre", column_name="is_cadre", widget=YesNoWidget())
    phone = fields.Field(attribute="phone", column_name="phone", widget=TextWidget())
    branch = fields.Field(attribute="branch", column_name="branch", widget=OrganisationCodeWidget(kind=Organisation.Kind.BRANCH, required=True))
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta:
        model = Member
        use_bulk = True
        batch_size = 1000
        import_id_fields = ["member_no"]
        fields = [
            "member_no", "name", "gender", "birth_date", "education", "position", "job_title", "qualifications",
            "specialties", "standing", "is_cadre", "phone", "branch", "is_active",
        ]

    def get_queryset(self):
        return Member.objects.select_related("branch__parent")

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and (using_transactions or not dry_run):
            self._write_batch(self.create_instances, created=True, raise_errors=raise_errors, result=result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            self._write_batch(self.update_instances, created=False, raise_errors=raise_errors, result=result)

    def _write_batch(self, batch, *, created, raise_errors, result):
        members = batch
        try:
            # Its own savepoint, so that a refused batch leaves the transaction usable for the rollback.
            with transaction.atomic():
                if created:
                    members = bulk.create_members(members, batch_size=self._meta.batch_size)
                else:
                    now = timezone.now()
                    for m in members:
                        m.unit_id, m.committee_id, m.updated_at = m.branch.unit_id, m.branch.committee_id, now
                    fields = [*self.get_bulk_update_fields(), "unit", "committee", "updated_at"]
                    Member.objects.bulk_update(members, fields, batch_size=self._meta.batch_size)
                Member.history.bulk_history_create(members, batch_size=self._meta.batch_size, update=not created,
                                                   default_user=self.user)
                cachekeys.bump("public")
        except Exception as e:  # noqa: BLE001 - reported as the import's error, as import-export does
            self.handle_import_error(result, e, raise_errors)
        finally:
            batch.clear()
