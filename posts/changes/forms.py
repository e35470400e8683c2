"""Forms for the changes during the year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin, DateField, MemberForm
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


class AdmissionForm(CrispyMixin, forms.ModelForm):
    """A member joins the branch: how and when, then their own record as on the members' form (the branch is the page's)."""

    submit_label = _("Record the admission")
    kind = forms.ChoiceField(label=_("how the member joins"), choices=[(k, Movement.Kind(k).label) for k in Movement.JOINING])
    on = DateField(label=_("date of the change"), initial=timezone.localdate)
    reason = forms.CharField(label=_("reason or where from"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    birth_date = DateField(label=_("date of birth"))

    class Meta:
        model = Member
        # The members' form without what the admission decides: the branch (this page's) and being in service (yes).
        fields = [f for f in MemberForm.Meta.fields if f not in {"branch", "is_active"}]
        widgets = MemberForm.Meta.widgets

    field_order = ["kind", "on", "reason"]

