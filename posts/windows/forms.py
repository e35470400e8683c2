"""Forms of step 4 staff pages: a window and its posts, a marker photo."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.forms import CrispyMixin
from posts.models import Post, Window

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG"}
PHOTO_MAX_SIDE = 4000


class WindowForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Window
        fields = ["organisation", "code", "name", "location", "opening_hours", "phone", "theme", "commitments", "posts", "is_active"]
        widgets = {"commitments": forms.Textarea(attrs={"rows": 4}), "posts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units
        if self.instance.pk:
            # The code is printed on QR codes and plaques: it never changes after creation.
            self.fields["code"].disabled = True
            self.fields["organisation"].disabled = True
            unit = self.instance.organisation
        else:
            unit = units.first() if units is not None and units.count() == 1 else None
        posts = Post.objects.active().public_facing().select_related("organisation").order_by("organisation__code", "pk")
        if unit is not None:
            posts = posts.filter(Q(organisation=unit) | Q(organisation__parent=unit))
        else:
            # Someone who manages many units picks the unit first; the posts come when the window is edited.
            posts = posts.none()
            self.fields["posts"].help_text = _("Save the window first; then choose its posts on the edit page.")
        self.fields["posts"].queryset = posts
        self.fields["posts"].label_from_instance = lambda p: f"{p.title}（{p.organisation.name}）"


class MarkerPhotoForm(CrispyMixin, forms.Form):
    submit_label = _("Upload")
    image = forms.ImageField(label=_("photo"), help_text=_("A JPEG or PNG file of at most 2 MB."))

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is too large: at most 2 MB."))
        # ImageField has opened the file with Pillow; its format, not the file name, decides.
        pillow_image = getattr(image, "image", None)
        fmt = getattr(pillow_image, "format", None)
        if fmt not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Upload a JPEG or PNG photo."))
        # A small file can still claim enormous dimensions (a decompression bomb): refuse those too.
        if max(pillow_image.size) > PHOTO_MAX_SIDE:
            raise forms.ValidationError(_("The photo is too large: at most %(n)d pixels on a side.") % {"n": PHOTO_MAX_SIDE})
        image.name = f"photo.{'jpg' if fmt == 'JPEG' else 'png'}"
        return image
