"""Reading dates and values from event-log text, by the kind of fact they belong to."""

from __future__ import annotations

import datetime
import functools
import difflib
import re
from decimal import Decimal

import attrs

from zkprules.checker import FactInfo
from zkprules.nodes import FactKind
from zkprules.text import half_width, name_key, parse_decimal

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YES = {"是", "有", "√", "✓", "y", "yes", "true", "完成", "已完成"}
_NO = {"否", "无", "×", "✗", "n", "no", "false", "未完成"}


@functools.lru_cache(maxsize=4096)  # a log has few distinct dates and many rows
def parse_date(text: str) -> datetime.date | None:
    """2020-03-15, 2020/3/15, 2020.3.15 or 2020年3月15日 (a time of day is ignored); None if not a date."""
    match = _DATE.match(half_width(text).strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


@attrs.frozen
class BadValue:
    """Why a value does not fit its fact, and what would."""

    message: str
    hint: str | None = None


Parsed = Decimal | str


def parse_value(text: str, fact: FactInfo) -> Parsed | BadValue:
    """The value of one row for `fact`: a count, a ratio (0.92), a number, an option, or an error."""
    cleaned = half_width(text).strip()
    if fact.kind is FactKind.COUNT:
        return _count(cleaned)
    if fact.kind is FactKind.CHOICE:
        return _option(cleaned, fact)
    if not cleaned:
        return BadValue(f"「{fact.name}」需要填写数值", _example(fact.kind))
    if fact.kind is FactKind.RATIO:
        return _ratio(cleaned)
    number = _number(cleaned)
    if number is None:
        return BadValue(f"“{text}”不是数字", _example(fact.kind))
    return number


def _example(kind: FactKind) -> str:
    return {
        FactKind.RATIO: "比例写成 92% 或 0.92",
        FactKind.NUMBER: "写成数字，如 35 或 12.5",
        FactKind.DISCRETION: "写成酌情分值，如 2",
    }.get(kind, "")


def _count(text: str) -> Parsed | BadValue:
    if not text or text.lower() in _YES:
        return Decimal(1)
    if text.lower() in _NO:
        return Decimal(0)
    number = parse_decimal(text)
    if number is None or number < 0 or number != number.to_integral_value():
        return BadValue(f"“{text}”不是次数", "次数写成 0 以上的整数；留空表示 1 次，“是/否”表示 1/0")
    return number


def _number(text: str) -> Decimal | None:
    if text.endswith("%"):
        value = parse_decimal(text[:-1])
        return None if value is None else value / 100
    return parse_decimal(text)


def _ratio(text: str) -> Parsed | BadValue:
    value = _number(text)
    if value is None:
        return BadValue(f"“{text}”不是比例", _example(FactKind.RATIO))
    if value < 0:
        return BadValue(f"比例“{text}”不能为负", None)
    if not text.endswith("%") and value > 1:
        return BadValue(f"比例“{text}”大于 1，不清楚是否指百分数", f"若指百分数请写成 {text}%")
    return value


def _option(text: str, fact: FactInfo) -> Parsed | BadValue:
    if not text:
        return BadValue(f"「{fact.name}」需要填写选项", _options_hint(fact))
    option = fact.option(text)
    if option is not None:
        return option
    close = difflib.get_close_matches(name_key(text), [name_key(o) for o in fact.options], n=1, cutoff=0.6)
    if close or not fact.has_other:
        return BadValue(f"“{text}”不是「{fact.name}」的选项", _options_hint(fact))
    return text


def _options_hint(fact: FactInfo) -> str:
    return "可选：" + "、".join(f"「{o}」" for o in fact.options)
