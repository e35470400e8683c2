"""Which district the public site shows: the `district` query parameter, city-wide without one.

Every public page of a committee (home, windows, handbook, plaque register, headline figures) reads the
district here and filters its queryset with `in_district(...)`, so a district's pages show that district only.
"""

from django.db.models import Q

from members.models import Organisation

PARAMETER = "district"


def current_district(request) -> Organisation | None:
    """The committee named by `?district=<code>`, or None (city-wide) when absent or unknown. At most one query."""
    code = (request.GET.get(PARAMETER) or "").strip()
    if not code:
        return None
    cached = getattr(request, "_pioneer_district", None)
    if cached is not None and cached.code == code:
        return cached
    district = Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE, code=code, is_active=True).first()
    request._pioneer_district = district
    return district


def in_district(district: Organisation | None, path: str = "organisation") -> Q:
    """A Q over rows whose organisation (at `path`) is in the district; everything when city-wide."""
    if district is None:
        return Q()
    return Q(**{f"{path}__committee": district.pk} if path else {"committee": district.pk})


def districts():
    """The districts a visitor can pick on the home page. One query."""
    return list(Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE, is_active=True).order_by("code")
                .values("code", "name"))
