"""Service windows (step 4) and the photos on their post markers."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from posts.catalogue.models import Post

__all__ = ["Window", "MemberPhoto"]


class WindowQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managed_by(self, user):
        """Windows whose unit the user manages (a branch secretary manages none: windows belong to units)."""
        return access.scope(self, user, "organisation__")

    def visible_to(self, user):
        """What staff may look at: the windows they manage, and a branch secretary's own unit's windows."""
        acc = access.for_user(user)
        own_unit = Q(organisation__in=Organisation.objects.filter(children__in=acc.branch_ids).values("pk")) if acc.branch_ids else None
        return access.scope(self, user, "organisation__", also=own_unit)


class Window(models.Model):
    """A service window (服务窗口) of a unit: its public-facing posts and the members holding them."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("unit party organisation"), on_delete=models.PROTECT, related_name="windows",
        limit_choices_to={"kind": Organisation.Kind.UNIT},
    )
    code = models.CharField(
        _("window code"), max_length=32, unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and '-' only."))],
        help_text=_("Part of the window's public address, printed on QR codes: never change it once printed."),
    )
    name = models.CharField(_("window name"), max_length=100)
    location = models.CharField(_("location"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    theme = models.CharField(_("creation theme"), max_length=200, blank=True, help_text=_("e.g. 爱我岗位,展我才能,履我职责,争先创优"))
    commitments = models.TextField(_("four-zeros commitments"), blank=True, max_length=2000)
    posts = models.ManyToManyField(Post, verbose_name=_("public-facing posts"), related_name="windows", blank=True, limit_choices_to={"kind": Post.Kind.PUBLIC})
    is_active = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("service window")
        verbose_name_plural = _("service windows")
        ordering = ["organisation__code", "code"]

    def __str__(self):
        return self.name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit = self.__dict__.get("organisation_id")

    def save(self, *args, **kwargs):
        moved = not self._state.adding and self._unit is not None and self._unit != self.organisation_id
        super().save(*args, **kwargs)
        self._unit = self.organisation_id
        if moved:
            # Its feedback follows into the new unit's district (the district's inbox filters on that column).
            self.feedback.update(committee=self.organisation.committee_id)

    def get_absolute_url(self):
        return reverse("posts:window_public", args=[self.code])

    def clean(self):
        if self.organisation_id and self.organisation.kind != Organisation.Kind.UNIT:
            raise ValidationError({"organisation": _("A service window belongs to a unit party organisation.")})


def photo_path(instance, filename):
    return f"markers/{instance.member_id}-{secrets.token_hex(6)}.{filename.rsplit('.', 1)[-1].lower()}"


class MemberPhoto(models.Model):
    """The photo on a member's post marker (optional)."""

    member = models.OneToOneField(Member, verbose_name=_("party member"), on_delete=models.CASCADE, related_name="marker_photo")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("marker photo")
        verbose_name_plural = _("marker photos")

    def __str__(self):
        return str(self.member)
