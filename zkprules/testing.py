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
    """Ratios written as 92.5% or 0.925, often exactly on an edge."""
    plain = st.decimals(min_value=0, max_value=Decimal("1.2"), places=3)
    values = st.one_of(st.sampled_from(edges), plain) if edges else plain
    return st.builds(_ratio_text, values, st.booleans())


def number_values() -> st.SearchStrategy[str]:
    """Non-negative numbers, small ones often (ties are then likely)."""
    return st.one_of(st.integers(0, 5), st.integers(0, 10**6)).map(str)


def fact_values(model: Model, fact: FactInfo) -> st.SearchStrategy[str]:
    """One 数值 cell for a fact, of the fact's kind."""
    if fact.kind is n.FactKind.COUNT:
        return st.sampled_from(["", "1", "是", "否", "2", "0", "7", "1000"])
    if fact.kind is n.FactKind.DISCRETION:
        low, high = fact.bounds or (Decimal(0), Decimal(10))
        return st.decimals(min_value=low, max_value=high, places=1).map(format_decimal)
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
    if fact.kind in (n.FactKind.COUNT, n.FactKind.DISCRETION):
        return st.lists(value, max_size=3).map(lambda cells: list(zip(cells, days)))
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
    facts = [(fact.name, fact_rows(model, fact, year), fact.tasked) for fact in model.facts.values()]
    names = {u.name: st.sampled_from([u.name, *u.aliases]) for u in registry.units}
    units = [(unit, names.get(unit, st.just(unit))) for unit in model.units]
    silence = st.integers(0, 19)
    # A scheme scored task by task (按任务逐项考核) needs a 任务 on every row: one or two tasks a unit.
    task = st.sampled_from(["任务一", "任务二"]) if model.scheme.by_task else st.none()
    # A fact of an item-table row (项目表) is reported under the row's 序号 or name.
    rows_named = sorted(set(model.task_keys.values()))
    table_task = st.sampled_from(rows_named) if rows_named else st.none()

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
            for fact, rows, tasked in facts:
                for value, day in draw(rows):
                    record = {"日期": day.isoformat(), "单位": written, "事项": fact, "数值": value}
                    chosen = draw(table_task if tasked else task)
                    if chosen is not None:
                        record["任务"] = chosen
                    records.append(record)
        return records

    return logs()
