"""Filtering the results list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Grade, Result
from members.models import Organisation


class ResultFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + list(Result.Kind.choices))
    grade = forms.ChoiceField(label=_("grade"), required=False, choices=[("", _("All grades"))] + list(Grade.choices))
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All states"))] + list(Result.Status.choices))
    unit = forms.ModelChoiceField(label=_("unit"), required=False, queryset=Organisation.objects.none(), empty_label=_("All units"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
