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
