"""The seeded-mistake suite: small rule files, each with one deliberate mistake, and clean ones.

Each file's first line says what `zkprules check` must report: `# 预期：ZK334 第 7 行`
(several joined with “；”), or `# 预期：无` for none — every other diagnostic is a false alarm.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zkprules.loader import load_project

CASES = Path(__file__).resolve().parent / "cases" / "mistakes"
FILES = sorted(p for p in CASES.glob("*.zkp") if p.name != "units.zkp")


def expected(path: Path) -> set[tuple[str, int]]:
    """The (code, line) pairs the file's first line asks for."""
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# 预期："), f"{path.name}: first line must say what to expect"
    return {(code, int(line)) for code, line in re.findall(r"(ZK\d{3}) 第 (\d+) 行", head)}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_right_code_fires_at_the_right_line_and_nothing_else(path: Path) -> None:
    project = load_project([path, CASES / "units.zkp"])
    found = {(d.code, d.span.line) for d in project.diagnostics if d.span is not None and not d.acknowledged}
    assert found == expected(path), [(d.code, d.span.line if d.span else 0, d.message) for d in project.diagnostics]


# Rule-file codes a single scheme file cannot show: an undecodable file, registry-level
# problems (tests/unit/test_registry.py), a clause shape the grammar no longer lets through.
NOT_SEEDED = {"ZK104", "ZK202", "ZK203", "ZK205", "ZK207", "ZK302"}


def test_every_rule_file_code_has_a_seeded_mistake() -> None:
    from zkprules.diagnostics import CODES

    rule_codes = {c.code for c in CODES.values() if c.code[2] in "123"} - NOT_SEEDED
    seeded = {code for path in FILES for code, _ in expected(path)}
    assert rule_codes <= seeded, sorted(rule_codes - seeded)


def test_an_acknowledged_warning_is_reported_as_such() -> None:
    project = load_project([CASES / "acknowledged.zkp", CASES / "units.zkp"])
    (d,) = project.diagnostics
    assert (d.code, d.acknowledged) == ("ZK330", "原文如此")


def test_every_code_has_a_docs_entry() -> None:
    from zkprules.diagnostics import CODES

    page = (CASES.parent.parent.parent / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    missing = [f"{c.code} {key}" for key, c in CODES.items() if f"### {c.code} {key}" not in page]
    assert not missing, missing
