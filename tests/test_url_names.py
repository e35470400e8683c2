"""Every URL name a template uses exists: a renamed URL fails here, not in front of a secretary."""

import re
from pathlib import Path

import pytest
from django.urls import get_resolver, reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
URL_TAG = re.compile(r"""\{%\s*url\s+(['"])(?P<name>[^'"]+)\1(?P<rest>.*?)%\}""", re.S)


def url_tags():
    """(template, URL name, whether the tag passes arguments) for every {% url 'name' … %} in templates/."""
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in URL_TAG.finditer(path.read_text(encoding="utf-8")):
            rest = re.sub(r"\bas\s+\w+\s*$", "", match["rest"].strip())
            yield str(path.relative_to(TEMPLATES)), match["name"], bool(rest.strip())


def name_exists(name: str) -> bool:
    """Is there a URL pattern of this (namespaced) name, whatever arguments it takes?"""
    *namespaces, base = name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        _prefix, resolver = resolver.namespace_dict[namespace]
    return base in resolver.reverse_dict


def test_the_parser_finds_the_url_tags():
    found = list(url_tags())
    assert len(found) >= 100
    assert ("includes/pagination.html", "", False) not in found
    assert any(name == "members:excel:member_export" for _t, name, _a in found)


def test_the_name_check_knows_a_missing_name():
    assert name_exists("members:excel:member_export") and name_exists("members:detail")
    assert not name_exists("members:no_such_page") and not name_exists("no_such_namespace:list")


@pytest.mark.parametrize(("template", "name", "with_args"), sorted(set(url_tags())))
def test_every_url_name_in_the_templates_exists(template, name, with_args):
    assert name_exists(name), f"{template} uses the URL name {name!r}, which does not exist"
    if not with_args:
        reverse(name)
