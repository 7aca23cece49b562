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
# A mistake in the registry, or in how files sit together, is a folder checked as it is.
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())


def expected(path: Path) -> set[tuple[str, int]]:
    """The (code, line) pairs the file's first line asks for (read as bytes: one case is not UTF-8)."""
    head = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert head.startswith("# 预期："), f"{path.name}: first line must say what to expect"
    return {(code, int(line)) for code, line in re.findall(r"(ZK\d{3}) 第 (\d+) 行", head)}


def found(paths: list[Path]) -> set[tuple[str, str, int]]:
    """(file name, code, line) of every diagnostic `check` reports and the files do not acknowledge."""
    project = load_project(paths)
    return {
        (Path(d.span.file).name, d.code, d.span.line)
        for d in project.diagnostics
        if d.span is not None and not d.acknowledged
    }


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_right_code_fires_at_the_right_line_and_nothing_else(path: Path) -> None:
    wanted = {(path.name, code, line) for code, line in expected(path)}
    assert found([path, CASES / "units.zkp"]) == wanted


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_a_folder_case_reports_each_file_as_its_first_line_says(folder: Path) -> None:
    files = sorted(folder.glob("*.zkp"))
    wanted = {(f.name, code, line) for f in files for code, line in expected(f)}
    assert found([folder]) == wanted


def seeded_codes() -> set[str]:
    """Every code some rule-file case expects (tests/test_seeded_commands.py checks that, with the
    log and command-line cases, they are all the codes there are)."""
    cases = FILES + [f for folder in FOLDERS for f in folder.glob("*.zkp")]
    return {code for path in cases for code, _ in expected(path)}


def test_an_acknowledged_warning_is_reported_as_such() -> None:
    project = load_project([CASES / "acknowledged.zkp", CASES / "units.zkp"])
    (d,) = project.diagnostics
    assert (d.code, d.acknowledged) == ("ZK330", "原文如此")


def test_every_code_has_a_docs_entry() -> None:
    from zkprules.diagnostics import CODES

    page = (CASES.parent.parent.parent / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    missing = [f"{c.code} {key}" for key, c in CODES.items() if f"### {c.code} {key}" not in page]
    assert not missing, missing
