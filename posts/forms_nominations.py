"""Forms for steps 1–3. They validate input only; the services decide and write."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin, DateField
from members.models import Organisation
from posts.models import Post, Round
from posts.models.windows import normalise_tracking_code
from posts.services.catalogue import EDITABLE_FIELDS


class PostForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["organisation", *EDITABLE_FIELDS]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["duties", "service_items", "service_targets", "service_content", "service_procedure", "commitments"]
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
            # The helper's layout was built with the organisation field: build it again without.
            self.helper = FormHelper(self)
            self.helper.add_input(Submit("submit", self.submit_label))
        elif organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("kind") == Post.Kind.PUBLIC:
            for name in ["service_items", "service_content", "commitments"]:
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("A public-facing post publishes its service items, content and commitments."))
        return data

    def _post_clean(self):
        # The service saves; skip the model's own full_clean of unsaved relations.
        pass


class RoundForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Open the round")
    opens_on = DateField(label=_("opens"))
    closes_on = DateField(label=_("closes"))

    class Meta:
        model = Round
        fields = ["organisation", "year", "idea", "opens_on", "closes_on"]
        widgets = {"idea": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def _post_clean(self):
        pass


class NominationForm(CrispyMixin, forms.Form):
    submit_label = _("Declare this post")
    post = forms.ModelChoiceField(label=_("post"), queryset=Post.objects.none(), widget=forms.RadioSelect, empty_label=None)
    statement = forms.CharField(
        label=_("why I fit"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your specialties and experience that fit the post (at most 1000 characters)."),
    )

    def __init__(self, *args, posts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if posts is not None:
            self.fields["post"].queryset = posts
            self.fields["post"].label_from_instance = lambda p: _("%(title)s (%(left)d of %(capacity)d places left)") % {
                "title": p.title, "left": p.places_left, "capacity": p.capacity,
            }


class ReasonForm(CrispyMixin, forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, submit_label=None, required=True, **kwargs):
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class PlaceForm(CrispyMixin, forms.Form):
    submit_label = _("Place on this post")
    post = forms.ModelChoiceField(label=_("post"), queryset=Post.objects.none())
    reason = forms.CharField(label=_("reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, posts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if posts is not None:
            self.fields["post"].queryset = posts


class ObjectionForm(forms.Form):
    """An objection by a member (logged in) or by the public (with an optional name and contact)."""

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


class TrackForm(CrispyMixin, forms.Form):
    submit_label = _("Look up")
    code = forms.CharField(label=_("tracking code"), max_length=32)

    def clean_code(self):
        return normalise_tracking_code(self.cleaned_data["code"])


def managed_post_organisations(user):
    return Organisation.objects.managed_by(user).filter(kind__in=[Organisation.Kind.UNIT, Organisation.Kind.BRANCH]).order_by("code")
