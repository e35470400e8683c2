"""Text the app writes for people, stored as a message key with parameters and rendered in the reader's language.

A notification or a history note written while a Chinese secretary was signed in must still read in
English to an English reader, and a citizen writing in English must not put English into the Chinese
staff inbox. So the app stores what it means, not the sentence:

    Message("Your evaluation result for %(year)s is published.", year=2026)

The key is the English msgid (`makemessages` finds `Message("…")` calls: see the makemessages command in
pioneer/management). Parameter values may be plain values (names, numbers, dates, a person's own words),
or things that are themselves translatable and rendered at read time:

- a nested `Message`;
- a lazy translation (a model field's `verbose_name`, a `TextChoices` label, `gettext_lazy("…")`);
- a `TextChoices` member (stored as the choices class and value, shown with its label);
- `True`/`False` (shown as yes/no), a list (joined with the language's list separator), a date.

A model stores a message in three columns: `<name>` (the text: free text a person typed, legacy rows,
and for stored messages a snapshot in the site's language for search), `<name>_key` and
`<name>_params`. Reading `<name>` on the instance renders the message in the active language; a row
with an empty key shows its text column as it is, so rows written before this change keep working.
"""

import datetime
import importlib
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext

KEY_LENGTH = 200


class Message:
    """What the app means to say: an English msgid and its parameters, rendered when someone reads it."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params):
        self.key = str(key)
        self.params = {name: encode(value) for name, value in params.items()}

    @classmethod
    def stored(cls, key: str, params: dict | None) -> "Message":
        message = cls(key)
        message.params = dict(params or {})
        return message

    def render(self) -> str:
        return render(self.key, self.params)

    def __str__(self):
        return self.render()

    def __eq__(self, other):
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self):
        return hash(self.key)

    def __repr__(self):
        return f"Message({self.key!r}, **{self.params!r})"


class Sentences(tuple):
    """Sentences read one after another: no space between them in Chinese, one in English."""


def sentences(*parts) -> Message:
    """One stored message made of several (a plaque reason: the score, then the decision)."""
    return Message("%(sentences)s", sentences=Sentences(parts))


def _lazy_msgid(value: Promise) -> str | None:
    """The msgid behind `gettext_lazy("…")`; None for other lazy objects (pgettext_lazy, format_lazy)."""
    try:
        func, args, kwargs = value.__reduce__()[1][:3]
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    if getattr(func, "__name__", "") == "gettext" and len(args) == 1 and isinstance(args[0], str) and not kwargs:
        return args[0]
    return None


def encode(value):
    """A parameter as JSON that still knows what to translate at read time."""
    if isinstance(value, Message):
        return {"_msg": value.key, "params": value.params}
    if isinstance(value, models.Choices):
        cls = type(value)
        return {"_choice": f"{cls.__module__}:{cls.__qualname__}", "value": value.value}
    if isinstance(value, Promise):
        msgid = _lazy_msgid(value)
        return {"_msg": msgid, "params": {}} if msgid is not None else str(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return {"_datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"_date": value.isoformat()}
    if isinstance(value, Sentences):
        return {"_sentences": [encode(v) for v in value]}
    if isinstance(value, list | tuple | set | frozenset):
        return {"_list": [encode(v) for v in value]}
    return str(value)


def _choice_label(path: str, value) -> str:
    module, _sep, qualname = path.partition(":")
    try:
        choices = importlib.import_module(module)
        for part in qualname.split("."):
            choices = getattr(choices, part)
    except (ImportError, AttributeError):
        return str(value)
    # Only a choices class may be named: the path comes from our own rows, but nothing else is looked up.
    if not (isinstance(choices, type) and issubclass(choices, models.Choices)):
        return str(value)
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def decode(value) -> str:
    """A stored parameter in the active language."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dict):
        if "_msg" in value:
            return render(value["_msg"], value.get("params"))
        if "_choice" in value:
            return _choice_label(value["_choice"], value.get("value"))
        if "_date" in value:
            return formats.date_format(datetime.date.fromisoformat(value["_date"]))
        if "_datetime" in value:
            return formats.date_format(datetime.datetime.fromisoformat(value["_datetime"]), "DATETIME_FORMAT")
        if "_sentences" in value:
            separator = "" if (translation.get_language() or "").startswith("zh") else " "
            return separator.join(decode(v) for v in value["_sentences"])
        if "_list" in value:
            return pgettext("list separator", ", ").join(decode(v) for v in value["_list"])
    return "" if value is None else str(value)


class _Keep(dict):
    """A placeholder with no value stays visible instead of raising."""

    def __missing__(self, name):
        return f"%({name})s"


def _value(value):
    # A number stays a number, so a key may say `%(n)d` as well as `%(n)s`.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return decode(value)


PLURAL = "_plural"


def plural(singular: str, plural_form: str, number: str, /, **params) -> Message:
    """A message with a plural form (as `ngettext`), its form chosen by the parameter named `number` when read."""
    message = Message(singular, **params)
    message.params[PLURAL] = {"plural": plural_form, "number": number}
    return message


def _lazy_plural(value: Promise) -> tuple[str, str, str] | None:
    """(singular, plural, number parameter) behind `ngettext_lazy(…, "name")`; None for anything else."""
    try:
        unpickle, args = value.__reduce__()[:2]
        func, _resultclass, number, kwargs = args
    except (AttributeError, TypeError, ValueError):
        return None
    if (getattr(unpickle, "__name__", "") != "_lazy_number_unpickle" or getattr(func, "__name__", "") != "ngettext"
            or not isinstance(number, str) or not isinstance(kwargs, dict)):
        return None
    singular, plural_form = kwargs.get("singular"), kwargs.get("plural")
    return (singular, plural_form, number) if isinstance(singular, str) and isinstance(plural_form, str) else None


def render(key: str, params: dict | None = None) -> str:
    """The message in the active language; a parameter the translation lost never breaks the page."""
    form = (params or {}).get(PLURAL)
    if isinstance(form, dict) and isinstance(form.get("plural"), str):
        params = {name: value for name, value in params.items() if name != PLURAL}
        count = params.get(form.get("number"))
        text = ngettext(key, form["plural"], count if isinstance(count, int) and not isinstance(count, bool) else 0)
    else:
        text = gettext(key)
    if not params:
        return text
    values = _Keep({name: _value(value) for name, value in params.items()})
    for template in (text, key):
        try:
            return template % values
        except (TypeError, ValueError):
            continue
    return text


def of_error(error) -> "Message | str":
    """What one Django `ValidationError` says, kept so that it reads in each reader's language.

    Its message as raised: a `Message` as it is, a `gettext_lazy("…")` as that msgid with the error's
    params; anything else (already translated text, `ngettext_lazy`, `format_lazy`, or a lazy message
    whose params include a lazy that cannot be kept) is the text it renders to now, params applied. Pass one error of `error.error_list` or of `error.error_dict[name]`.
    """
    if not hasattr(error, "message"):
        return " ".join(getattr(error, "messages", [str(error)]))
    message, params = error.message, error.params or {}
    if isinstance(message, Message):
        return message
    msgid = _lazy_msgid(message) if isinstance(message, Promise) else None
    # Only when its words survive too: Django's "%(model_name)s with this %(field_label)s…" has capfirst()
    # lazies, which would be stored as text, and the reader would get half a sentence in another language.
    keepable = all(_lazy_msgid(v) is not None for v in params.values() if isinstance(v, Promise))
    if msgid is not None and keepable:
        return Message(msgid, **params)
    forms = _lazy_plural(message) if isinstance(message, Promise) else None
    if forms is not None and keepable and isinstance(params.get(forms[2]), int):
        # Django's own plurals ("Ensure this value has at most %(limit_value)d characters…"): both forms kept.
        return plural(*forms, **params)
    try:
        # As Django does: a lazy plural (ngettext_lazy) picks its form from the params.
        return str(message % params if params else message)
    except (TypeError, ValueError, KeyError):
        return str(message)


def restore(value) -> "Message | str":
    """A message or text as `encode` stored it, to be printed in the active language when read.

    A stored message comes back as a `Message` (rendered only when printed); a plain string, as stored
    before messages were kept, comes back as it is.
    """
    if isinstance(value, dict) and "_msg" in value:
        return Message.stored(value["_msg"], value.get("params"))
    return value if isinstance(value, str) else decode(value)


def snapshot(message) -> str:
    """The message in the site's language, for the text column (search, exports, old readers)."""
    if not isinstance(message, Message):
        return str(message or "")
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        return message.render()


def columns(name: str, value, *, max_length: int | None = None) -> dict:
    """The three columns' values for `value`, a Message or a plain string: `Model.objects.create(**columns(...))`."""
    text = snapshot(value)
    if max_length:
        text = text[:max_length]
    if isinstance(value, Message):
        return {name: text, f"{name}_key": value.key[:KEY_LENGTH], f"{name}_params": value.params}
    return {name: text, f"{name}_key": "", f"{name}_params": {}}


def put(instance, name: str, value, *, max_length: int | None = None) -> list[str]:
    """Set the three columns of `name` on an instance (a Message or a plain string); return their names for `update_fields`."""
    values = columns(name, value, max_length=max_length)
    for attname, column in values.items():
        setattr(instance, attname, column)
    return list(values)


def message_of(instance, name: str) -> Message | None:
    """The stored message behind `instance.<name>`, None for plain text."""
    key = getattr(instance, f"{name}_key", "")
    return Message.stored(key, getattr(instance, f"{name}_params", None)) if key else None


def described(obj):
    """What names `obj` for people, for a record kept longer than one reader's visit (the history's "object").

    A model whose name is made of translatable words (a kind, a state, "nomination round") has a
    `described()` returning a Message, and its `__str__` renders that; any other object is named by its text.
    """
    describe = getattr(obj, "described", None)
    return describe() if callable(describe) else str(obj)


def said(instance, name: str):
    """What `instance.<name>` says, as a parameter of another message: its stored message (read in each
    reader's language) or, for text a person typed, the text."""
    return message_of(instance, name) or getattr(instance, name)


class RenderedAttribute(DeferredAttribute):
    """Reading the text column gives the stored message in the reader's language, or the text as it is."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        raw = super().__get__(instance, cls)
        message = message_of(instance, self.field.attname)
        return message.render() if message is not None else raw

    # A data descriptor: without __set__, the loaded value in the instance's __dict__ would hide __get__.
    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class _Rendered:
    descriptor_class = RenderedAttribute

    def pre_save(self, model_instance, add):
        # Saving writes the stored text back, not its rendering in whoever saves' language.
        return model_instance.__dict__.get(self.attname)

    def deconstruct(self):
        # Migrations see the plain Django field: rendering is read-time behaviour, not schema.
        name, path, args, kwargs = super().deconstruct()
        return name, path.replace("pioneer.words.Message", "django.db.models."), args, kwargs


class MessageCharField(_Rendered, models.CharField):
    """A CharField whose `<name>_key`/`<name>_params` siblings, when set, say what it reads."""


class MessageTextField(_Rendered, models.TextField):
    """A TextField whose `<name>_key`/`<name>_params` siblings, when set, say what it reads."""


def key_field() -> models.CharField:
    return models.CharField(max_length=KEY_LENGTH, blank=True, default="", editable=False)


def params_field() -> models.JSONField:
    return models.JSONField(default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder)
