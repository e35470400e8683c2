"""Small text helpers shared by matching and search."""

import re

_SPLIT = re.compile(r"[\s,，、;；/|。.·()（）]+")


def keywords(text: str) -> set[str]:
    """Split free text such as specialties into comparable keywords."""
    return {word for word in _SPLIT.split(text or "") if len(word) >= 2}
