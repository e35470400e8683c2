"""One-time form tokens for the forms a double click must not send twice (the public's feedback, objections).

Each rendered form carries a signed random token in a hidden field; the row it creates keeps the token, and
the service gives back that row when the same token comes again (a second click, a resent page), so one
form makes one row. The signature keeps anyone from choosing a token; a form left open for a day expires.
"""

import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open for a day must be reloaded


def new_form_token(salt: str) -> str:
    return signing.dumps(secrets.token_urlsafe(24), salt=salt)


class OneTimeTokenForm(forms.Form):
    """A form with a hidden one-time `token`; `cleaned_data["token"]` is the bare token (None when refused)."""

    token_salt = ""  # one per form, so one form's token is never another's
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.token_salt:
            raise TypeError(f"{type(self).__name__} needs a token_salt")
        if not self.is_bound:
            self.initial["token"] = self.new_token()

    @classmethod
    def new_token(cls) -> str:
        return new_form_token(cls.token_salt)

    def clean_token(self):
        try:
            return signing.loads(self.cleaned_data["token"], salt=self.token_salt, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            return None

    def clean(self):
        data = super().clean()
        if not data.get("token"):
            # A hidden field's error would not show: say it above the form, and give a fresh token.
            self.add_error(None, _("This form has expired. Please send it again."))
            data_copy = self.data.copy()
            data_copy["token"] = self.new_token()
            self.data = data_copy
        return data
