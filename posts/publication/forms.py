"""Forms of step 3: objections by members and the public, answers, tracking."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin
from posts.codes import normalise_tracking_code
from posts.form_tokens import OneTimeTokenForm


class ObjectionForm(OneTimeTokenForm):
    """An objection by a member (logged in) or by the public (with an optional name and contact).

    Its one-time token makes a double click (or a resent page) one objection, as the feedback form does.
    """

    token_salt = "posts.publication.objection"

    assignment = forms.TypedChoiceField(label=_("about"), required=False, coerce=int, empty_value=None)
    name = forms.CharField(label=_("your name (optional)"), max_length=50, required=False)
    contact = forms.CharField(label=_("contact (optional)"), max_length=50, required=False)
    text = forms.CharField(
        label=_("objection or comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 1000 characters."),
    )

    def __init__(self, *args, assignments=(), public=False, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].choices = [("", _("The whole publication"))] + [
            (a.pk, f"{a.member.name} · {a.post.title}") for a in assignments
        ]
        if not public:
            del self.fields["name"], self.fields["contact"]
        self.helper = FormHelper(self)
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Send")))


class AnswerForm(CrispyMixin, forms.Form):
    submit_label = _("Send the answer")
    answer = forms.CharField(label=_("answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    # No outcome preselected: the secretary decides each time whether the objection holds.
    upheld = forms.TypedChoiceField(
        label=_("outcome"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("no", _("Not upheld: confirmation goes ahead")), ("yes", _("Upheld: the assignment goes back to review"))],
    )
    assignment = forms.TypedChoiceField(label=_("assignment the upheld objection concerns"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, assignments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignments is None:
            self.drop_fields("assignment")
        else:
            self.fields["assignment"].choices = [("", "—")] + [(a.pk, f"{a.member.name} · {a.post.title}") for a in assignments]


class TrackForm(CrispyMixin, forms.Form):
    submit_label = _("Look up")
    code = forms.CharField(label=_("tracking code"), max_length=32)

    def clean_code(self):
        return normalise_tracking_code(self.cleaned_data["code"])
