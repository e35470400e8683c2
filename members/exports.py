"""Excel exports of organisations and the member roster, and the import templates.

The roster's columns are also the member import's columns, so an exported
roster imports back unchanged.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.forms import MemberFilterForm
from members.models import Member, Organisation
from pioneer.excel import Column, XlsxExporter

ORGANISATION_COLUMNS = [
    Column("code", Organisation._meta.get_field("code").verbose_name, 12, required=True),
    Column("name", Organisation._meta.get_field("name").verbose_name, 32, required=True),
    Column("kind", Organisation._meta.get_field("kind").verbose_name, 16, required=True),
    Column("parent", gettext_lazy("parent organisation code"), 14, required=True),
    Column("parent_name", Organisation._meta.get_field("parent").verbose_name, 32, export_only=True),
    Column("contact_person", Organisation._meta.get_field("contact_person").verbose_name, 12),
    Column("contact_phone", Organisation._meta.get_field("contact_phone").verbose_name, 16),
    Column("address", Organisation._meta.get_field("address").verbose_name, 36),
    Column("is_active", Organisation._meta.get_field("is_active").verbose_name, 10),
]


def _label(name):
    return Member._meta.get_field(name).verbose_name


MEMBER_COLUMNS = [
    Column("member_no", _label("member_no"), 14, required=True),
    Column("name", _label("name"), 12, required=True),
    Column("gender", _label("gender"), 8, required=True),
    Column("birth_date", _label("birth_date"), 12, required=True),
    Column("education", _label("education"), 14, required=True),
    Column("position", _label("position"), 24, required=True),
    Column("job_title", _label("job_title"), 16),
    Column("qualifications", _label("qualifications"), 30),
    Column("specialties", _label("specialties"), 30),
    Column("standing", _label("standing"), 12),
    Column("is_cadre", _label("is_cadre"), 8),
    Column("phone", _label("phone"), 16),
    Column("branch", gettext_lazy("branch code"), 12, required=True),
    Column("branch_name", gettext_lazy("branch name"), 28, export_only=True),
    Column("is_active", _label("is_active"), 10),
]


def filtered_members(user, data):
    """The members the list page shows this user for these filters (a QueryDict)."""
    branches = Organisation.objects.managed_by(user).branches()
    return MemberFilterForm(data or None, branches=branches).filter(Member.objects.visible_to(user))


class OrganisationExporter(XlsxExporter):
    columns = ORGANISATION_COLUMNS
    sheet_title = gettext_lazy("Organisations")
    filename_stem = gettext_lazy("organisations")

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def rows(self):
        kinds = dict(Organisation.Kind.choices)
        yes, no = _("yes"), _("no")
        for o in self.queryset.select_related("parent").order_by("code").iterator(chunk_size=2000):
            yield (
                o.code, o.name, str(kinds[o.kind]), o.parent.code if o.parent else "", o.parent.name if o.parent else "",
                o.contact_person, o.contact_phone, o.address, yes if o.is_active else no,
            )


class MemberExporter(XlsxExporter):
    """The roster: one row per member, in the member import's columns."""

    columns = MEMBER_COLUMNS
    sheet_title = gettext_lazy("Party members")
    filename_stem = gettext_lazy("party-member-roster")

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def rows(self):
        # Labels looked up once, not per row: a 100,000-row roster spends its time in openpyxl.
        genders = {k: str(v) for k, v in Member.Gender.choices}
        educations = {k: str(v) for k, v in Member.Education.choices}
        standings = {k: str(v) for k, v in Member.Standing.choices}
        yes, no = _("yes"), _("no")
        # One joined query read in chunks; plain tuples instead of model instances keep the
        # per-row cost close to openpyxl's own (see benchmarks/).
        queryset = self.queryset.order_by("branch__code", "member_no").values_list(
            "member_no", "name", "gender", "birth_date", "education", "position", "job_title", "qualifications",
            "specialties", "standing", "is_cadre", "phone", "branch__code", "branch__name", "is_active",
        )
        for (number, name, gender, born, education, position, title, qualifications, specialties, standing, cadre, phone,
             branch_code, branch_name, active) in queryset.iterator(chunk_size=2000):
            yield (
                number, name, genders.get(gender, gender), born, educations.get(education, education), position, title,
                qualifications, specialties, standings.get(standing, standing), yes if cadre else no, phone,
                branch_code, branch_name, yes if active else no,
            )


class TemplateExporter(XlsxExporter):
    """An empty import workbook: the headers and one example row."""

    def __init__(self, columns, example, title, stem):
        self.columns = columns
        self.example = example
        self.sheet_title = title
        self.filename_stem = stem

    def filename(self):
        return f"{self.filename_stem}.xlsx"

    def rows(self):
        yield self.example


def organisation_template():
    example = ("UA-3", _("Third party branch of the approval office"), str(Organisation.Kind.BRANCH.label), "UA", "",
               _("Wang Fang"), "+86 10 8888 6666", _("No. 1 Civic Centre Road"), _("yes"))
    return TemplateExporter(ORGANISATION_COLUMNS, example, gettext_lazy("Organisations"), _("organisation-import-template"))


def member_template():
    example = (
        "A1-101", _("Li Na"), str(Member.Gender.FEMALE.label), datetime.date(1988, 3, 5), str(Member.Education.MASTER.label),
        _("Section chief, approval window"), _("Economist"), _("Legal professional qualification"),
        _("policy advice, window service"), str(Member.Standing.FULL.label), _("no"), "13800138000", "UA-1", "", _("yes"),
    )
    return TemplateExporter(MEMBER_COLUMNS, example, gettext_lazy("Party members"), _("member-import-template"))
