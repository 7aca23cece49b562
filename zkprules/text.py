"""Text normalisation shared by the parser, the registry and the event readers.

Full-width and half-width forms are interchangeable in zkprules. The mapping below is
one character to one character, so columns in the original text stay valid.
"""

from __future__ import annotations

from functools import lru_cache
from decimal import Decimal, InvalidOperation

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space
_FULL_WIDTH[0x2212] = 0x2D  # minus sign
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def half_width(text: str) -> str:
    """Replace full-width ASCII forms (ＡＢ１２，％（）) by their half-width forms."""
    return text.translate(_FULL_WIDTH)


@lru_cache(maxsize=1 << 16)  # the same few thousand names are looked up millions of times
def name_key(name: str) -> str:
    """The key under which a unit, group or fact name is looked up: half-width, no spaces."""
    return "".join(half_width(name).split())


def parse_decimal(text: str) -> Decimal | None:
    """An exact decimal from Arabic digits (full- or half-width), or None."""
    cleaned = half_width(text).strip().replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_chinese_number(text: str) -> int | None:
    """A whole number written in Chinese numerals up to 99 (一, 十, 十二, 二十五), or None."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens_part, _, units_part = text.partition("十")
    if len(tens_part) > 1 or len(units_part) > 1:
        return None
    tens = _CN_DIGITS[tens_part] if tens_part else 1
    units = _CN_DIGITS[units_part] if units_part else 0
    return tens * 10 + units


def format_decimal(value: Decimal) -> str:
    """An exact decimal as plain text: no exponent, no trailing zeros ("93.5", "100", "-0.3")."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text
