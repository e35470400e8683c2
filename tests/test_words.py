"""Stored messages: what the app writes is kept as a key with parameters and read in the reader's language."""

import datetime
from decimal import Decimal

from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from members.models import Role
from pioneer import words
from pioneer.words import Message


def in_(language, message):
    with translation.override(language):
        return str(message)


def test_a_message_reads_in_the_active_language():
    message = Message("Criteria frozen.")
    assert in_("en", message) == "Criteria frozen."
    assert in_("zh-hans", message) == "考核标准已冻结。"


def test_parameters_that_are_words_are_translated_when_read():
    message = Message("Changed: %(fields)s", fields=[gettext_lazy("role"), gettext_lazy("organisation")])
    assert in_("en", message) == "Changed: role, organisation"
    assert in_("zh-hans", message) == "修改了：角色、党组织"


def test_a_choice_is_stored_as_its_value_and_shown_with_its_label():
    message = Message("This role belongs to a %(kind)s.", kind=Role.Kind.BRANCH_SECRETARY)
    assert message.params == {"kind": {"_choice": "members.models:Role.Kind", "value": "branch_secretary"}}
    assert in_("en", message) == "This role belongs to a Branch secretary."
    assert "支部书记" in in_("zh-hans", message)


def test_flags_dates_numbers_and_nested_messages_read_as_words():
    message = Message("Upheld: %(upheld)s; serious: %(serious)s.", upheld=True, serious=False)
    assert in_("en", message) == "Upheld: yes; serious: no."
    assert in_("zh-hans", message) == "是否属实：是；是否严重：否。"
    dated = Message("%(date)s %(kind)s", date=datetime.date(2026, 3, 5), kind=Message("late"))
    assert in_("en", dated) == "March 5, 2026 late"
    assert Message("Criteria copied from %(year)s", year=Decimal("2025")).params == {"year": "2025"}


def test_params_survive_a_round_trip_through_json():
    import json

    message = Message("Changed: %(fields)s", fields=[gettext_lazy("role")])
    stored = Message.stored(message.key, json.loads(json.dumps(message.params)))
    assert in_("zh-hans", stored) == "修改了：角色"


def test_a_lazy_string_that_is_not_a_plain_msgid_is_kept_as_text():
    lazy = format_lazy("{} {}", "a", "b")
    assert words.encode(lazy) == "a b"


def test_a_translation_that_lost_a_parameter_never_breaks_the_page():
    assert words.render("Nobody translated %(this)s", {"that": 1}) == "Nobody translated %(this)s"
    assert words.render("%(n)d points", {"n": "many"}) == "%(n)d points"
    assert words.render("Hello %(name)s", {"name": "王"}) == "Hello 王"


def test_only_choices_classes_are_looked_up_from_a_stored_row():
    assert words.decode({"_choice": "os:system", "value": "echo"}) == "echo"
    assert words.decode({"_choice": "members.models:Nope", "value": "x"}) == "x"


def test_columns_store_key_params_and_a_snapshot_in_the_site_language():
    with translation.override("en"):
        values = words.columns("text", Message("Criteria frozen."))
    assert values == {"text": "考核标准已冻结。", "text_key": "Criteria frozen.", "text_params": {}}
    assert words.columns("text", "typed by a person") == {"text": "typed by a person", "text_key": "", "text_params": {}}


def test_makemessages_finds_message_keys():
    from pioneer.management.commands.makemessages import Command

    assert "--keyword=Message" in Command.xgettext_options


def test_sentences_follow_each_other_the_way_each_language_writes_them():
    reason = words.sentences(Message("Criteria frozen."), Message("The public vote is closed."))
    assert in_("zh-hans", reason) == "考核标准已冻结。群众投票已结束。"
    assert in_("en", reason) == "Criteria frozen. The public vote is closed."


def test_a_number_parameter_may_be_formatted_as_a_number():
    title = Message("%(organisation)s %(year)s pioneer posts: publication %(number)d", organisation="第一党支部", year=2026, number=2)
    assert in_("en", title) == "第一党支部 2026 pioneer posts: publication 2"
    assert in_("zh-hans", title) == "第一党支部 2026年度先锋岗公示（第2批）"


def test_put_sets_the_three_columns_and_said_gives_a_message_to_nest(db):
    from django.contrib.auth import get_user_model

    from members.models import Notification

    user = get_user_model().objects.create(username="reader")
    note = Notification(recipient=user)
    with translation.override("en"):
        assert words.put(note, "text", Message("Criteria frozen.")) == ["text", "text_key", "text_params"]
    note.save()
    note = Notification.objects.get()
    assert (note.__dict__["text"], note.text_key) == ("考核标准已冻结。", "Criteria frozen.")
    nested = Message("Failed: %(title)s. %(reason)s", title="Excel", reason=words.said(note, "text"))
    assert in_("en", nested) == "Failed: Excel. Criteria frozen."
    assert in_("zh-hans", nested) == "失败：Excel。考核标准已冻结。"
    words.put(note, "text", "typed by a person")
    assert words.said(note, "text") == "typed by a person" and note.text_key == ""


def test_a_validation_error_keeps_its_message_id_and_params():
    from django.core.exceptions import ValidationError
    from django.utils.text import capfirst
    from django.utils.translation import ngettext_lazy

    lazy = ValidationError(gettext_lazy("This row could not be saved: %(error)s"), params={"error": "x"})
    said = words.of_error(lazy)
    assert said == Message("This row could not be saved: %(error)s", error="x")
    assert (in_("en", said), in_("zh-hans", said)) == ("This row could not be saved: x", "此行无法保存：x")
    message = Message("Criteria frozen.")
    assert words.of_error(ValidationError(message)) is message
    with translation.override("zh-hans"):
        assert words.of_error(ValidationError("%(n)s rows", params={"n": 3})) == "3 rows"
        plural = ngettext_lazy("%(n)s row", "%(n)s rows", "n")
        kept = words.of_error(ValidationError(plural, params={"n": 1}))
        unique = ValidationError(gettext_lazy("Criteria copied from %(year)s"), params={"year": capfirst(gettext_lazy("role"))})
        assert words.of_error(unique) == "考核标准复制自角色年度", "no half-translated sentence: all text, in the writer's language"
    assert isinstance(kept, Message), "a plural keeps both its forms"
    assert (in_("en", kept), in_("en", words.of_error(ValidationError(plural, params={"n": 2})))) == ("1 row", "2 rows")


def test_a_refusal_keeps_the_message_it_was_raised_with():
    from pioneer.errors import Refusal

    message = Message("Criteria frozen.")
    with translation.override("zh-hans"):
        refusal = Refusal(message)
        typed = Refusal("已翻译的话")
    assert (refusal.said, refusal.message, str(refusal)) == (message, "考核标准已冻结。", "考核标准已冻结。")
    assert typed.said == typed.message == "已翻译的话"


def test_restore_gives_back_a_stored_message_or_the_text_as_it_was():
    restored = words.restore(words.encode(Message("Criteria frozen.")))
    assert (in_("en", restored), in_("zh-hans", restored)) == ("Criteria frozen.", "考核标准已冻结。")
    assert words.restore("旧的文字") == "旧的文字"
    assert in_("en", words.restore(words.encode(gettext_lazy("yes")))) == "yes"


def test_a_plural_message_picks_its_form_in_the_readers_language():
    message = words.plural("%(n)d card printed.", "%(n)d cards printed.", "n", n=3)
    assert in_("en", message) == "3 cards printed."
    assert in_("en", words.plural("%(n)d card printed.", "%(n)d cards printed.", "n", n=1)) == "1 card printed."


def test_django_s_plural_length_error_is_kept_with_both_forms():
    from django.core.exceptions import ValidationError
    from django.core.validators import MaxLengthValidator

    try:
        MaxLengthValidator(5)("长长长长长长长")
    except ValidationError as exc:
        kept = words.of_error(exc.error_list[0])
    assert isinstance(kept, Message)
    stored = Message.stored(kept.key, kept.params)  # as read back from the database
    assert in_("en", stored) == "Ensure this value has at most 5 characters (it has 7)."
    chinese = in_("zh-hans", stored)
    assert "5" in chinese and "Ensure" not in chinese
