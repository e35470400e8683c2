"""The public service handbook: compiled from today's windows and posts, published as frozen editions."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members import audit
from pioneer import words
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.catalogue.models import SERVICE_GUIDE_FIELDS
from posts.models import Assignment, HandbookEdition, Post, Window


def windows_with_duty():
    """Windows with their unit, posts and the confirmed holders of those posts: three queries for any number of windows."""
    holders = Assignment.objects.confirmed().select_related("member").order_by("member__member_no")
    return Window.objects.select_related("organisation").prefetch_related(
        Prefetch("posts", to_attr="post_list", queryset=_posts_queryset(holders)),
    )


def _posts_queryset(holders):
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
                    **{name: getattr(post, name) for name in SERVICE_GUIDE_FIELDS},
                    "members": [a.member.name for a in post.holders],
                }
                for post in window.post_list
            ],
        })
    return {"units": list(units.values())}


DEFAULT_TITLE = "Public service handbook"


def edition_title(title: str):
    """The title to store: the default title (left empty, or as the form offered it in any of the site's
    languages) is a stored message that reads in each reader's language; a title typed is kept as typed."""
    title = (title or "").strip()
    defaults = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            defaults.add(_(DEFAULT_TITLE))
    return Message("Public service handbook") if not title or title in defaults else title


def publish_handbook(actor, *, title: str = "", note: str = "", now=None, after: int | None = None) -> HandbookEdition:
    """Freeze today's handbook as the next edition.

    `after` is the latest edition the publisher saw (0 before the first): when another edition has been
    published since, nothing is published, so a form sent twice (or two jobs of one form) makes one edition.
    """
    now = now or timezone.now()
    content = compile_handbook()
    window_count = sum(len(unit["windows"]) for unit in content["units"])
    if not window_count:
        raise Refusal(_("There is no open service window to publish."))
    try:
        with transaction.atomic():
            latest = HandbookEdition.objects.aggregate(v=Max("version"))["v"] or 0
            if after is not None and latest != after:
                raise Refusal(_("Edition %(n)d has been published since this page was opened: nothing was published again.")
                              % {"n": latest})
            version = latest + 1
            edition = HandbookEdition.objects.create(
                version=version,
                **words.columns("title", edition_title(title), max_length=200),
                note=note,
                content=content,
                window_count=window_count,
                published_at=now,
                published_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit.record(actor, "posts.handbook.published", edition, to_state=str(version), reason=note)
    except IntegrityError as exc:
        # Two people published at the same moment: the unique version lets only one through.
        raise Refusal(_("Someone else published an edition at the same moment. Reload and try again.")) from exc
    return edition
