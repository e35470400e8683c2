"""Published editions of the public service handbook."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pioneer import words

__all__ = ["HandbookEdition"]


class HandbookEditionQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-version")


class HandbookEdition(models.Model):
    """A published edition of the public service handbook: a frozen snapshot, never edited."""

    version = models.PositiveIntegerField(_("edition"), unique=True, validators=[MinValueValidator(1)])
    # The default title is a stored message (pioneer.words), so it reads in the reader's language; a title typed is kept as typed.
    title = words.MessageCharField(_("title"), max_length=200)
    title_key = words.key_field()
    title_params = words.params_field()
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The compiled handbook (see posts.handbook.services.compile_handbook): units → windows → posts, as they stood.
    content = models.JSONField(_("content"))
    window_count = models.PositiveIntegerField(_("windows"), default=0)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = HandbookEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("handbook edition")
        verbose_name_plural = _("handbook editions")
        ordering = ["-version"]
        constraints = [models.CheckConstraint(condition=Q(version__gte=1), name="handbook_version_positive")]

    def __str__(self):
        return self.described().render()

    def save(self, *args, **kwargs):
        # A published edition is what the public was promised on that date: it never changes.
        if not self._state.adding:
            raise ValidationError(_("A published handbook edition cannot be changed; publish a new edition."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:handbook_edition", args=[self.version])

    def described(self):
        return words.Message("%(title)s (%(version)s)", title=words.said(self, "title"), version=self.version)
