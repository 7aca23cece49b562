"""`zkprules bounds`: each scheme's static score bounds, as tables or one JSON document."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zkprules.bounds import ClassBounds, Interval, PeriodBounds, SchemeBounds, clause_bounds, raw_item_bounds, role_bounds
from zkprules.checker import Model
from zkprules.text import format_decimal as fmt

SHOWN_UNITS = 4


def interval_text(interval: Interval) -> str:
    """[low, high] for a person: −∞ / +∞ for unbounded ends."""
    low = "−∞" if interval.low.is_infinite() else fmt(interval.low)
    high = "+∞" if interval.high.is_infinite() else fmt(interval.high)
    return f"{low} 至 {high}"


def render_bounds(console: Console, pairs: list[tuple[Model, SchemeBounds]]) -> None:
    """Per scheme: the total's range for each class of units, each period's, then each item's range."""
    for model, bounds in pairs:
        console.print(_classes_table(bounds))
        if any(cls.periods for cls in bounds.classes):
            console.print(_periods_table(bounds))
        console.print(_items_table(model))


def _classes_table(bounds: SchemeBounds) -> Table:
    full = f"（满分 {fmt(bounds.full_marks)} 分）" if bounds.full_marks is not None else ""
    table = Table(title=f"{bounds.scheme}{full}　总分范围：{interval_text(bounds.total)}", caption=bounds.file)
    table.add_column("单位")
    table.add_column("应得分", justify="right")
    table.add_column("总分范围", justify="right")
    for cls in sorted(bounds.classes, key=lambda c: (-c.total.high, c.units)):
        table.add_row(_units(cls), fmt(cls.attainable), interval_text(cls.total))
    return table


def _periods_table(bounds: SchemeBounds) -> Table:
    """A periodic scheme: each period's total range per class, its weight, and its part of the year."""
    table = Table(title=f"{bounds.scheme}：各期得分范围")
    table.add_column("单位")
    table.add_column("时段")
    table.add_column("本期总分范围", justify="right")
    table.add_column("权重", justify="right")
    table.add_column("计入全年", justify="right")
    for cls in sorted(bounds.classes, key=lambda c: (-c.total.high, c.units)):
        for index, period in enumerate(cls.periods):
            weight = fmt(period.weight * 100) + "%" if period.weight is not None else "平均"
            table.add_row(_units(cls) if index == 0 else "", period.label, interval_text(period.total), weight, interval_text(period.share))
    return table


def _units(cls: ClassBounds) -> str:
    shown = "、".join(cls.units[:SHOWN_UNITS])
    return shown + (f" 等 {len(cls.units)} 个" if len(cls.units) > SHOWN_UNITS else "")


def _items_table(model: Model) -> Table:
    """Each item's own range (before role coefficients); an item table's identical rows on one line."""
    table = Table(title=f"{model.scheme.name.text}：各项目得分范围（未乘角色系数）")
    table.add_column("项目")
    table.add_column("分值", justify="right")
    table.add_column("得分范围", justify="right")
    coefficients = any(c.value != 1 for c in model.scheme.roles)
    if coefficients:
        table.add_column("按角色（乘系数后）")
    table.add_column("行", justify="right")
    runs: list[tuple[str, str, str, str, str, int]] = []
    for index, item in enumerate(model.scheme.items):
        points = "加减分" if item.bonus else fmt(item.points)
        shown = interval_text(raw_item_bounds(item, model))
        roles = _roles_text(model, index) if coefficients else ""
        last = runs[-1] if runs else None
        if item.table is not None and last is not None and last[0].startswith(item.table) and last[1:4] == (points, shown, roles):
            runs[-1] = (*last[:5], last[5] + 1)
            continue
        runs.append((f"{item.id} {item.name.text}", points, shown, roles, str(item.span.line), 1))
    for name, points, shown, roles, line, count in runs:
        label = name if count == 1 else f"{name} 等 {count} 项"
        table.add_row(label, points, shown, *([roles] if coefficients else []), line)
    return table


def _roles_text(model: Model, index: int) -> str:
    """牵头单位 0 至 45, 一类责任单位 0 至 36 … a line each, for the roles an item gives ('' for none)."""
    roles = [(name, score) for name, _, score in role_bounds(model, index) if name is not None]
    return "\n".join(f"{name} {interval_text(score)}" for name, score in roles)


def bounds_document(pairs: list[tuple[Model, SchemeBounds]]) -> list[dict[str, Any]]:
    """The bounds as plain JSON-ready data: per scheme, its items (with their clauses) and classes."""
    return [
        {
            "scheme": bounds.scheme,
            "file": bounds.file,
            "full_marks": fmt(bounds.full_marks) if bounds.full_marks is not None else None,
            "total": _interval(bounds.total),
            "items": [
                {
                    "id": item.id,
                    "name": item.name.text,
                    "line": item.span.line,
                    "points": fmt(item.points),
                    "bonus": item.bonus,
                    "score": _interval(raw_item_bounds(item, model)),
                    "roles": [
                        {"role": name, "coefficient": fmt(coefficient), "score": _interval(score)}
                        for name, coefficient, score in role_bounds(model, index)
                    ],
                    "clauses": [
                        {"line": c.span.line, "score": _interval(clause_bounds(c, model))} for c in item.clauses
                    ],
                }
                for index, item in enumerate(model.scheme.items)
            ],
            "classes": [
                {
                    "units": list(cls.units),
                    "attainable": fmt(cls.attainable),
                    "total": _interval(cls.total),
                    "periods": [_period(p) for p in cls.periods],
                }
                for cls in bounds.classes
            ],
        }
        for model, bounds in pairs
    ]


def _period(period: PeriodBounds) -> dict[str, Any]:
    weight = fmt(period.weight) if period.weight is not None else None
    return {"period": period.label, "weight": weight, "total": _interval(period.total), "share": _interval(period.share)}


def _interval(interval: Interval) -> dict[str, str | None]:
    return {"low": _end(interval.low), "high": _end(interval.high)}


def _end(value: Decimal) -> str | None:
    return None if value.is_infinite() else fmt(value)


def render_bounds_json(console: Console, pairs: list[tuple[Model, SchemeBounds]]) -> None:
    """Print the bounds as one JSON document (an unbounded end is null)."""
    text = json.dumps({"schemes": bounds_document(pairs)}, ensure_ascii=False, indent=2)
    console.print(Text(text), soft_wrap=True)
