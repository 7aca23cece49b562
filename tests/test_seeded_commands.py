"""Seeded mistakes in event logs and on the command line, run as the analyst would run them.

Each `tests/cases/commands/*.cmd` is one command (its second line, run in that folder) with
one deliberate mistake; its first line says what must be reported and the exit code:
`# 预期：ZK409 superseded.csv 第 2 行；退出码 0` (several codes joined with “；”, a code with
no place for a command-line mistake, `无` for none). Any other code reported is a false alarm.
Together with tests/test_seeded_mistakes.py (rule files) this covers every diagnostic code.
"""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest
from rich.console import Console

from tests.test_seeded_mistakes import seeded_codes
from zkprules import clauses
from zkprules import nodes as n
from zkprules.cli import main
from zkprules.diagnostics import CODES

CASES = Path(__file__).resolve().parent / "cases" / "commands"
COMMANDS = sorted(CASES.glob("*.cmd"))

# What the output shows: `file:line:col: 错误[ZK406 …]` for a place, `用法错误[ZK501 …]` or
# `错误[ZK205 …]` for none.
REPORTED = re.compile(r"^(?:(\S+?):(\d+):\d+: )?(?:用法)?(?:错误|警告)\[(ZK\d{3}) ", re.MULTILINE)
Expected = tuple[str, str | None, int | None]


def expectation(path: Path) -> tuple[set[Expected], int]:
    """The (code, file, line) triples and the exit code the case's first line asks for."""
    head, _ = path.read_text(encoding="utf-8").split("\n", 1)
    assert head.startswith("# 预期："), f"{path.name}: first line must say what to expect"
    exit_code = re.search(r"退出码 (\d)", head)
    assert exit_code, f"{path.name}: the first line must give the exit code"
    found: set[Expected] = set()
    for code, file, line in re.findall(r"(ZK\d{3})(?: (\S+) 第 (\d+) 行)?", head):
        found.add((code, file or None, int(line) if line else None))
    return found, int(exit_code.group(1))


def run_case(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the case's command in its folder; the exit code and everything printed."""
    monkeypatch.chdir(CASES)
    args = shlex.split(path.read_text(encoding="utf-8").splitlines()[1])
    out, err = io.StringIO(), io.StringIO()
    code = main(
        args,
        out=Console(file=out, width=200, color_system=None, highlight=False),
        err=Console(file=err, width=200, color_system=None, highlight=False),
    )
    return code, out.getvalue() + err.getvalue()


def reported(output: str) -> set[Expected]:
    """The (code, file name, line) of every diagnostic in the output."""
    return {
        (code, Path(file).name if file else None, int(line) if line else None)
        for file, line, code in REPORTED.findall(output)
    }


@pytest.mark.parametrize("path", COMMANDS, ids=[p.stem for p in COMMANDS])
def test_the_right_code_is_reported_at_the_right_row(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wanted, exit_code = expectation(path)
    code, output = run_case(path, monkeypatch)
    assert "Traceback" not in output
    assert (reported(output), code) == (wanted, exit_code), output


def test_an_internal_error_names_the_clause_and_shows_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """ZK599 cannot be seeded by an input (it is a bug by definition): a failing clause handler stands in."""

    def broken(evaluator: clauses.ClauseEvaluator, unit: str, clause: n.Clause) -> clauses.Outcome:
        raise RuntimeError("seeded fault")

    monkeypatch.setitem(clauses._HANDLERS, n.PerClause, broken)
    code, output = run_case(CASES / "clean.cmd", monkeypatch)
    assert (reported(output), code) == ({("ZK599", "scheme.zkp", 10)}, 1), output
    assert "RuntimeError: seeded fault" in output and "Traceback" not in output


def test_every_code_has_a_seeded_case() -> None:
    """Every diagnostic code is seeded: in a rule file, a log or a command, or (ZK599) by the fault above."""
    commands = {code for path in COMMANDS for code, _, _ in expectation(path)[0]}
    seeded = seeded_codes() | commands | {"ZK599"}
    assert {c.code for c in CODES.values()} == seeded
