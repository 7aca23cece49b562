"""Results as plain frozen data: schemes → units → items → clause traces, each with its rule's span.

Renderers (table, JSON, CSV, explain) walk these objects; nothing here knows how it is shown.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from zkprules.aggregate import RowAccounting
from zkprules.spans import Span


@attrs.frozen
class ClauseTrace:
    """What one clause did for one unit: the points it moved, from which rows, and why."""

    text: str
    span: Span
    points: Decimal
    rows: tuple[int, ...]
    detail: str
    missing: tuple[str, ...] = ()


@attrs.frozen
class ItemResult:
    """One item's score for one unit, with the trace of every clause and any bound applied."""

    id: str
    name: str
    category: str | None
    points: Decimal
    score: Decimal
    span: Span
    trace: tuple[ClauseTrace, ...]
    adjustments: tuple[str, ...]
    applicable: bool = True
    role: str | None = None
    coefficient: Decimal = Decimal(1)
    bonus: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        """Facts this item needed but the log did not give."""
        return tuple(dict.fromkeys(f for t in self.trace for f in t.missing))


@attrs.frozen
class UnitResult:
    """One unit's total, rank and items in one scheme."""

    unit: str
    total: Decimal
    rank: int
    items: tuple[ItemResult, ...]
    quantities: tuple[tuple[str, Decimal], ...] = ()
    group: str | None = None  # the group it is ranked in, where the scheme ranks 分别
    periods: tuple[tuple[str, Decimal], ...] = ()  # a periodic scheme's score in each period

    @property
    def complete(self) -> bool:
        """Whether every measure the scheme needed was given for this unit."""
        return not any(item.missing for item in self.items)


ZERO_DIVISOR = "（为 0，无法相除）"  # the note after a divisor that was 0 where a measure is listed as missing


@attrs.frozen
class MissingMeasure:
    """A measure a clause needs for a unit that the log does not give and the rule gives no default for."""

    unit: str
    fact: str
    item: str
    span: Span


@attrs.frozen
class SchemeResult:
    """The scores of every unit of one scheme, best first."""

    name: str
    source: str | None
    file: str
    year: int | None
    full_marks: Decimal | None
    units: tuple[UnitResult, ...]
    missing: tuple[MissingMeasure, ...]
    combination: str | None = None  # how a periodic scheme combines its periods into the year


@attrs.frozen
class RunResult:
    """A whole run: every scheme evaluated on one event log, and what happened to each row."""

    events: str
    schemes: tuple[SchemeResult, ...]
    rows: RowAccounting

    def unit(self, name: str) -> list[tuple[SchemeResult, UnitResult]]:
        """Every scheme result of one unit."""
        return [(s, u) for s in self.schemes for u in s.units if u.unit == name]
