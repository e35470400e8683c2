"""The committee's review forms: approve with a score, adjust with a reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin


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
