"""Forms of step 1: opening a round, declaring a post."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin, DateField
from posts.models import Post, Round


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


class PostRadioSelect(forms.RadioSelect):
    """Every post of the round, full ones shown but not choosable (the service refuses them anyway)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        post = getattr(value, "instance", None)
        if post is not None and post.is_full:
            option["attrs"]["disabled"] = True
        return option


class NominationForm(CrispyMixin, forms.Form):
    submit_label = _("Declare this post")
    post = forms.ModelChoiceField(label=_("post"), queryset=Post.objects.none(), widget=PostRadioSelect, empty_label=None)
    statement = forms.CharField(
        label=_("why I fit"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your specialties and experience that fit the post (at most 1000 characters)."),
    )

    def __init__(self, *args, posts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if posts is not None:
            self.fields["post"].queryset = posts
            self.fields["post"].label_from_instance = lambda p: (
                _("%(title)s (full)") % {"title": p.title} if p.is_full else
                _("%(title)s (%(left)d of %(capacity)d places left)") % {"title": p.title, "left": p.places_left, "capacity": p.capacity}
            )
