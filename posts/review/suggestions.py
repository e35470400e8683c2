"""Which free posts fit a member best, and why: shown beside each declaration on the review board."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from posts.models import Post


@dataclass
class Suggestion:
    post: Post
    score: int
    reasons: list[str] = field(default_factory=list)


def _matches(words: set[str], wanted: set[str]) -> list[str]:
    # Chinese keywords rarely match exactly: "政策咨询" should meet "政策咨询服务".
    return sorted(w for w in wanted if any(w in have or have in w for have in words))


def suggest_posts(member, posts, *, today=None, limit=3) -> list[Suggestion]:
    """Rank posts for a member by specialty and qualification overlap, age range and free places, with reasons.

    `posts` should carry the `with_holder_count` annotation so that ranking needs no queries.
    """
    today = today or timezone.localdate()
    age = member.age_on(today)
    words = member.specialty_words()
    ranked = []
    for post in posts:
        if post.places_left == 0:
            continue
        reasons, score = [], 0
        matched = _matches(words, post.required_words())
        if matched:
            score += 3 * len(matched)
            reasons.append(_("matches %(words)s") % {"words": "、".join(matched)})
        if post.min_age is not None or post.max_age is not None:
            if post.age_fits(age):
                score += 1
                reasons.append(_("age %(age)d within the range") % {"age": age})
            else:
                score -= 5
                reasons.append(_("age %(age)d outside the range") % {"age": age})
        score += 1
        reasons.append(_("%(n)d places left") % {"n": post.places_left})
        ranked.append(Suggestion(post, score, reasons))
    ranked.sort(key=lambda s: (-s.score, s.post.pk))
    return ranked[:limit]
