"""Writes to the post catalogue: an organisation offers 1 to 10 posts, set by its secretaries."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members import audit
from members.models import Organisation
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.catalogue.models import MAX_POSTS_PER_ORGANISATION, REQUIRED_GUIDE_FIELDS, SERVICE_GUIDE_FIELDS, Post
from posts.common import check_manages

# What a secretary edits on a post; everything else is set by the workflow.
EDITABLE_FIELDS = [
    "title", "kind", "duties", "required_specialties", "required_qualifications", "min_age", "max_age", "capacity",
    "service_items", "service_targets", "service_content", "service_procedure", "commitments", *SERVICE_GUIDE_FIELDS,
]


def _lock_organisation(organisation):
    # Serialises post creation per organisation so two secretaries cannot both add the 10th post.
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _check_room(organisation, exclude_pk=None):
    offered = Post.objects.offered_by(organisation).active()
    if exclude_pk:
        offered = offered.exclude(pk=exclude_pk)
    if offered.count() >= MAX_POSTS_PER_ORGANISATION:
        raise Refusal(
            _("An organisation offers at most %(max)d posts; %(organisation)s already offers %(max)d.")
            % {"max": MAX_POSTS_PER_ORGANISATION, "organisation": organisation}
        )


def _check_fields(fields):
    if fields.get("min_age") and fields.get("max_age") and fields["min_age"] > fields["max_age"]:
        raise Refusal(_("The minimum age cannot be above the maximum age."))
    if not (fields.get("title") or "").strip() or not (fields.get("duties") or "").strip():
        raise Refusal(_("A post needs a title and its duties."))
    # The handbook publishes these for every public-facing post (服务项目、服务内容、服务承诺).
    if fields.get("kind", Post.Kind.PUBLIC) == Post.Kind.PUBLIC and not all(
        (fields.get(name) or "").strip() for name in ("service_items", "service_content", "commitments")
    ):
        raise Refusal(_("A public-facing post publishes its service items, content and commitments."))
    if fields.get("kind", Post.Kind.PUBLIC) == Post.Kind.PUBLIC and not all(
        str(fields.get(name) or "").strip() for name in REQUIRED_GUIDE_FIELDS
    ):
        raise Refusal(_("A public-facing post publishes its service guide: required materials, time limit in working days and supervision phone."))


def create_post(actor, *, organisation, **fields) -> Post:
    """Add a post to an organisation's catalogue (at most 10 offered at once)."""
    check_manages(actor, organisation)
    if organisation.kind not in (Organisation.Kind.UNIT, Organisation.Kind.BRANCH):
        raise Refusal(_("Posts belong to a unit party organisation or a branch."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_fields(fields)
    with transaction.atomic():
        _lock_organisation(organisation)
        _check_room(organisation)
        post = Post.objects.create(organisation=organisation, **fields)
        audit.record(actor, "posts.post.created", post, to_state="offered")
    return post


def update_post(actor, *, post, **fields) -> Post:
    """Edit what a post asks and offers; capacity never drops below the members holding it."""
    check_manages(actor, post.organisation)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    merged = {name: getattr(post, name) for name in EDITABLE_FIELDS} | fields
    _check_fields(merged)
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        holders = locked.assignments.live().count()
        if merged["capacity"] < holders:
            raise Refusal(
                _("%(holders)d members hold this post: its places cannot be fewer.") % {"holders": holders}
            )
        changed = [name for name in EDITABLE_FIELDS if getattr(locked, name) != merged[name]]
        for name in changed:
            setattr(locked, name, merged[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
            audit.record(actor, "posts.post.updated", locked, reason=Message("Changed: %(fields)s", fields=[Post._meta.get_field(name).verbose_name for name in changed]))
    return locked


def withdrawal_blocked(post) -> str:
    """Why the post cannot stop being offered now ("" when it can): the one rule, for the service and its confirmation page."""
    holders = post.assignments.live().count()
    if holders:
        return ngettext("%(n)s member holds this post: revise their assignment first.",
                        "%(n)s members hold this post: revise their assignments first.", holders) % {"n": holders}
    if not Post.objects.offered_by(post.organisation).active().exclude(pk=post.pk).exists():
        return _("An organisation offers at least one post: add another before withdrawing this one.")
    return ""


def set_post_offered(actor, *, post, offered: bool) -> Post:
    """Offer a post again or stop offering it, keeping 1 to 10 offered posts."""
    check_manages(actor, post.organisation)
    with transaction.atomic():
        _lock_organisation(post.organisation)
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.is_active == offered:
            return locked
        if offered:
            _check_room(locked.organisation, exclude_pk=locked.pk)
        elif reason := withdrawal_blocked(locked):
            raise Refusal(reason)
        locked.is_active = offered
        locked.save(update_fields=["is_active", "updated_at"])
        audit.record(actor, "posts.post.offered" if offered else "posts.post.withdrawn", locked,
                     from_state="withdrawn" if offered else "offered", to_state="offered" if offered else "withdrawn")
    return locked
