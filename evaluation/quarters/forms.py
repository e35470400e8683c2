"""The quarterly activity form, with several evidence files at once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Activity
from members.forms import CrispyMixin, DateField
from members.models import Member
from posts.models import Window


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
