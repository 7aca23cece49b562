"""The command line: exit codes, output formats, and no traceback whatever the input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliResult

RULES_1 = "rules/1-1-government-integrity-districts.zkp"
EVENTS_1 = "examples/government-integrity-districts/events.csv"


def test_check_rules_folder_has_no_errors(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("check", "rules/")
    assert code == 0
    assert "：0 个错误" in out or "没有发现问题" in out


def test_check_json_lists_diagnostics(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("check", "tests/cases/rules/unknown-unit.zkp", "--format", "json")
    assert code == 1
    records = json.loads(out)
    assert [(r["line"], r["column"], r["code"], r["severity"]) for r in records] == [
        (4, 14, "ZK201", "error"),
        (4, 20, "ZK201", "error"),
    ]


def test_run_table_lists_all_16_units(cli: Callable[..., CliResult]) -> None:
    code, out, err = cli("run", RULES_1, EVENTS_1)
    assert code == 0, err
    for unit in ("金水区", "登封市", "郑州航空港经济综合实验区", "郑州高新技术产业开发区"):
        assert unit in out
    assert "读取 324 行，采用 324 行，未采用 0 行" in out


def test_run_csv_has_one_line_per_unit(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("run", RULES_1, EVENTS_1, "--format", "csv")
    assert code == 0
    lines = list(csv.reader(io.StringIO(out)))
    assert lines[0][:4] == ["方案", "排名", "单位", "总分"] and len(lines) == 17
    assert lines[1][2:4] == ["金水区", "100"]


def test_run_on_a_folder_evaluates_the_schemes_whose_facts_appear(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("run", "rules/", EVENTS_1, "--format", "json")
    assert code == 0
    assert [s["scheme"] for s in json.loads(out)["schemes"]] == ["区县（市）、开发区政务诚信建设"]


def test_explain_accepts_an_alias_and_shows_rule_lines_and_rows(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("explain", RULES_1, EVENTS_1, "航空港区")
    assert code == 0
    assert "「郑州航空港经济综合实验区」" in out
    assert "第 27 行" in out and "排第 2 名（2 个单位并列）" in out and "事件记录第" in out


def test_explain_unknown_unit_is_a_usage_error_with_suggestion(cli: Callable[..., CliResult]) -> None:
    code, _, err = cli("explain", RULES_1, EVENTS_1, "金水")
    assert code == 2
    assert "金水区" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "请指定命令"),
        (("check",), "缺少参数"),
        (("run", RULES_1), "缺少参数"),
        (("run", RULES_1, EVENTS_1, "--format", "xml"), "无效"),
        (("check", "no/such/file.zkp"), "找不到文件"),
        (("run", RULES_1, "no-such.csv"), "找不到文件"),
        (("frobnicate",), "无效"),
    ],
)
def test_wrong_usage_exits_2_with_a_chinese_message(
    cli: Callable[..., CliResult], args: tuple[str, ...], expected: str
) -> None:
    code, _, err = cli(*args)
    assert code == 2
    assert expected in err


def test_run_with_broken_rules_exits_1_with_positioned_message(cli: Callable[..., CliResult]) -> None:
    code, _, err = cli("run", "tests/cases/rules/typo.zkp", EVENTS_1)
    assert code == 1
    assert "tests/cases/rules/typo.zkp:7:30" in err and "^" in err


def test_rule_file_that_is_not_utf8(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    bad = tmp_path / "gbk.zkp"
    bad.write_bytes("方案「编码」。\n".encode("gbk"))
    (tmp_path / "units.zkp").write_text((ROOT / "rules/units.zkp").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = cli("check", str(bad))
    assert code == 1 and "ZK104" in out


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zkprules", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "tests/cases/rules/missing-stop.zkp"),
        ("run", RULES_1, "tests/cases/logs/bad-events.csv"),
        ("run", RULES_1, "rules/units.zkp"),
        ("run", "rules/units.zkp", EVENTS_1),
        ("explain", RULES_1, EVENTS_1, "没有这个单位"),
        ("check",),
    ],
)
def test_python_m_zkprules_never_shows_a_traceback(args: tuple[str, ...]) -> None:
    completed = run_process(*args)
    assert completed.returncode in (1, 2)
    assert "Traceback" not in completed.stdout + completed.stderr
    assert (completed.stdout + completed.stderr).strip()


def test_python_m_zkprules_runs_the_example() -> None:
    completed = run_process("run", RULES_1, EVENTS_1, "--format", "json")
    assert completed.returncode == 0
    assert json.loads(completed.stdout)["schemes"][0]["units"][0]["unit"] == "金水区"


def test_many_rows_with_the_same_problem_are_summed_up(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    events = (ROOT / "examples/social-credit-districts/events.csv").read_text(encoding="utf-8")
    bad = tmp_path / "events.csv"
    bad.write_text(events.replace(",登封市,", ",郑东新区,"), encoding="utf-8")
    code, _, err = cli("run", "rules/3-social-credit-districts.zkp", str(bad), "--format", "csv")
    assert code == 1
    assert err.count("错误[ZK408 not-a-target]") == 3
    assert "另有 84 行同样的问题[ZK408]" in err


def test_bounds_prints_the_range_of_every_total(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("bounds", "rules/3-1-quality.zkp", "--format", "json")
    assert code == 0
    (scheme,) = json.loads(out)["schemes"]
    assert scheme["total"] == {"low": "-16", "high": "105"}  # 100 of items, +5 bonus, −16 of deductions and the veto
    assert {i["id"]: i["score"] for i in scheme["items"]}["16"] == {"low": "0", "high": "9"}


def test_strict_fails_on_a_warning_the_rule_file_does_not_acknowledge(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("check", "tests/cases/mistakes/tier-gap.zkp", "tests/cases/mistakes/units.zkp")
    assert code == 0 and "ZK334" in out
    code, _, _ = cli("check", "--strict", "tests/cases/mistakes/tier-gap.zkp", "tests/cases/mistakes/units.zkp")
    assert code == 1
    code, out, _ = cli("check", "--strict", "tests/cases/mistakes/acknowledged.zkp", "tests/cases/mistakes/units.zkp")
    assert code == 0 and "已确认[ZK330] 1 处（第 8 行）：原文如此" in out


def test_check_json_carries_the_acknowledgement(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("check", "--format", "json", "tests/cases/mistakes/acknowledged.zkp", "tests/cases/mistakes/units.zkp")
    (record,) = json.loads(out)
    assert (record["code"], record["line"], record["acknowledged"]) == ("ZK330", 8, "原文如此")


def test_prove_passes_on_a_faithful_scheme(cli: Callable[..., CliResult]) -> None:
    code, out, _ = cli("check", "--prove", "--examples", "10", "rules/1-2-government-integrity-city.zkp")
    assert code == 0
    assert "方案「市级单位政务诚信建设」：10 个例子全部通过" in out
