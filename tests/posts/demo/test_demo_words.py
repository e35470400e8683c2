"""The demo, read in English: what the app wrote while loading it (in Chinese, the site's language) reads in English.

The demo is loaded through the services, as people would use them, with the interface in Chinese. Every
stored message (notifications, publication titles, the audit's actors and reasons, plaque reasons) must then
read in English to an English reader; Chinese may remain only where people's own words or names are quoted.
"""

import re
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from pioneer import words

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
APPS = {"members", "posts", "evaluation", "auth"}


def message_fields():
    """(model, field name) of every stored-message column, found on the models (not listed by hand)."""
    return [
        (model, field.name)
        for model in apps.get_models()
        if model._meta.app_label in APPS
        for field in model._meta.concrete_fields
        if isinstance(field, words.MessageCharField | words.MessageTextField)
    ]


def typed_texts() -> set[str]:
    """What people typed or named: every text column of the apps except the stored messages and the audit's copy of a name."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.model_name.startswith("historical"):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not isinstance(f, words.MessageCharField | words.MessageTextField)
            and f.name != "object_repr"
        ]
        for row in model._default_manager.values_list(*fields):
            texts.update(value.strip() for value in row if isinstance(value, str) and CJK.search(value))
    # A handbook edition's title is the publisher's when they typed one (the default title is a stored message).
    texts.update(apps.get_model("posts", "HandbookEdition").objects.filter(title_key="").values_list("title", flat=True))
    return texts


def quoted(params) -> list[str]:
    """The plain strings among a message's parameters, nested ones included: names and words quoted, not the app's."""
    found = []
    values = params.values() if isinstance(params, dict) else params
    for value in values:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            inner = value.get("params") if "_msg" in value else value.get("_list", value.get("_sentences", []))
            found += quoted(inner or {})
        elif isinstance(value, list):
            found += quoted(value)
    return found


@pytest.fixture
def demo(db):
    with translation.override("zh-hans"):
        call_command("load_demo", verbosity=0)


def test_what_the_app_wrote_for_the_demo_reads_in_english(demo):
    typed = typed_texts()
    fields = message_fields()
    stored = Counter()
    chinese, not_quoted, not_keyed = [], [], []
    with translation.override("en"):
        for model, name in fields:
            for row in model._default_manager.all():
                key, text = getattr(row, f"{name}_key"), getattr(row, name)
                where = f"{model._meta.model_name}.{name} #{row.pk}"
                if not key:
                    # Text kept as it is must be a person's: typed somewhere, or a user's own name as the audit's actor.
                    app_writes_it = model._meta.model_name in ("notification", "publication") or (
                        name == "actor_name" and not row.actor_id
                    )
                    if text and (app_writes_it or (CJK.search(text) and text.strip() not in typed)):
                        if not (name == "actor_name" and row.actor_id):
                            not_keyed.append(f"{where}: {text}")
                    continue
                stored[(model._meta.model_name, name)] += 1
                rest = text
                for value in sorted(quoted(getattr(row, f"{name}_params")), key=len, reverse=True):
                    if CJK.search(value) and value.strip() not in typed:
                        not_quoted.append(f"{where}: {value}")
                    rest = rest.replace(value, "")
                if CJK.search(rest):
                    chinese.append(f"{where}: {text}")
    # Each kind of app-written text is there to be read (the walk is not checking an empty demo).
    assert all(
        stored[kind]
        for kind in [
            ("notification", "text"),
            ("publication", "title"),
            ("auditentry", "actor_name"),
            ("auditentry", "reason"),
            ("auditentry", "object_repr"),
            ("plaquerecord", "reason"),
        ]
    ), stored
    assert not chinese, "app-written text still in Chinese for an English reader:\n" + "\n".join(chinese[:20])
    assert not not_quoted, "a parameter in Chinese that nobody typed (app text frozen into a parameter):\n" + "\n".join(
        not_quoted[:20]
    )
    assert not not_keyed, "app-written text stored as a sentence, not as a message:\n" + "\n".join(not_keyed[:20])
