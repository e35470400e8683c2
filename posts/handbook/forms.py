"""The form that publishes a handbook edition."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin


class PublishHandbookForm(CrispyMixin, forms.Form):
    submit_label = _("Publish this edition")
    title = forms.CharField(label=_("title"), max_length=200, initial=_("Public service handbook"))
    note = forms.CharField(label=_("note"), max_length=300, required=False)
    # The latest edition when the page was shown: the same form sent twice publishes once.
    after = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
