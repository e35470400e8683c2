"""Chinese reads as Chinese: full-width punctuation, languages named in themselves."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"
CJK = r"[\u4e00-\u9fff]"
# A half-width comma, colon, semicolon, question or exclamation mark, or parenthesis next to a Chinese character.
HALF_WIDTH_BY_CJK = re.compile(rf"{CJK}[,:;?!()]|[,:;?!()]{CJK}")


def _msgstrs():
    return re.findall(r'^msgstr(?:\[\d+\])? "(.*)"$', PO.read_text(encoding="utf-8"), re.M)


def test_no_chinese_message_uses_half_width_punctuation():
    # %(name)s placeholders keep their ASCII parentheses: the check ignores them.
    offenders = [s for s in _msgstrs() if HALF_WIDTH_BY_CJK.search(re.sub(r"%\([a-z_]+\)", "%", s))]
    assert offenders == []


def test_the_check_catches_what_it_should():
    assert HALF_WIDTH_BY_CJK.search("您好,张三")
    assert HALF_WIDTH_BY_CJK.search("(不合格)")
    assert not HALF_WIDTH_BY_CJK.search("您好，张三（不合格）。%(x)s, %(y)s")


def test_django_s_length_message_reads_as_chinese():
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        name = forms.CharField(max_length=20)

    with translation.override("zh-hans"):
        errors = Form(data={"name": "字" * 25}).errors["name"]
    assert errors == ["最多填写 20 个字（现为 25 个字）。"]


def test_a_required_field_says_so_plainly():
    from django import forms
    from django.utils import translation

    with translation.override("zh-hans"):
        assert forms.Form.base_fields == {} and str(forms.CharField().error_messages["required"]) == "此项必填。"
