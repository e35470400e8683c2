"""Service windows: working-day deadlines, the handbook and its frozen editions, marker photos."""


from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from members import audit
from members.models import Organisation
from posts.models import Assignment, HandbookEdition, MemberPhoto, Window
from posts.services.catalogue import DomainError, check_manages


def save_window(actor, window: Window, posts) -> Window:
    """Create or edit a unit's window and choose its posts: the unit's own public-facing posts only."""
    unit = window.organisation
    check_manages(actor, unit)
    if unit.kind != Organisation.Kind.UNIT:
        raise DomainError(_("Service windows belong to a unit party organisation."))
    posts = list(posts)
    for post in posts:
        if not post.is_public:
            raise DomainError(_("Only public-facing posts serve at a window: %(post)s is internal.") % {"post": post})
        if post.organisation_id != unit.pk and post.organisation.parent_id != unit.pk:
            raise DomainError(_("A window brings together posts of its own unit only."))
    created = window.pk is None
    with transaction.atomic():
        window.save()
        window.posts.set(posts)
        audit.record(
            actor, "posts.window.created" if created else "posts.window.updated", window,
            reason="、".join(post.title for post in posts),
        )
    return window


def windows_with_duty():
    """Windows with their unit, posts and the confirmed holders of those posts: three queries for any number of windows."""
    holders = Assignment.objects.confirmed().select_related("member").order_by("member__member_no")
    return Window.objects.select_related("organisation").prefetch_related(
        Prefetch("posts", to_attr="post_list", queryset=_posts_queryset(holders)),
    )


def _posts_queryset(holders):
    from posts.models import Post

    return Post.objects.active().public_facing().order_by("pk").prefetch_related(
        Prefetch("assignments", queryset=holders, to_attr="holders")
    )


def compile_handbook() -> dict:
    """The handbook from today's data: open windows grouped by unit, each with its posts, service items and members on duty."""
    windows = windows_with_duty().active().order_by("organisation__code", "code")
    units: dict[int, dict] = {}
    for window in windows:
        org = window.organisation
        unit = units.setdefault(org.pk, {"code": org.code, "name": org.name, "windows": []})
        unit["windows"].append({
            "code": window.code,
            "name": window.name,
            "location": window.location,
            "opening_hours": window.opening_hours,
            "phone": window.phone,
            "theme": window.theme,
            "commitments": window.commitments,
            "posts": [
                {
                    "title": post.title,
                    "duties": post.duties,
                    "service_items": post.service_items,
                    "service_targets": post.service_targets,
                    "service_content": post.service_content,
                    "service_procedure": post.service_procedure,
                    "commitments": post.commitments,
                    "members": [a.member.name for a in post.holders],
                }
                for post in window.post_list
            ],
        })
    return {"units": list(units.values())}


def publish_handbook(actor, *, title: str = "", note: str = "", now=None) -> HandbookEdition:
    """Freeze today's handbook as the next edition."""
    now = now or timezone.now()
    content = compile_handbook()
    window_count = sum(len(unit["windows"]) for unit in content["units"])
    if not window_count:
        raise DomainError(_("There is no open service window to publish."))
    try:
        with transaction.atomic():
            version = (HandbookEdition.objects.aggregate(v=Max("version"))["v"] or 0) + 1
            edition = HandbookEdition.objects.create(
                version=version,
                title=title or _("Public service handbook"),
                note=note,
                content=content,
                window_count=window_count,
                published_at=now,
                published_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit.record(actor, "posts.handbook.published", edition, to_state=str(version), reason=note)
    except IntegrityError as exc:
        # Two people published at the same moment: the unique version lets only one through.
        raise DomainError(_("Someone else published an edition at the same moment. Reload and try again.")) from exc
    return edition


def save_marker_photo(member, image, actor) -> MemberPhoto:
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


def unit_choices_for(user):
    return Organisation.objects.managed_by(user).units().order_by("code")
