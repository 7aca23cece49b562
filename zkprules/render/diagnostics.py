"""Diagnostics as `file:line:col`, the line quoted, a caret padded by terminal cell width."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from zkprules.diagnostics import CODES, Diagnostic, Severity, sort_diagnostics
from zkprules.spans import SourceText

_TAB = "    "


def caret_line(line: str, column: int) -> str:
    """Spaces up to `column` (1-based) measured in terminal cells, then a caret."""
    prefix = line[: max(column - 1, 0)].replace("\t", _TAB)
    return " " * cell_len(prefix) + "^"


SAME_KIND_SHOWN = 3


def render_diagnostics(
    console: Console, diagnostics: Iterable[Diagnostic], sources: Mapping[str, SourceText]
) -> None:
    """Print every diagnostic, sorted by position, each with its quoted line and caret.

    Event-log rows with the same problem, and rule-file warnings with the same message, are
    shown three times in full, then summed up in one line with their line numbers (the JSON
    output keeps every one). Errors in rule files are always shown in full.
    """
    shown: dict[tuple[str, str, str], list[Diagnostic]] = {}
    confirmed: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diagnostic in sort_diagnostics(diagnostics):
        if diagnostic.acknowledged:  # explained at its place in the rule file: one line per reason
            key = (diagnostic.span.file if diagnostic.span else "", diagnostic.code, diagnostic.acknowledged)
            confirmed.setdefault(key, []).append(diagnostic)
            continue
        group = shown.setdefault(_kind(diagnostic), [])
        group.append(diagnostic)
        if not _groupable(diagnostic) or len(group) <= SAME_KIND_SHOWN:
            render_diagnostic(console, diagnostic, sources)
    for (file, code, message), group in shown.items():
        rest = group[SAME_KIND_SHOWN:]
        if rest and _groupable(rest[0]):
            rows = "、".join(str(d.span.line) for d in rest[:20] if d.span) + ("…" if len(rest) > 20 else "")
            what = "行同样的问题" if rest[0].quote is not None else "处同样的警告"
            console.print(Text(f"{file}: 另有 {len(rest)} {what}[{code}] {message}：第 {rows} 行"), soft_wrap=True)
    for (file, code, reason), group in confirmed.items():
        numbers = list(dict.fromkeys(d.span.line for d in group if d.span))
        lines = "、".join(map(str, numbers[:20])) + ("…" if len(numbers) > 20 else "")
        text = Text(f"{file}: 已确认[{code}] {len(group)} 处（第 {lines} 行）：{reason}", style="dim")
        console.print(text, soft_wrap=True)


def _groupable(d: Diagnostic) -> bool:
    return d.quote is not None or d.severity is Severity.WARNING


def _kind(d: Diagnostic) -> tuple[str, str, str]:
    return (d.span.file if d.span else "", d.code, d.message)


def render_diagnostic(console: Console, d: Diagnostic, sources: Mapping[str, SourceText]) -> None:
    """Print one diagnostic."""
    style = "bold red" if d.severity is Severity.ERROR else "bold yellow"
    head = Text()
    if d.span is not None:
        head.append(d.span.location() + ": ", style="bold")
    head.append(f"{d.severity.label}[{d.code} {d.key}] ", style=style)
    head.append(d.message)
    if d.acknowledged:
        head.append(f"（已确认：{d.acknowledged}）", style="dim")
    console.print(head, soft_wrap=True)
    if d.acknowledged:  # known and explained at its place: the line is not quoted again
        return
    quote = _quote(d, sources)
    if quote is not None and d.span is not None:
        gutter = str(d.span.line)
        console.print(Text(f" {gutter} │ {quote.replace(chr(9), _TAB)}"), soft_wrap=True)
        console.print(Text(f" {' ' * len(gutter)} │ {caret_line(quote, d.span.column)}", style=style), soft_wrap=True)
    if d.hint:
        console.print(Text(f"   = 提示：{d.hint}", style="cyan"), soft_wrap=True)


def _quote(d: Diagnostic, sources: Mapping[str, SourceText]) -> str | None:
    if d.quote is not None:
        return d.quote
    if d.span is None or d.span.file not in sources:
        return None
    return sources[d.span.file].line(d.span.line)


def diagnostic_record(d: Diagnostic) -> dict[str, object]:
    """A diagnostic as plain data for JSON."""
    return {
        "file": d.span.file if d.span else None,
        "line": d.span.line if d.span else None,
        "column": d.span.column if d.span else None,
        "code": d.code,
        "key": d.key,
        "severity": d.severity.value,
        "message": d.message,
        "hint": d.hint,
        "item": d.item,
        "acknowledged": d.acknowledged,
    }


def render_diagnostics_json(console: Console, diagnostics: Iterable[Diagnostic]) -> None:
    """Print the diagnostics as one JSON list."""
    records = [diagnostic_record(d) for d in sort_diagnostics(diagnostics)]
    console.print(Text(json.dumps(records, ensure_ascii=False, indent=2)), soft_wrap=True)


def summary(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """How many errors and (not acknowledged) warnings."""
    found = list(diagnostics)
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    warnings = sum(1 for d in found if d.severity is Severity.WARNING and not d.acknowledged)
    return errors, warnings


def acknowledged_count(diagnostics: Iterable[Diagnostic]) -> int:
    """How many warnings the rule files acknowledge."""
    return sum(1 for d in diagnostics if d.acknowledged)


__all__ = ["CODES", "acknowledged_count", "caret_line", "render_diagnostics", "render_diagnostics_json", "summary"]
