"""Hypothesis strategies that generate valid event logs for any checked scheme.

Use them in a rules repository's own pytest suite::

    from hypothesis import given
    from zkprules.loader import load_project
    from zkprules.testing import event_logs

    project = load_project([Path("rules/my-scheme.zkp")])

    @given(event_logs(project.models[0], project.registry))
    def test_scores_stay_in_bounds(records): ...

Values are weighted towards edge cases: zero events, values exactly on tier bounds,
huge counts, ties, and units that report nothing at all. Requires `hypothesis`.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from hypothesis import strategies as st

from zkprules import nodes as n
from zkprules.checker import FactInfo, Model
from zkprules.registry import Registry
from zkprules.text import format_decimal, name_key

Record = dict[str, str]


def edge_values(model: Model, fact: FactInfo) -> list[Decimal]:
    """The values of a fact where the scheme's scoring changes: tier bounds, targets."""
    edges: set[Decimal] = set()
    for item in model.scheme.items:
        for clause in item.clauses:
            if isinstance(clause, n.TierClause) and name_key(clause.fact.text) == fact.key:
                for tier in clause.tiers:
                    for bound in (tier.low, tier.high):
                        if bound is not None:
                            edges.add(bound.value.value)
    return sorted(edges)


def _ratio_text(value: Decimal, as_percent: bool) -> str:
    """92.5% or 0.925; a ratio above 1 must carry its percent sign to be unambiguous."""
    if as_percent or value > 1:
        return format_decimal(value * 100) + "%"
    return format_decimal(value)


def ratio_values(edges: list[Decimal]) -> st.SearchStrategy[str]:
    """Ratios written as 92.5% or 0.925, often exactly on an edge.

    One choice from a list (edges first, then 0 to 120% by 0.1 point): one draw per value
    instead of a decimal's several, which is what keeps a log of thousands of rows cheap.
    """
    grid = [Decimal(k).scaleb(-3) for k in range(0, 1201)]
    values = list(dict.fromkeys([*edges, *grid]))
    return st.sampled_from([_ratio_text(v, as_percent) for v in values for as_percent in (False, True)])


def number_values() -> st.SearchStrategy[str]:
    """Non-negative numbers, small ones often (ties are then likely)."""
    return st.one_of(st.integers(0, 5), st.integers(0, 10**6)).map(str)


COUNT_CELLS = ("", "1", "是", "否", "2", "0", "7", "1000")


def count_cells() -> st.SearchStrategy[tuple[str, ...]]:
    """Up to three 数值 cells of a count fact, as one choice that shrinks towards no rows."""
    return st.sampled_from([cells for size in range(4) for cells in itertools.product(COUNT_CELLS, repeat=size)])


def discretion_cells(fact: FactInfo) -> st.SearchStrategy[tuple[str, ...]]:
    """Up to three discretionary values (酌情): the range's ends, its middle, one step in from
    each end and its quarters, as one choice that shrinks towards no rows."""
    low, high = fact.bounds or (Decimal(0), Decimal(10))
    step = Decimal("0.1")
    marks = [low, high, (low + high) / 2, low + step, high - step, low + (high - low) / 4, high - (high - low) / 4]
    cells = list(dict.fromkeys(format_decimal(v) for v in marks if low <= v <= high))
    return st.sampled_from([combo for size in range(4) for combo in itertools.product(cells, repeat=size)])


def fact_values(model: Model, fact: FactInfo) -> st.SearchStrategy[str]:
    """One 数值 cell for a fact, of the fact's kind."""
    if fact.kind is n.FactKind.COUNT:
        return st.sampled_from(COUNT_CELLS)
    if fact.kind is n.FactKind.DISCRETION:
        low, high = fact.bounds or (Decimal(0), Decimal(10))
        steps = int((high - low) * 10)
        return st.sampled_from([format_decimal(low + Decimal(k).scaleb(-1)) for k in range(steps + 1)])
    if fact.kind is n.FactKind.CHOICE:
        return st.sampled_from(list(fact.options) + (["其他未列明情况"] if fact.has_other else []))
    if fact.kind is n.FactKind.RATIO:
        return ratio_values(edge_values(model, fact))
    return number_values()


def fact_rows(model: Model, fact: FactInfo, year: int) -> st.SearchStrategy[list[tuple[str, datetime.date]]]:
    """The (数值, 日期) rows one unit reports for one fact.

    Counts and discretionary values come in up to three rows (or one row with a large
    count); a measure or choice comes in one year-end row, sometimes after an earlier
    row it supersedes. Dates are fixed per position to keep each example small; in a
    monthly scheme two of them are in consecutive months, so that carry-over is exercised.
    """
    period = model.scheme.period
    months = (3, 4, 12) if period is not None and period.unit is n.PeriodUnit.MONTH else (3, 6, 9)
    days = [datetime.date(year, month, 15) for month in months]
    year_end, mid_year = datetime.date(year, 12, 31), datetime.date(year, 6, 30)
    value = fact_values(model, fact)
    if fact.kind is n.FactKind.COUNT:
        return count_cells().map(lambda cells: list(zip(cells, days)))
    if fact.kind is n.FactKind.DISCRETION:
        return discretion_cells(fact).map(lambda cells: list(zip(cells, days)))
    earlier = st.one_of(st.none(), value)
    return st.tuples(value, earlier).map(
        lambda pair: [(pair[0], year_end)] + ([(pair[1], mid_year)] if pair[1] is not None else [])
    )


MAX_REPORTING_UNITS = 24


def event_logs(model: Model, registry: Registry, silent_units: bool = True) -> st.SearchStrategy[list[Record]]:
    """A whole event log for the scheme's units: every fact, values of the right kind, some units silent.

    In a scheme of more than 24 units, up to 24 of them (drawn) report and the rest are
    silent, so that each example stays small enough to generate and to shrink.
    The per-fact strategies are built once here, not per example: building strategies is
    what costs most in Hypothesis.
    """
    year = model.scheme.year or 2020
    names = {u.name: st.sampled_from([u.name, *u.aliases]) for u in registry.units}
    units = [(unit, names.get(unit, st.just(unit))) for unit in model.units]
    silence = st.integers(0, 19)
    # A scheme scored task by task (按任务逐项考核) needs a 任务 on every row: one or two tasks a unit.
    task = st.sampled_from(["任务一", "任务二"]) if model.scheme.by_task else None
    # A fact of an item-table row (项目表) is reported under the row's 序号 or name.
    rows_named = sorted(set(model.task_keys.values()))
    table_task = st.sampled_from(rows_named) if rows_named else None
    # Each fact with the 任务 strategy its rows need (None: no 任务 column, and nothing drawn for it).
    facts = [
        (fact.name, fact_rows(model, fact, year), table_task if fact.tasked else task) for fact in model.facts.values()
    ]

    many = len(units) > MAX_REPORTING_UNITS
    pick = st.sets(st.integers(0, len(units) - 1), max_size=MAX_REPORTING_UNITS) if many else st.none()

    @st.composite
    def logs(draw: st.DrawFn) -> list[Record]:
        records: list[Record] = []
        reporting = draw(pick)
        for index, (_unit, written_as) in enumerate(units):
            if reporting is not None and index not in reporting:
                continue
            if silent_units and draw(silence) == 0:
                continue  # a unit that reports nothing
            written = draw(written_as)
            for fact, rows, tasks in facts:
                for value, day in draw(rows):
                    record = {"日期": day.isoformat(), "单位": written, "事项": fact, "数值": value}
                    if tasks is not None:
                        record["任务"] = draw(tasks)
                    records.append(record)
        return records

    return logs()
