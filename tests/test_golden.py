"""Golden tests: source + expected output, reviewed when they change (pytest --update-golden).

- examples/<scheme>/expected.json: `zkprules run … --format json` on the bundled example;
- tests/cases/rules/<case>.expected: `zkprules check <case>.zkp` on a rule file with one mistake;
- tests/cases/logs/<case>.expected: what `zkprules run` reports about a broken event log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliResult

EXAMPLES = [
    ("rules/1-1-government-integrity-districts.zkp", "examples/government-integrity-districts"),
    ("rules/4-arrears-clearance-districts.zkp", "examples/arrears-clearance-districts"),
    ("rules/3-social-credit-districts.zkp", "examples/social-credit-districts"),
    ("rules/1-2-government-integrity-city.zkp", "examples/government-integrity-city"),
    ("rules/2-social-credit-city.zkp", "examples/social-credit-city"),
    ("rules/5-double-random-supervision.zkp", "examples/double-random-supervision"),
    ("rules/3-3-armed-forces.zkp", "examples/armed-forces"),
    ("rules/3-7-chinese-medicine.zkp", "examples/chinese-medicine"),
    ("rules/3-2-government-openness.zkp", "examples/government-openness"),
    ("rules/3-5-illegal-construction-monthly.zkp", "examples/illegal-construction-monthly"),
    ("rules/3-1-quality.zkp", "examples/quality"),
    ("rules/3-4-rule-of-law.zkp", "examples/rule-of-law"),
    ("rules/3-6-key-tasks-districts.zkp", "examples/key-tasks-districts"),
    ("rules/2-government-services.zkp", "examples/government-services"),
    ("rules/1-business-environment.zkp", "examples/business-environment"),
    ("rules/3-5-illegal-construction-annex-1-districts.zkp", "examples/illegal-construction-annex-districts"),
    ("rules/3-5-illegal-construction-annex-2-city.zkp", "examples/illegal-construction-annex-city"),
]
UNITS = {
    "examples/social-credit-districts": 12,
    "examples/government-integrity-city": 68,
    "examples/social-credit-city": 68,
    "examples/double-random-supervision": 56,  # 16 + 40; 自贸区郑州片区管委会 is part of 市商务局
    "examples/armed-forces": 27,
    "examples/chinese-medicine": 32,
    "examples/government-openness": 70,
    "examples/illegal-construction-monthly": 23,
    "examples/illegal-construction-annex-city": 7,
    "examples/rule-of-law": 100,
    "examples/government-services": 64,
    "examples/business-environment": 84,
}
CASES = ROOT / "tests" / "cases"
RULE_CASES = sorted(p for p in (CASES / "rules").glob("*.zkp") if p.name != "units.zkp")


def compare(expected_file: Path, actual: str, update: bool) -> None:
    """Assert `actual` equals the golden file, or rewrite it under --update-golden."""
    if update:
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.is_file(), f"no golden file {expected_file}; run pytest --update-golden and review it"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(("rules", "example"), EXAMPLES)
def test_example_matches_golden_json(
    cli: Callable[..., CliResult], update_golden: bool, rules: str, example: str
) -> None:
    code, out, err = cli("run", rules, f"{example}/events.csv", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert len(document["schemes"][0]["units"]) == UNITS.get(example, 16)
    assert document["rows"]["rejected"] == 0
    compare(ROOT / example / "expected.json", out, update_golden)


@pytest.mark.parametrize(("rules", "example"), EXAMPLES)
def test_same_input_gives_byte_identical_output(cli: Callable[..., CliResult], rules: str, example: str) -> None:
    first = cli("run", rules, f"{example}/events.csv", "--format", "json")
    second = cli("run", rules, f"{example}/events.csv", "--format", "json")
    assert first == second


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda p: p.stem)
def test_rule_file_mistake_matches_golden_check_output(
    cli: Callable[..., CliResult], update_golden: bool, case: Path
) -> None:
    code, out, err = cli("check", str(case.relative_to(ROOT)))
    assert code == 1
    assert "Traceback" not in out + err
    compare(case.with_suffix(".expected"), out, update_golden)


def test_broken_event_log_matches_golden_report(cli: Callable[..., CliResult], update_golden: bool) -> None:
    code, out, err = cli(
        "run", "rules/1-1-government-integrity-districts.zkp", "tests/cases/logs/bad-events.csv", "--format", "csv"
    )
    assert code == 1
    assert "Traceback" not in out + err
    compare(CASES / "logs" / "bad-events.expected", err, update_golden)
