"""What the app records about moves: audit entries and the notifications people read."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pioneer import words


class AuditEntry(models.Model):
    """Who moved what from which state to which, when and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A system actor ("the system (notice period over)") is a stored message, so it reads in the reader's language.
    actor_name = words.MessageCharField(_("by"), max_length=150, blank=True)
    actor_name_key = words.key_field()
    actor_name_params = words.params_field()
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    # The district the object belongs to (members.audit.district_of): a district's staff read their own history.
    committee = models.ForeignKey("members.Organisation", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
                                  related_name="+")
    # What the entry is about, named in the reader's language when the name is made of words (pioneer.words.described).
    object_repr = words.MessageCharField(_("object"), max_length=200)
    object_repr_key = words.key_field()
    object_repr_params = words.params_field()
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    # A person's reason is kept as typed; a reason the app writes is a stored message (pioneer.words).
    reason = words.MessageTextField(_("reason"), blank=True)
    reason_key = words.key_field()
    reason_params = words.params_field()
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["committee", "-created_at"], name="audit_committee_time_idx"),
        ]

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    # The history pages speak in words: the apps register their codes' labels (members.audit.register_actions).
    @property
    def action_label(self) -> str:
        from members import audit

        return audit.action_label(self.action)

    @property
    def from_label(self) -> str:
        from members import audit

        return audit.state_label(self.action, self.from_state)

    @property
    def to_label(self) -> str:
        from members import audit

        return audit.state_label(self.action, self.to_state)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user about a decision that concerns them."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = words.MessageCharField(_("message"), max_length=500)
    text_key = words.key_field()
    text_params = words.params_field()
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.text
