from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Member, Organisation

DATE_HINT = _("e.g. 2026-03-05 or 2026年3月5日")


CHOOSE = _("Choose…")


class CrispyMixin:
    """Every editing form: crispy rendering, and a required choice that asks instead of showing "---------"."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.add_input(Submit("submit", self.submit_label))
        for field in self.fields.values():
            if not field.required:
                continue
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = CHOOSE
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", CHOOSE), *list(field.choices)[1:]]

    def drop_fields(self, *names):
        """Take fields off the form and off the helper's layout, which was built with every field (a layout naming
        a field the form lacks makes crispy warn on every render)."""
        for name in names:
            del self.fields[name]
        self.helper.layout = self.helper.build_default_layout(self)

    def preselect_single(self, name):
        """Choose the only possible value of a required field for the user (one query, so each form opts in)."""
        if self.is_bound or self.initial.get(name) is not None:
            return
        only = list(self.fields[name].queryset.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            self.initial[name] = only[0]


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, and typed Chinese dates still parse (pioneer/formats)."""

    input_type = "date"

    def __init__(self, attrs=None):
        # A date input shows its value only in ISO form, whatever the language's display format.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date field with the browser's picker that accepts ISO and Chinese dates (see pioneer/formats)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(**kwargs)


class MemberForm(CrispyMixin, forms.ModelForm):
    birth_date = DateField(label=_("date of birth"))

    class Meta:
        model = Member
        fields = [
            "member_no", "name", "gender", "birth_date", "education", "position", "job_title",
            "qualifications", "specialties", "standing", "is_cadre", "phone", "branch", "is_active",
        ]
        widgets = {
            "qualifications": forms.Textarea(attrs={"rows": 2}),
            "specialties": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, branches=None, **kwargs):
        super().__init__(*args, **kwargs)
        if branches is not None:
            self.fields["branch"].queryset = branches
        # A branch secretary adds members to the one branch they have: no choice to make.
        self.preselect_single("branch")


class OwnProfileForm(CrispyMixin, forms.ModelForm):
    """What members keep up to date themselves: contact and specialty fields."""

    class Meta:
        model = Member
        fields = ["phone", "job_title", "qualifications", "specialties"]
        widgets = {
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "specialties": forms.Textarea(attrs={"rows": 3}),
        }


class OrganisationForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "code", "name", "parent", "contact_person", "contact_phone", "address", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.exclude(kind=Organisation.Kind.BRANCH)
        if self.instance.pk:
            # Moving an organisation to another level would orphan its children and members.
            self.fields["kind"].disabled = True


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    # Typed, not picked from a dropdown: a city's committee sees 2,500 branches. A branch code, part of a name,
    # or a branch's id (the dashboards link with it); members outside the user's scope are never in the list anyway.
    branch = forms.CharField(
        label=_("branch"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "list": "branch-options", "placeholder": _("Branch code or name")}),
    )
    # The dashboards' "members without a post" links here: the list shows exactly the members counted.
    post = forms.ChoiceField(
        label=_("pioneer post"), required=False,
        choices=[("", _("With or without a post")), ("without", _("In service, without a post")), ("with", _("On a post"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, branches=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.branches = branches

    def clean_branch(self):
        return self.cleaned_data["branch"].strip()

    @staticmethod
    def branch_matches(text: str) -> Q:
        """Members of the branch with this code or id, or of every branch whose name contains the text."""
        by_code = Q(branch__code__iexact=text)
        if text.isdigit():
            return by_code | Q(branch_id=int(text))
        return by_code | Q(branch__name__icontains=text)

    def filter(self, members):
        """The members these filters select; the list page and its Excel export both ask here, so they agree."""
        if not self.is_valid():
            return members
        q, branch, post = self.cleaned_data["q"], self.cleaned_data["branch"], self.cleaned_data["post"]
        if q:
            members = members.filter(
                Q(name__icontains=q) | Q(member_no__icontains=q) | Q(specialties__icontains=q) | Q(position__icontains=q)
            )
        if branch:
            members = members.filter(self.branch_matches(branch))
        if post == "with":
            members = members.meeting("on_post")
        elif post == "without":
            members = members.in_service().meeting("on_post", holds=False)
        return members
