"""Printing vote cards, and the public's vote."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evaluation.models import Ballot
from evaluation.vote.services import check_run_size
from members.forms import CrispyMixin
from members.models import Organisation
from pioneer.errors import Refusal
from posts.models import Window


class TokenBatchForm(CrispyMixin, forms.Form):
    submit_label = _("Generate and print cards")
    window = forms.ModelChoiceField(label=_("service window"), queryset=Window.objects.none())
    size = forms.IntegerField(label=_("number of cards"), min_value=1, max_value=500, initial=50)
    valid_days = forms.IntegerField(label=_("valid for (days)"), min_value=1, max_value=365, initial=60)
    # A fresh key each time the form is shown: submitting the same form twice (refreshing the printed cards) makes one batch.
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The windows of the district the user manages: another district's cards are not theirs to print.
        self.fields["window"].queryset = (Window.objects.active().managed_by(user).select_related("organisation")
                                          .order_by("organisation__code", "code"))
        # Hundreds of windows in a district: each named with its unit, in the units' order.
        self.fields["window"].label_from_instance = lambda w: f"{w.organisation.name} · {w.name}（{w.code}）"
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())
        # The page's second button (a PDF in the background) submits this form by its id.
        self.helper.form_id = "token-batch-form"


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return gettext("%(unit)s (%(n)s windows)") % {"unit": obj.name, "n": obj.open_windows}


class ManyWindowsCardsForm(CrispyMixin, forms.Form):
    """Cards for every open window of the chosen units, as one PDF made by one job."""

    submit_label = _("Make the cards as one PDF")
    units = UnitChoice(label=_("units"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple)
    size = forms.IntegerField(label=_("cards per window"), min_value=1, max_value=500, initial=50)
    valid_days = forms.IntegerField(label=_("valid for (days)"), min_value=1, max_value=365, initial=60)
    # One key per rendered form: the job run again (or the form sent again) makes no second set of cards.
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        windows = Window.objects.active().managed_by(user)
        self.fields["units"].queryset = (
            Organisation.objects.units().filter(pk__in=windows.values("organisation"))
            .annotate(open_windows=Count("windows", filter=Q(windows__is_active=True))).order_by("code")
        )
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())

    def clean(self):
        data = super().clean()
        if data.get("units") and data.get("size"):
            try:
                check_run_size(sum(unit.open_windows for unit in data["units"]), data["size"])
            except Refusal as exc:
                raise forms.ValidationError(exc.message) from None
        return data


class VoteForm(forms.Form):
    token = forms.CharField(label=_("card code"), max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                                          "placeholder": "XXXX-XXXX-XXXX-XXXX"}))
    rating = forms.ChoiceField(label=_("How satisfied are you with this window's service?"), choices=Ballot.Rating.choices,
                               widget=forms.RadioSelect)
    # The window the page names, from the card's QR address: public (the same on every card of the window), never the code.
    w = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_id = "vote-form"
        self.helper.add_input(Submit("submit", _("Vote"), css_class="btn-lg w-100"))
