"""Printing vote cards, and the public's vote."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import Ballot
from members.forms import CrispyMixin
from posts.models import Window


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
        # The page's second button (a PDF in the background) submits this form by its id.
        self.helper.form_id = "token-batch-form"


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
