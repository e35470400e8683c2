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
