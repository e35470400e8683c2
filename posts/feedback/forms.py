"""Forms of the public's feedback and the staff's replies."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin
from posts.codes import normalise_tracking_code
from posts.form_tokens import OneTimeTokenForm
from posts.models import FEEDBACK_MAX_LENGTH, Feedback


class FeedbackForm(OneTimeTokenForm):
    token_salt = "posts.feedback.form"  # the salt of the forms already open in browsers

    kind = forms.ChoiceField(label=_("What would you like to send?"), choices=Feedback.Kind.choices, widget=forms.RadioSelect)
    member = forms.ModelChoiceField(
        label=_("Member on duty concerned (optional)"), required=False, queryset=None, empty_label=_("Nobody in particular"),
    )
    text = forms.CharField(
        label=_("What happened"), max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": FEEDBACK_MAX_LENGTH}),
        help_text=_("Up to %(n)d characters.") % {"n": FEEDBACK_MAX_LENGTH},
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=50)
    contact_phone = forms.RegexField(
        label=_("Your phone (optional)"), required=False, regex=r"^[0-9+\- ]{5,20}$",
        error_messages={"invalid": _("Enter a valid phone number.")},
        help_text=_("Only the unit sees your contact details; they are never shown on the public page."),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.name
        self.helper = FormHelper(self)
        self.helper.add_input(Submit("submit", _("Send"), css_class="btn-party btn-lg w-100"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a few words."))
        return text


class TrackingLookupForm(forms.Form):
    # Room for the dashes and spaces people type between groups of characters.
    code = forms.CharField(label=_("Tracking code"), max_length=32)

    def clean_code(self):
        code = normalise_tracking_code(self.cleaned_data["code"])
        if len(code) != 12:
            raise forms.ValidationError(_("A tracking code has 12 letters and digits."))
        return code


class RatingForm(forms.Form):
    CHOICES = [
        ("satisfied", _("I am satisfied")),
        ("dissatisfied", _("I am not satisfied")),
        ("reopen", _("I am not satisfied and ask the working committee to review it (once)")),
    ]
    opinion = forms.ChoiceField(label=_("Your opinion on the conclusion"), choices=CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=FEEDBACK_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask the committee to review."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.add_input(Submit("submit", _("Send my opinion"), css_class="btn-party"))

    def clean(self):
        data = super().clean()
        if data.get("opinion") == "reopen" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tell the committee why you are not satisfied."))
        return data


class ReopenForm(forms.Form):
    opinion = forms.CharField(widget=forms.HiddenInput, initial="reopen")
    comment = forms.CharField(
        label=_("Why are you not satisfied?"), max_length=FEEDBACK_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The working committee reviews the matter and answers you here. This is possible once."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.add_input(Submit("submit", _("Ask the working committee to review"), css_class="btn-party"))

    def clean_opinion(self):
        return "reopen"


class ReplyForm(CrispyMixin, forms.Form):
    submit_label = _("Send the reply")
    text = forms.CharField(label=_("Reply to the citizen"), max_length=FEEDBACK_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("The citizen reads this on the tracking page."))


class ConclusionForm(CrispyMixin, forms.Form):
    submit_label = _("Conclude")
    UPHELD = [("", _("Choose…")), ("yes", _("Upheld: the complaint was justified")), ("no", _("Not upheld"))]
    text = forms.CharField(label=_("Conclusion for the citizen"), max_length=FEEDBACK_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
    upheld = forms.ChoiceField(label=_("Complaint upheld?"), choices=UPHELD, required=False)
    serious = forms.BooleanField(label=_("Serious (counts heavily in the evaluation)"), required=False)

    def __init__(self, *args, is_complaint=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_complaint = is_complaint
        if not is_complaint:
            self.drop_fields("upheld", "serious")

    def clean(self):
        data = super().clean()
        if self.is_complaint:
            if data.get("upheld") not in ("yes", "no"):
                self.add_error("upheld", _("Say whether the complaint was upheld."))
            data["upheld"] = data.get("upheld") == "yes"
        else:
            data["upheld"], data["serious"] = None, False
        return data
