"""The audit trail of one unit: every item, every clause, its rule line, rows and points."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from zkprules.results import ItemResult, RunResult, SchemeResult, UnitResult
from zkprules.text import format_decimal as fmt


def render_explain(console: Console, result: RunResult, unit: str) -> None:
    """Print the audit trail of `unit` in every scheme it was evaluated in."""
    for scheme, found in result.unit(unit):
        _scheme(console, scheme, found)


def _scheme(console: Console, scheme: SchemeResult, unit: UnitResult) -> None:
    size = sum(1 for u in scheme.units if u.group == unit.group)
    full = f" / {fmt(scheme.full_marks)}" if scheme.full_marks is not None else ""
    head = Text()
    head.append(f"「{unit.unit}」", style="bold")
    head.append(f" 方案「{scheme.name}」（{scheme.file}）：总分 {fmt(unit.total)}{full}，第 {unit.rank} 名 / {size}")
    console.print(head, soft_wrap=True)
    skipped = [i for i in unit.items if not i.applicable] if _many_not_applicable(unit) else []
    for item in unit.items:
        if item in skipped:
            continue
        _item(console, scheme, item)
    if skipped:  # a long item table (一件事) or a periodic scheme: one line instead of a line each
        ids = "、".join(i.id for i in skipped[:MAX_LISTED])
        more = f" 等 {len(skipped)} 个" if len(skipped) > MAX_LISTED else ""
        console.print(Text(f"\n不适用的项目：{ids}{more}（不得分也不失分）", style="dim"), soft_wrap=True)
    if unit.periods:
        console.print(Text("\n各期得分：", style="bold"))
        console.print(Text("  " + "，".join(f"{label} {fmt(value)}" for label, value in unit.periods)), soft_wrap=True)
        console.print(Text(f"  {scheme.combination} = {fmt(unit.total)}"), soft_wrap=True)
    if unit.quantities:
        console.print(Text("\n方案计算：", style="bold"))
        for name, value in unit.quantities:
            console.print(Text(f"  「{name}」= {fmt(value)}"), soft_wrap=True)
        console.print(Text(f"  总分 = {fmt(unit.total)}"), soft_wrap=True)


MAX_LISTED = 10


def _many_not_applicable(unit: UnitResult) -> bool:
    return bool(unit.periods) or sum(1 for i in unit.items if not i.applicable) > MAX_LISTED


def _item(console: Console, scheme: SchemeResult, item: ItemResult) -> None:
    if not item.applicable:
        console.print(Text(f"\n{item.id} {item.name}　不适用", style="dim"), soft_wrap=True)
        return
    line = Text()
    kind = "（加减分）" if item.bonus else ""
    role = f"　「{item.role}」" if item.role else ""
    line.append(f"\n{item.id} {item.name}{kind}{role}", style="bold")
    line.append(f"　{fmt(item.score)} / {fmt(item.points)} 分　（{scheme.file}:{item.span.line}）")
    console.print(line, soft_wrap=True)
    for trace in item.trace:
        console.print(Text(f"  第 {trace.span.line} 行  {trace.text}"), soft_wrap=True)
        rows = f"　事件记录第 {'、'.join(map(str, trace.rows))} 行" if trace.rows else ""
        style = "red" if trace.missing else None
        console.print(Text(f"      → {trace.detail}{rows}", style=style or ""), soft_wrap=True)
    for note in item.adjustments:
        console.print(Text(f"  = {note}", style="cyan"), soft_wrap=True)
