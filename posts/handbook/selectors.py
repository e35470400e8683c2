"""Reads of a published handbook edition, served from the shared cache: editions never change, so neither do their pages."""

from django.core.cache import cache

from posts.models import HandbookEdition

# A week; an edition's pages are rebuilt from its row whenever the cache has dropped them.
TIMEOUT = 7 * 24 * 3600


def _key(edition, part: str) -> str:
    # The id and publication time name one frozen edition, even where a test database reuses ids.
    return f"handbook:{edition.pk}:{edition.published_at.timestamp():.0f}:{part}"


def edition_header(version=None):
    """The edition to show (the latest, or the one asked for), without its content: one query."""
    editions = HandbookEdition.objects.defer("content")
    if version is None:
        return editions.latest_first().first()
    return editions.filter(version=version).first()


def _fill(edition) -> dict:
    """Load the edition's content once and cache its contents and one entry per unit."""
    content = HandbookEdition.objects.values_list("content", flat=True).get(pk=edition.pk)
    units = content.get("units", [])
    contents = [
        {"code": u["code"], "name": u["name"], "windows": [{"code": w["code"], "name": w["name"]} for w in u["windows"]]}
        for u in units
    ]
    entries = {_key(edition, f"unit:{u['code']}"): u for u in units}
    entries[_key(edition, "contents")] = contents
    cache.set_many(entries, TIMEOUT)
    return entries


def contents(edition) -> list[dict]:
    """Units with their windows' codes and names, in the edition's order."""
    key = _key(edition, "contents")
    found = cache.get(key)
    return found if found is not None else _fill(edition)[key]


def unit(edition, code: str):
    """One unit's part of the edition (its windows, posts and members on duty), or None."""
    key = _key(edition, f"unit:{code}")
    found = cache.get(key)
    if found is None:
        found = _fill(edition).get(key)
    return found


def search(units: list[dict], q: str) -> list[dict]:
    """Units whose code or name matches, or with a window that does (then only those windows are listed)."""
    q = q.strip().casefold()
    if not q:
        return units
    found = []
    for u in units:
        if q in u["code"].casefold() or q in u["name"].casefold():
            found.append(u)
            continue
        windows = [w for w in u["windows"] if q in w["code"].casefold() or q in w["name"].casefold()]
        if windows:
            found.append(dict(u, windows=windows))
    return found

