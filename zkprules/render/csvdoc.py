"""The run as CSV: one line per scheme and unit, with a column per item."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.text import Text

from zkprules.results import RunResult
from zkprules.text import format_decimal as fmt


def dumps(result: RunResult) -> str:
    """The CSV text of a run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for scheme in result.schemes:
        ids = [("加减分" if i.bonus else "") + i.id for i in scheme.units[0].items] if scheme.units else []
        writer.writerow(["方案", "排名", "单位", "总分", *ids])
        for unit in scheme.units:
            scores = (fmt(i.score) if i.applicable else "" for i in unit.items)
            writer.writerow([scheme.name, unit.rank, unit.unit, fmt(unit.total), *scores])
    return out.getvalue()


def render_csv(console: Console, result: RunResult) -> None:
    """Print the run as CSV."""
    console.print(Text(dumps(result), end=""), soft_wrap=True, end="")
