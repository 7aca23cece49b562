"""Print the table of the document's own contradictions, as `zkprules check` finds them.

    python rules/tools/contradictions.py > /tmp/table.md      # with zkprules installed (pip install .)

Every warning a rule file acknowledges (`# 确认 ZKnnn：理由`) is one row: file:line, code,
what check says, and the reason written at that place. rules/README.md carries the table;
tests/test_rules_readme.py checks that it lists every acknowledged warning.
"""

from __future__ import annotations

from pathlib import Path

from zkprules.loader import load_project

HERE = Path(__file__).resolve().parent.parent


def rows() -> list[str]:
    """One Markdown row per acknowledged warning, in file and line order (a table's rows once per reason)."""
    project = load_project([HERE])
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in project.diagnostics:
        if not d.acknowledged or d.span is None:
            continue
        key = (d.span.file, d.code, d.acknowledged)
        if key in seen:
            continue
        seen.add(key)
        out.append(f"| `{Path(d.span.file).name}:{d.span.line}` | {d.code} | {d.message} | {d.acknowledged} |")
    return out


if __name__ == "__main__":
    print("| file:line | code | `zkprules check` says | acknowledged in the rule file |")
    print("|---|---|---|---|")
    print("\n".join(rows()))
