"""Choosing in a select as a person does: by the words they look for in the option's text."""


def choose_containing(page, select: str, words: str) -> None:
    """Select the one option of `select` whose text contains `words` (fails if none or several do)."""
    options = page.locator(f"{select} option", has_text=words)
    assert options.count() == 1, f"{options.count()} options of {select} contain {words!r}"
    page.select_option(select, value=options.first.get_attribute("value"))
