"""Rendering details: carets under Chinese text, decimal formatting."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from zkprules.render.diagnostics import caret_line
from zkprules.text import format_decimal


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [("abc", 1, "^"), ("abc", 3, "  ^"), ("扣完位置", 3, "    ^"), ("「拖欠」x", 5, "        ^"), ("\tx", 2, "    ^")],
)
def test_caret_is_padded_by_terminal_cells_not_characters(line: str, column: int, expected: str) -> None:
    assert caret_line(line, column) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(D("93.50"), "93.5"), (D("100"), "100"), (D("1E+2"), "100"), (D("-0.30"), "-0.3"), (D("0.125"), "0.125")]
)
def test_decimals_print_exactly_without_exponent_or_trailing_zeros(value: D, text: str) -> None:
    assert format_decimal(value) == text
