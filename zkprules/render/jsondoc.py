"""The JSON document of a run: decimal strings, sorted keys where order is not meaning, byte-stable."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.text import Text

from zkprules.render.diagnostics import diagnostic_record
from zkprules.results import ClauseTrace, ItemResult, RunResult, SchemeResult, UnitResult
from zkprules.text import format_decimal as fmt


def run_document(result: RunResult) -> dict[str, Any]:
    """The run as plain JSON-ready data."""
    rows = result.rows
    return {
        "events": result.events,
        "rows": {
            "read": rows.read,
            "used": rows.used,
            "rejected": rows.rejected,
            "problems": [diagnostic_record(d) for d in sorted(rows.problems, key=lambda d: d.sort_key())],
        },
        "schemes": [_scheme(s) for s in result.schemes],
    }


def render_json(console: Console, result: RunResult) -> None:
    """Print the run as one JSON document."""
    console.print(Text(dumps(result)), soft_wrap=True)


def dumps(result: RunResult) -> str:
    """The JSON text of a run."""
    return json.dumps(run_document(result), ensure_ascii=False, indent=2)


def _scheme(scheme: SchemeResult) -> dict[str, Any]:
    return {
        "scheme": scheme.name,
        "source": scheme.source,
        "file": scheme.file,
        "year": scheme.year,
        "full_marks": fmt(scheme.full_marks) if scheme.full_marks is not None else None,
        "combination": scheme.combination,
        "missing": [
            {"unit": m.unit, "fact": m.fact, "item": m.item, "line": m.span.line} for m in scheme.missing
        ],
        "units": [_unit(u) for u in scheme.units],
    }


def _unit(unit: UnitResult) -> dict[str, Any]:
    return {
        "unit": unit.unit,
        "group": unit.group,
        "rank": unit.rank,
        "total": fmt(unit.total),
        "complete": unit.complete,
        "quantities": {name: fmt(value) for name, value in unit.quantities},
        "periods": [{"period": label, "total": fmt(value)} for label, value in unit.periods],
        "items": [_item(i) for i in unit.items],
    }


def _item(item: ItemResult) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "category": item.category,
        "points": fmt(item.points),
        "score": fmt(item.score),
        "applicable": item.applicable,
        "bonus": item.bonus,
        "role": item.role,
        "coefficient": fmt(item.coefficient),
        "line": item.span.line,
        "adjustments": list(item.adjustments),
        "trace": [_trace(t) for t in item.trace],
    }


def _trace(trace: ClauseTrace) -> dict[str, Any]:
    return {
        "clause": trace.text,
        "line": trace.span.line,
        "points": fmt(trace.points),
        "rows": list(trace.rows),
        "detail": trace.detail,
        "missing": list(trace.missing),
    }
