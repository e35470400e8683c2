"""Publication (公示明岗) of a round's assignments and the objections raised against it (step 3)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from pioneer import words
from posts.catalogue.models import Assignment, Post, own_organisations_q
from posts.codes import new_publication_code, new_tracking_code, search_q
from posts.nominations.models import Round

__all__ = ["Publication", "Objection"]


class PublicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see what they manage; members see their branch's and unit's publications."""
        return access.scope(self, user, "round__organisation__", also=own_organisations_q(user, "round__organisation"))

    def in_notice(self):
        return self.filter(status=Publication.Status.NOTICE)

    def public(self):
        """What the public may see: publications with at least one public-facing post on them."""
        # EXISTS, not DISTINCT over the join: the list stops at its LIMIT instead of de-duplicating every publication.
        links = Publication.assignments.through.objects.filter(publication=OuterRef("pk"), assignment__post__kind=Post.Kind.PUBLIC)
        return self.filter(Exists(links))

    def due(self, day: datetime.date):
        """Past their notice and with every objection answered: the ones the daily run confirms."""
        return self.in_notice().filter(ends_on__lt=day).exclude(objections__status="open")

    def held(self, day: datetime.date):
        """Past their notice but waiting for an answer to an objection (有未答复的异议,暂缓确认)."""
        return self.in_notice().filter(ends_on__lt=day, objections__status="open").distinct()


class Publication(models.Model):
    """Publication (公示明岗) of a round's assignments: open for objections for a notice period, then confirmed."""

    class Status(models.TextChoices):
        NOTICE = "notice", _("In public notice")
        CONFIRMED = "confirmed", _("Confirmed")

    round = models.ForeignKey(Round, verbose_name=_("nomination round"), on_delete=models.PROTECT, related_name="publications")
    code = models.CharField(_("public code"), max_length=16, unique=True, default=new_publication_code, editable=False)
    # A title the app writes ("…先锋岗公示（第1批）") is a stored message (pioneer.words): it reads in the reader's language.
    title = words.MessageCharField(_("title"), max_length=200)
    title_key = words.key_field()
    title_params = words.params_field()
    assignments = models.ManyToManyField(Assignment, verbose_name=_("assignments"), related_name="publications")
    reason = models.TextField(_("reason for revision"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOTICE)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"))
    ends_on = models.DateField(_("notice ends"), help_text=_("Last day of the notice period."))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["notice", "confirmed"]), name="publication_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("posts:publication_detail", args=[self.pk])

    def described(self):
        return words.said(self, "title")

    @property
    def in_notice(self) -> bool:
        return self.status == self.Status.NOTICE

    def is_due_on(self, day: datetime.date) -> bool:
        return self.in_notice and self.ends_on < day

    @property
    def awaits_confirmation(self) -> bool:
        """The notice period is over but the daily command has not confirmed it yet: objections are closed."""
        return self.is_due_on(timezone.localdate())

    @property
    def is_held(self) -> bool:
        """Past its notice but an objection is still unanswered: confirmation waits for every answer."""
        return self.awaits_confirmation and self.objections.unanswered().exists()

    @property
    def takes_objections(self) -> bool:
        return self.in_notice and not self.awaits_confirmation


class ObjectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see the objections to what they manage; a member sees the ones they raised."""
        raised = Q(raised_by=user) if access.for_user(user).is_authenticated else None
        return access.scope(self, user, "publication__round__organisation__", also=raised)

    def unanswered(self):
        return self.filter(status=Objection.Status.OPEN)

    def search(self, q: str):
        """Find by full tracking code (as the public types it), name or contact phone."""
        return self.filter(search_q(q, name="name", phone="contact"))


class Objection(models.Model):
    """An objection or comment (异议) on a publication, by a member or the public, answered by the secretary."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting answer")
        ANSWERED = "answered", _("Answered")

    publication = models.ForeignKey(Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="objections")
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("about"), null=True, blank=True, on_delete=models.SET_NULL, related_name="objections",
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("your name (optional)"), max_length=50, blank=True)
    contact = models.CharField(_("contact (optional)"), max_length=50, blank=True)
    text = models.TextField(_("objection or comment"), max_length=1000)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True, max_length=2000)
    # Set with the answer: an upheld objection sends its assignment back to review; empty while open.
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised"), default=timezone.now)
    # One-time token of the form that sent it: a second click on "send" finds this row instead of adding one.
    submission_token = models.CharField(max_length=64, null=True, blank=True, editable=False)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "answered"]), name="objection_status_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="objection_text_not_empty"),
            models.CheckConstraint(
                condition=Q(status="open", upheld__isnull=True) | Q(status="answered", upheld__isnull=False),
                name="objection_outcome_with_answer",
            ),
            # Per publication: the token is looked up with the publication it was sent to.
            models.UniqueConstraint(fields=["publication", "submission_token"], name="objection_submitted_once"),
        ]

    def __str__(self):
        return self.described().render()

    def described(self):
        return words.Message("Objection %(code)s", code=self.tracking_code)

    @property
    def is_public(self) -> bool:
        return self.raised_by_id is None
