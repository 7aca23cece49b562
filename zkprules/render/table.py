"""The score table: units by rank and total, with where each lost points.

Scores are shown exactly when they have at most two decimals; longer ones (from a
scheme's own division, e.g. 完成率) are shown to two decimals with “≈”. The JSON and CSV
outputs always carry the exact values.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zkprules.results import RunResult, SchemeResult, UnitResult
from zkprules.text import format_decimal as fmt

MAX_LOSSES = 3
MAX_PERIOD_COLUMNS = 4
MAX_COMPUTED_COLUMNS = 4
SHOWN_PLACES = Decimal("0.01")


def render_table(console: Console, result: RunResult) -> None:
    """One rich table per scheme (per ranking group, where the scheme ranks 分别), then the row accounting."""
    for scheme in result.schemes:
        for table in scheme_tables(scheme):
            console.print(table)
    rows = result.rows
    console.print(
        Text(f"事件记录 {result.events}：读取 {rows.read} 行，采用 {rows.used} 行，未采用 {rows.rejected} 行")
    )


def shown(value: Decimal) -> str:
    """A value for the table: exact up to two decimals, else “≈” and two decimals."""
    rounded = value.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP)
    return fmt(value) if rounded == value else "≈" + fmt(rounded)


def scheme_tables(scheme: SchemeResult) -> list[Table]:
    """The tables of one scheme: one, or one per ranking group."""
    groups = list(dict.fromkeys(u.group for u in scheme.units))
    return [_table(scheme, [u for u in scheme.units if u.group == group], group) for group in groups]


def _table(scheme: SchemeResult, units: list[UnitResult], group: str | None) -> Table:
    title = scheme.name + (f"（满分 {fmt(scheme.full_marks)} 分）" if scheme.full_marks is not None else "")
    if group is not None:
        title += f"　{group}"
    caption = scheme.source or ""
    if any(not u.complete for u in units):
        caption += "　* 缺少计分数据，见下方说明"
    table = Table(title=title, caption=caption or None)
    table.add_column("排名", justify="right")
    table.add_column("单位")
    table.add_column("总分", justify="right")
    computed = _computed_names(scheme)
    for name in computed:
        table.add_column(name, justify="right")
    periods = _period_columns(scheme)
    for name in periods:
        table.add_column(name, justify="right")
    table.add_column("主要失分项（项目 失分）")
    for unit in units:
        total = shown(unit.total) + ("" if unit.complete else " *")
        values = dict(unit.quantities)
        cells = [shown(values[q]) for q in computed] + _period_cells(unit, len(periods))
        table.add_row(str(unit.rank), unit.unit, total, *cells, _losses(unit))
    return table


def _period_columns(scheme: SchemeResult) -> list[str]:
    """A column per period when there are a few (quarters); one “最低–最高” column for months."""
    if not scheme.units or not scheme.units[0].periods:
        return []
    labels = [label for label, _ in scheme.units[0].periods]
    return labels if len(labels) <= MAX_PERIOD_COLUMNS else ["各期得分（最低–最高）"]


def _period_cells(unit: UnitResult, columns: int) -> list[str]:
    if not columns:
        return []
    values = [value for _, value in unit.periods]
    if len(values) <= MAX_PERIOD_COLUMNS:
        return [shown(v) for v in values]
    return [f"{shown(min(values))}–{shown(max(values))}"]


def _computed_names(scheme: SchemeResult) -> list[str]:
    """The scheme's own quantities (beyond 应得分/实得分/加减分) shown as columns: the last few, nearest the total.

    All of them are in the JSON and in `zkprules explain`.
    """
    if not scheme.units:
        return []
    names = [name for name, _ in scheme.units[0].quantities if name not in ("应得分", "实得分", "加减分")]
    return names[-MAX_COMPUTED_COLUMNS:]


def _losses(unit: UnitResult) -> str:
    lost = sorted(
        (
            (item.points - item.score, item)
            for item in unit.items
            if item.applicable and not item.bonus and item.score < item.points
        ),
        key=lambda pair: -pair[0],
    )
    text = "、".join(f"{item.id} −{shown(amount)}" for amount, item in lost[:MAX_LOSSES])
    if len(lost) > MAX_LOSSES:
        text += f" 等 {len(lost)} 项"
    return text
