"""Forms of the post catalogue. They validate input only; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin
from members.models import Organisation
from posts.catalogue.models import REQUIRED_GUIDE_FIELDS
from posts.catalogue.services import EDITABLE_FIELDS
from posts.models import Post


class PostForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["organisation", *EDITABLE_FIELDS]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "duties", "service_items", "service_targets", "service_content", "service_procedure", "commitments",
                "service_materials", "legal_basis",
            ]
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.drop_fields("organisation")
        elif organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("kind") == Post.Kind.PUBLIC:
            for name in ["service_items", "service_content", "commitments"]:
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("A public-facing post publishes its service items, content and commitments."))
            for name in REQUIRED_GUIDE_FIELDS:
                if not str(data.get(name) or "").strip():
                    self.add_error(name, _("A public-facing post publishes this in its service guide."))
        return data

    def _post_clean(self):
        # The service saves; skip the model's own full_clean of unsaved relations.
        pass


def managed_post_organisations(user):
    return Organisation.objects.managed_by(user).filter(kind__in=[Organisation.Kind.UNIT, Organisation.Kind.BRANCH]).order_by("code")
