"""Step 4: a unit sets up its service windows from its public-facing posts, and the photos on their markers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import audit
from members.models import Organisation
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.common import check_manages
from posts.models import MemberPhoto, Window


def save_window(actor, *, window: Window, posts) -> Window:
    """Create or edit a unit's window and choose its posts: the unit's own public-facing posts only."""
    unit = window.organisation
    check_manages(actor, unit)
    if unit.kind != Organisation.Kind.UNIT:
        raise Refusal(_("Service windows belong to a unit party organisation."))
    posts = list(posts)
    for post in posts:
        if not post.is_public:
            raise Refusal(_("Only public-facing posts serve at a window: %(post)s is internal.") % {"post": post})
        if post.organisation_id != unit.pk and post.organisation.parent_id != unit.pk:
            raise Refusal(_("A window brings together posts of its own unit only."))
    created = window.pk is None
    with transaction.atomic():
        window.save()
        window.posts.set(posts)
        audit.record(
            actor, "posts.window.created" if created else "posts.window.updated", window,
            reason=Message("Posts: %(posts)s", posts=[post.title for post in posts]),
        )
    return window


def save_marker_photo(actor, *, member, image) -> MemberPhoto:
    """Store (or replace) the photo on a member's post marker."""
    with transaction.atomic():
        photo = MemberPhoto.objects.select_for_update().filter(member=member).first()
        old_name = photo.image.name if photo else ""
        if photo is None:
            photo = MemberPhoto(member=member)
        photo.image = image
        photo.uploaded_by = actor
        photo.uploaded_at = timezone.now()
        photo.save()
        audit.record(actor, "posts.marker_photo.uploaded", photo, reason=old_name)
    if old_name and old_name != photo.image.name:
        transaction.on_commit(lambda: photo.image.storage.delete(old_name))
    return photo
