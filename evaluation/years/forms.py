"""Forms of the year's set-up: a new year, its rules, a criterion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Criterion, EvaluationYear
from evaluation.years.services import RULE_FIELDS, WEIGHT_FIELDS
from members.forms import CrispyMixin


class YearForm(CrispyMixin, forms.Form):
    submit_label = _("Create")
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


class RulesForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = EvaluationYear
        fields = RULE_FIELDS

    def clean(self):
        data = super().clean()
        total = sum(data.get(f) or 0 for f in WEIGHT_FIELDS)
        if total != 100:
            raise forms.ValidationError(_("The five weights add up to %(total)s%%; they must add up to 100%%.") % {"total": total})
        return data


class CriterionForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["category", "text", "max_points"]
