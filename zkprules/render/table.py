"""The score table: units by rank and total, with where each lost points."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zkprules.results import RunResult, SchemeResult, UnitResult
from zkprules.text import format_decimal as fmt

MAX_LOSSES = 3


def render_table(console: Console, result: RunResult) -> None:
    """One rich table per scheme, then the row accounting."""
    for scheme in result.schemes:
        console.print(scheme_table(scheme))
    rows = result.rows
    console.print(
        Text(f"事件记录 {result.events}：读取 {rows.read} 行，采用 {rows.used} 行，未采用 {rows.rejected} 行")
    )


def scheme_table(scheme: SchemeResult) -> Table:
    """The table of one scheme."""
    title = f"{scheme.name}"
    if scheme.full_marks is not None:
        title += f"（满分 {fmt(scheme.full_marks)} 分）"
    table = Table(title=title, caption=scheme.source, show_lines=False)
    table.add_column("排名", justify="right")
    table.add_column("单位")
    table.add_column("总分", justify="right")
    computed = _computed_names(scheme)
    for name in computed:
        table.add_column(name, justify="right")
    table.add_column("主要失分项（项目 失分）")
    for unit in scheme.units:
        total = fmt(unit.total) + ("" if unit.complete else " *")
        values = dict(unit.quantities)
        table.add_row(str(unit.rank), unit.unit, total, *(fmt(values[q]) for q in computed), _losses(unit))
    if any(not u.complete for u in scheme.units):
        table.caption = (scheme.source or "") + "　* 缺少计分数据，见下方说明"
    return table


def _computed_names(scheme: SchemeResult) -> list[str]:
    """The scheme's own quantities (beyond 应得分/实得分/加减分), shown as columns."""
    if not scheme.units:
        return []
    return [name for name, _ in scheme.units[0].quantities if name not in ("应得分", "实得分", "加减分")]


def _losses(unit: UnitResult) -> str:
    lost = sorted(
        (
            (item.points - item.score, item)
            for item in unit.items
            if item.applicable and not item.bonus and item.score < item.points
        ),
        key=lambda pair: -pair[0],
    )
    shown = "、".join(f"{item.id} −{fmt(amount)}" for amount, item in lost[:MAX_LOSSES])
    if len(lost) > MAX_LOSSES:
        shown += f" 等 {len(lost)} 项"
    return shown
