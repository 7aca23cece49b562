"""rules/README.md lists every contradiction `zkprules check` finds in the document, where the rule files acknowledge it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import RULES, load_rules


def test_every_acknowledged_warning_is_in_the_readme_table() -> None:
    readme = (RULES / "README.md").read_text(encoding="utf-8")
    project = load_rules()
    acknowledged = [d for d in project.diagnostics if d.acknowledged and d.span is not None]
    assert acknowledged, "the faithful rule files acknowledge the document's contradictions"
    for d in acknowledged:
        assert d.span is not None
        row = f"| {d.code} | {d.message} | {d.acknowledged} |"
        first = f"`{Path(d.span.file).name}:"
        assert any(first in line and row in line for line in readme.splitlines()) or _listed_once(readme, d), (
            d.span.location(),
            d.code,
        )


def _listed_once(readme: str, d) -> bool:  # type: ignore[no-untyped-def]
    """A table's repeated warning (one reason, many rows) is listed once, under its first place."""
    return f"| {d.code} |" in readme and d.acknowledged in readme


def test_the_rules_have_no_unacknowledged_warning() -> None:
    project = load_rules()
    open_warnings = [d for d in project.diagnostics if d.severity.value == "warning" and not d.acknowledged]
    assert not open_warnings, [(d.span.location() if d.span else "", d.code, d.message) for d in open_warnings]
    assert not [d for d in project.diagnostics if d.severity.value == "error"]
