import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Activity, Ballot, Criterion, EvaluationYear, PeerRating, Result
from evaluation.services import RULE_FIELDS
from members.forms import CrispyMixin, DateField
from members.models import Member, Organisation
from posts.models import Window


class YearForm(CrispyMixin, forms.Form):
    submit_label = _("Create")
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


class RulesForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = EvaluationYear
        fields = RULE_FIELDS

    def clean(self):
        data = super().clean()
        total = sum(data.get(f) or 0 for f in RULE_FIELDS[:5])
        if total != 100:
            raise forms.ValidationError(_("The five weights add up to %(total)s%%; they must add up to 100%%.") % {"total": total})
        return data


class CriterionForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["category", "text", "max_points"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ActivityForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Add activity")
    date = DateField(label=_("date"))
    evidence = MultipleFileField(label=_("evidence files"), required=False, help_text=_("PDF, JPG, PNG, DOCX or XLSX, up to 5 MB each."))

    class Meta:
        model = Activity
        fields = ["date", "kind", "description", "participants"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args, window: Window, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Member.objects.in_service().filter(branch__parent_id=window.organisation_id).order_by("member_no")


class SelfAssessmentForm(CrispyMixin, forms.Form):
    submit_label = _("Save my self-report")
    report = forms.CharField(label=_("self-report"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
                             help_text=_("How you fulfilled your post this year: duties, service, study, commitments."))
    score = forms.DecimalField(label=_("self-assessment score"), min_value=0, max_value=100, decimal_places=2,
                               help_text=_("0 to 100"))


class PeerRatingForm(forms.Form):
    rated = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(label=_("rating"), choices=PeerRating.Level.choices)


class MemberRatingForm(CrispyMixin, forms.Form):
    submit_label = _("Save the rating")
    score = forms.DecimalField(label=_("organisation rating"), min_value=0, max_value=100, decimal_places=2, help_text=_("0 to 100"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(CrispyMixin, forms.Form):
    submit_label = _("Approve")
    committee_score = forms.DecimalField(label=_("committee review score"), min_value=0, max_value=100, decimal_places=2, help_text=_("0 to 100"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_id = "approve-form"


class AdjustForm(CrispyMixin, forms.Form):
    submit_label = _("Adjust")
    points = forms.DecimalField(label=_("points (+/-)"), min_value=-20, max_value=20, decimal_places=2)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_id = "adjust-form"


class TokenBatchForm(CrispyMixin, forms.Form):
    submit_label = _("Generate and print cards")
    window = forms.ModelChoiceField(label=_("service window"), queryset=Window.objects.none())
    size = forms.IntegerField(label=_("number of cards"), min_value=1, max_value=500, initial=50)
    valid_days = forms.IntegerField(label=_("valid for (days)"), min_value=1, max_value=365, initial=60)
    # A fresh key each time the form is shown: submitting the same form twice (refreshing the printed cards) makes one batch.
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = Window.objects.active().select_related("organisation")
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())


class VoteForm(forms.Form):
    token = forms.CharField(label=_("card code"), max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                                          "placeholder": "XXXX-XXXX-XXXX-XXXX"}))
    rating = forms.ChoiceField(label=_("How satisfied are you with this window's service?"), choices=Ballot.Rating.choices,
                               widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_id = "vote-form"
        self.helper.add_input(Submit("submit", _("Vote"), css_class="btn-lg w-100"))


class ResultFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All"))] + list(Result.Kind.choices))
    grade = forms.ChoiceField(label=_("grade"), required=False, choices=[("", _("All grades"))])
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All states"))] + list(Result.Status.choices))
    unit = forms.ModelChoiceField(label=_("unit"), required=False, queryset=Organisation.objects.none(), empty_label=_("All units"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        from evaluation.models import Grade

        self.fields["grade"].choices = [("", _("All grades"))] + list(Grade.choices)
        if units is not None:
            self.fields["unit"].queryset = units
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
