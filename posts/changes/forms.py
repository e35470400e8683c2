"""Forms for the changes during the year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin, DateField
from members.models import Member, Organisation
from posts.models import Movement


class SupplementaryRoundForm(CrispyMixin, forms.Form):
    submit_label = _("Open the supplementary round")
    idea = forms.CharField(label=_("overall idea"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    opens_on = DateField(label=_("opens"))
    closes_on = DateField(label=_("closes"))


class HandOverForm(CrispyMixin, forms.Form):
    submit_label = _("Hand the post over")
    successor = forms.ModelChoiceField(label=_("successor"), queryset=Member.objects.none())
    reason = forms.CharField(label=_("reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if successors is not None:
            self.fields["successor"].queryset = successors


class TransferForm(CrispyMixin, forms.Form):
    submit_label = _("Record the transfer")
    to_branch = forms.ModelChoiceField(label=_("to branch"), queryset=Organisation.objects.branches().order_by("code"))
    on = DateField(label=_("date of the change"), initial=timezone.localdate)
    reason = forms.CharField(label=_("reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:
            # Another branch of the member's own district: a move between districts is a transfer out and in.
            branches = self.fields["to_branch"].queryset.filter(committee_id=member.branch.committee_id)
            self.fields["to_branch"].queryset = branches.exclude(pk=member.branch_id)


class DepartureForm(CrispyMixin, forms.Form):
    submit_label = _("Record the departure")
    kind = forms.ChoiceField(label=_("kind of change"), choices=[(k, Movement.Kind(k).label) for k in Movement.LEAVING])
    on = DateField(label=_("date of the change"), initial=timezone.localdate)
    reason = forms.CharField(label=_("reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
