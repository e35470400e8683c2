"""Forms of the sources: the member's self-report, a peer rating, the organisation's rating of a member."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import PeerRating
from members.forms import CrispyMixin


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
