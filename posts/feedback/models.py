"""The public's feedback on a window, followed step by step to a conclusion."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member
from pioneer.words import Message
from posts.codes import new_tracking_code
from posts.windows.models import Window

__all__ = ["Feedback", "FeedbackEvent", "FEEDBACK_MAX_LENGTH", "follow_place"]

FEEDBACK_MAX_LENGTH = 2000


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What the windows' staff see: a district's staff (and a city's, over its districts) on the feedback's own
        committee column, everyone else through the windows they may look at."""
        acc = access.for_user(user)
        if acc.whole_district_ids:
            return self.filter(committee__in=acc.whole_district_ids)
        return self.filter(window__in=Window.objects.visible_to(user).values("pk"))

    def open(self):
        return self.filter(status__in=Feedback.OPEN)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def complaints(self):
        return self.filter(kind=Feedback.Kind.COMPLAINT)


class Feedback(models.Model):
    """Praise, a suggestion or a complaint about a window, followed to a conclusion."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Praise")
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLAINT = "complaint", _("Complaint")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        HANDLING = "handling", _("Being handled")
        CONCLUDED = "concluded", _("Concluded")
        ESCALATED = "escalated", _("With the committee")
        CLOSED = "closed", _("Closed")

    # Someone still owes the citizen an answer in these states.
    OPEN = [Status.RECEIVED, Status.HANDLING, Status.ESCALATED]
    DONE = [Status.CONCLUDED, Status.ESCALATED, Status.CLOSED]

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="feedback")
    # The district of the window's unit, kept here so that a district's inbox filters and counts on one indexed
    # column (with its status and due date) instead of joining windows and units. Set on creation; followed when
    # the window's unit moves district (`follow_place`) or the window moves to another unit (Window.save).
    committee = models.ForeignKey("members.Organisation", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
                                  related_name="+", db_index=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False)
    text = models.TextField(_("what happened"), max_length=FEEDBACK_MAX_LENGTH)
    member = models.ForeignKey(
        Member, verbose_name=_("member on duty concerned"), null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback",
    )
    contact_name = models.CharField(_("your name"), max_length=50, blank=True)
    contact_phone = models.CharField(_("your phone"), max_length=30, blank=True)
    # Set when the complaint is concluded: upheld complaints count against the window in the evaluation.
    upheld = models.BooleanField(_("complaint upheld"), null=True, blank=True)
    serious = models.BooleanField(_("serious"), default=False)
    created_at = models.DateTimeField(_("received"), db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    # The citizen's word on the conclusion, and the one reopening it allows.
    satisfied = models.BooleanField(_("satisfied with the answer"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # One-time token of the form that sent it: a second click on "send" finds this row instead of adding one.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="feedback_status_due_idx"),
            models.Index(fields=["committee", "status", "due_at"], name="feedback_committee_status_idx"),
            # A district's inbox opens on what awaits an answer, oldest deadline first: read in index order up
            # to the page's LIMIT (the status list is Feedback.OPEN's, as the inbox's query writes it).
            models.Index(fields=["committee", "due_at"], name="feedback_open_due_idx",
                         condition=Q(status__in=["received", "handling", "escalated"])),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["praise", "suggestion", "complaint"]), name="feedback_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["received", "handling", "concluded", "escalated", "closed"]), name="feedback_status_valid"
            ),
            models.CheckConstraint(condition=Q(upheld__isnull=True) | Q(kind="complaint"), name="feedback_only_complaints_upheld"),
            models.CheckConstraint(
                condition=~Q(text="") & LessThanOrEqual(Length("text"), FEEDBACK_MAX_LENGTH), name="feedback_text_length",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["received", "handling"]) | Q(concluded_at__isnull=False),
                name="feedback_concluded_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint", status__in=["concluded", "escalated", "closed"]) | Q(upheld__isnull=False),
                name="feedback_concluded_complaint_judged",
                violation_error_message=_("A concluded complaint must say whether it was upheld."),
            ),
            models.CheckConstraint(
                condition=Q(satisfied__isnull=True) | Q(status__in=["concluded", "escalated", "closed"]),
                name="feedback_rated_after_conclusion",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | Q(satisfied=False), name="feedback_reopened_only_if_dissatisfied",
            ),
            models.CheckConstraint(condition=~Q(status="closed") | Q(closed_at__isnull=False), name="feedback_closed_has_date"),
        ]

    def __str__(self):
        return self.described().render()

    def save(self, *args, **kwargs):
        if self.committee_id is None and self._state.adding:
            window = self.window if Feedback.window.is_cached(self) else None
            if window is not None and Window.organisation.is_cached(window):
                self.committee_id = window.organisation.committee_id
            else:
                self.committee_id = (Window.objects.filter(pk=self.window_id)
                                     .values_list("organisation__committee_id", flat=True).first())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:feedback_track", args=[self.tracking_code])

    def described(self):
        return Message("%(kind)s %(code)s", kind=Feedback.Kind(self.kind), code=self.reference)

    def get_manage_url(self):
        """The staff's page for it: the link in the unit's and the committee's notifications."""
        return reverse("posts:feedback_manage", args=[self.pk])

    @property
    def reference(self) -> str:
        """What staff see: the tracking code's first four characters.

        The full code is the citizen's key to rate the answer and ask the committee to review it, so the unit
        that is complained about never sees it (else it could mark its own complaints "satisfied")."""
        return f"{self.tracking_code[:4]}…"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())

    @property
    def can_be_rated(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.satisfied is None

    @property
    def can_be_reopened(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.satisfied is False and self.reopened_at is None


class FeedbackEvent(models.Model):
    """One step of a feedback's path, with the written reply the citizen reads at /feedback/<code>/."""

    class By(models.TextChoices):
        CITIZEN = "citizen", _("The person who wrote")
        UNIT = "unit", _("The unit")
        COMMITTEE = "committee", _("The working committee")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    by = models.CharField(_("from"), max_length=16, choices=By.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(_("from status"), max_length=16, choices=Feedback.Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, choices=Feedback.Status.choices)
    text = models.TextField(_("reply"), max_length=FEEDBACK_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("feedback step")
        verbose_name_plural = _("feedback steps")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(by__in=["citizen", "unit", "committee"]), name="feedback_event_by_valid"),
        ]

    def __str__(self):
        return self.described().render()

    def described(self):
        return Message("%(feedback)s → %(status)s", feedback=self.feedback.described(), status=Feedback.Status(self.to_status))


def follow_place(*, organisation=None, member=None):
    """Keep feedback's committee with its window's unit when the unit moves district (registered in members.PLACE_HOOKS)."""
    if organisation is not None and organisation.kind == organisation.Kind.UNIT:
        Feedback.objects.filter(window__organisation=organisation.pk).update(committee=organisation.committee_id)
