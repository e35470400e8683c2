"""Forms of step 2: a decision with its reason, a placement on another post."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin
from posts.models import Post


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
