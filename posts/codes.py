"""Random public codes: tracking codes read out on the phone, publication codes, plaque verification keys."""

import secrets


def normalise_tracking_code(typed: str) -> str:
    """What a person typed or read out, as stored: upper case, without spaces, dashes or dots."""
    return "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())


def new_tracking_code() -> str:
    # 12 characters from an unambiguous alphabet: unguessable, and easy to read out on the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def new_publication_code() -> str:
    return new_tracking_code()[:8]


def new_verification_code() -> str:
    # 22 URL-safe characters (128 bits): fits the column, and nobody can guess a plaque into the register.
    return secrets.token_urlsafe(16)


def search_q(typed: str, *, name: str, phone: str, code: str = "tracking_code"):
    """What staff type for a caller: a full tracking code (read out with spaces or dashes), a name or a phone.

    A code matches only in full: a partial code would let anyone who reads a list guess at others."""
    from django.db.models import Q

    typed = (typed or "").strip()
    if not typed:
        return Q()
    found = Q(**{f"{name}__icontains": typed}) | Q(**{phone: typed})
    code_typed = normalise_tracking_code(typed)
    if code_typed:
        found |= Q(**{code: code_typed})
    digits = "".join(ch for ch in typed if ch.isdigit())
    if len(digits) >= 7:
        found |= Q(**{f"{phone}__contains": digits})
    return found
