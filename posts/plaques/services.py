"""Plaques: applications (申报), the committee's preliminary review, and the per-year register."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import access, audit
from pioneer import words
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.models import PlaqueApplication, PlaqueRecord

A = PlaqueApplication.Status
L = PlaqueRecord.Level


def _change(previous, level) -> str:
    if previous is None or previous.level == L.NONE:
        return "" if level == L.NONE else PlaqueRecord.Change.AWARDED
    if level == L.NONE:
        return PlaqueRecord.Change.WITHDRAWN
    before, after = PlaqueRecord.RANK[previous.level], PlaqueRecord.RANK[level]
    if after > before:
        return PlaqueRecord.Change.UPGRADED
    if after < before:
        return PlaqueRecord.Change.DOWNGRADED
    return PlaqueRecord.Change.KEPT


def record_plaque(actor, *, window, year, level, source, reason="", now=None) -> PlaqueRecord:
    """Create or replace a window's plaque record for a year, note the change against the year before, and audit it.

    Written by step 4 (an approved application) and step 5 (the year-end evaluation); `actor` may be None for
    a decision the system takes (the audit then names no one). `reason` is a Message (the app's words, read
    in each reader's language) or what a person wrote."""
    if level not in L.values:
        raise Refusal(_("Unknown plaque level."))
    now = now or timezone.now()
    with transaction.atomic():
        record = PlaqueRecord.objects.select_for_update().filter(window=window, year=year).first()
        previous = PlaqueRecord.objects.filter(window=window, year__lt=year).order_by("-year").first()
        before = record.level if record else ""
        if record is None:
            record = PlaqueRecord(window=window, year=year)
        record.level, record.source = level, source
        words.put(record, "reason", reason)
        record.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        record.decided_at = now
        record.change = _change(previous, level)
        record.save()
        audit.record(actor, "posts.plaque.recorded", record, from_state=before, to_state=level, reason=reason)
    return record


def apply_for_plaque(actor, *, window, year, statement, now=None) -> PlaqueApplication:
    """The unit applies for a window to join the creation campaign for a year."""
    if not access.for_user(actor).manages(window.organisation):
        raise Refusal(_("Only the window's unit organisation can apply for it."))
    statement = (statement or "").strip()
    if not statement:
        raise Refusal(_("Describe how the window meets the creation conditions."))
    if not window.is_active:
        raise Refusal(_("A closed window cannot apply."))
    if PlaqueRecord.objects.in_force(year).filter(window=window).exists():
        raise Refusal(_("This window already holds a plaque for %(year)s.") % {"year": year})
    now = now or timezone.now()
    try:
        with transaction.atomic():
            application = PlaqueApplication.objects.create(
                window=window, year=year, statement=statement, applied_by=actor, applied_at=now,
            )
            audit.record(actor, "posts.plaque_application.submitted", application, to_state=A.SUBMITTED)
    except IntegrityError as exc:
        raise Refusal(_("This window already has an application for %(year)s.") % {"year": year}) from exc
    return application


def _locked(application):
    return PlaqueApplication.objects.select_for_update().select_related("window__organisation").get(pk=application.pk)


def _require_committee(actor):
    if not access.for_user(actor).is_committee_staff:
        raise Refusal(_("Only the working committee reviews plaque applications."))


def approve_plaque_application(actor, *, application, note="", now=None) -> PlaqueApplication:
    """Preliminary review passed: the window hangs the "striving for pioneer post" plaque for the year."""
    _require_committee(actor)
    now = now or timezone.now()
    with transaction.atomic():
        app = _locked(application)
        if app.status != A.SUBMITTED:
            raise Refusal(_("This application is already %(status)s.") % {"status": app.get_status_display()})
        if PlaqueRecord.objects.in_force(app.year).filter(window=app.window).exists():
            raise Refusal(_("This window already holds a plaque for %(year)s.") % {"year": app.year})
        plaque = record_plaque(
            actor, window=app.window, year=app.year, level=L.STRIVING, source=PlaqueRecord.Source.APPLICATION,
            reason=note or Message("Application approved after preliminary review."), now=now,
        )
        app.status, app.reviewed_by, app.reviewed_at, app.review_note, app.plaque = A.APPROVED, actor, now, note.strip(), plaque
        app.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "plaque"])
        audit.record(actor, "posts.plaque_application.approved", app, from_state=A.SUBMITTED, to_state=A.APPROVED, reason=note)
        _tell_applicant(app, Message("The application for %(window)s was approved.", window=app.window.name))
    return app


def reject_plaque_application(actor, *, application, reason, now=None) -> PlaqueApplication:
    """The creation conditions are not met yet: the unit is told why."""
    _require_committee(actor)
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(_("Give the reason for the rejection: the unit needs to know what to improve."))
    now = now or timezone.now()
    with transaction.atomic():
        app = _locked(application)
        if app.status != A.SUBMITTED:
            raise Refusal(_("This application is already %(status)s.") % {"status": app.get_status_display()})
        app.status, app.reviewed_by, app.reviewed_at, app.review_note = A.REJECTED, actor, now, reason
        app.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(actor, "posts.plaque_application.rejected", app, from_state=A.SUBMITTED, to_state=A.REJECTED, reason=reason)
        _tell_applicant(app, Message("The application for %(window)s was rejected.", window=app.window.name))
    return app


def withdraw_plaque_application(actor, *, application, now=None) -> PlaqueApplication:
    """The unit takes back an application that has not been reviewed."""
    with transaction.atomic():
        app = _locked(application)
        if not access.for_user(actor).manages(app.window.organisation):
            raise Refusal(_("Only the window's unit organisation can withdraw its application."))
        if app.status != A.SUBMITTED:
            raise Refusal(_("This application is already %(status)s.") % {"status": app.get_status_display()})
        app.status = A.WITHDRAWN
        app.save(update_fields=["status"])
        audit.record(actor, "posts.plaque_application.withdrawn", app, from_state=A.SUBMITTED, to_state=A.WITHDRAWN)
    return app


def _tell_applicant(app, text):
    if app.applied_by_id:
        audit.notify(app.applied_by, text, app.get_absolute_url())
