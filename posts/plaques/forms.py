"""Forms of plaque applications and their review."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin


class PlaqueApplicationForm(CrispyMixin, forms.Form):
    submit_label = _("Apply")
    window = forms.ModelChoiceField(label=_("service window"), queryset=None)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    statement = forms.CharField(
        label=_("creation conditions"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How the window meets the creation conditions: posts, members, commitments, systems."),
    )

    def __init__(self, *args, windows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.initial.setdefault("year", timezone.localdate().year)


class ReviewForm(CrispyMixin, forms.Form):
    submit_label = _("Record the decision")
    DECISIONS = [("approve", _("Approve: hang the striving plaque")), ("reject", _("Reject"))]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note or reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("A rejection needs a reason."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Give the reason for the rejection."))
        return data
