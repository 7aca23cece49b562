"""Event logs: encodings, JSON Lines, value kinds, and the row accounting (nothing dropped silently)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from zkprules.diagnostics import ZkError
from zkprules.events import open_events
from zkprules.run import run_project
from zkprules.values import parse_date
from tests.helpers import evaluate, item_score, project_of

SCHEME = (
    "项目 1「文件」5 分：\n  「出台文件」的得 5 分。\n"
    "项目 2「比例」3 分：\n  「报送比例」达到 90% 以上（含）的计 3 分，低于 90% 的计 0 分。\n"
    "项目 3「机制」5 分：\n  按「牵头领导」计分：「正职」得 5 分，「副职」得 2 分。\n"
)
CSV = "日期,单位,事项,数值,备注\n2020-03-01,甲区,出台文件,是,\n2020年4月1日,丁,报送比例,92%,别名\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_bom_and_gbk_is_read(tmp_path: Path, encoding: str) -> None:
    project, _ = project_of(SCHEME)
    path = write(tmp_path, "e.csv", CSV.encode(encoding))
    result = run_project(project, open_events(path))
    assert (result.rows.read, result.rows.used, result.rows.rejected) == (2, 2, 0)
    assert item_score(result, "丁区", "2") == D(3)


def test_json_lines_are_read_and_bad_lines_reported(tmp_path: Path) -> None:
    project, _ = project_of(SCHEME)
    lines = [
        json.dumps({"日期": "2020-03-01", "单位": "甲区", "事项": "出台文件", "数值": "是"}, ensure_ascii=False),
        "{not json",
    ]
    path = write(tmp_path, "e.jsonl", "\n".join(lines).encode())
    result = run_project(project, open_events(path))
    assert item_score(result, "甲区") == D(5)
    (problem,) = result.rows.problems
    assert problem.key == "unreadable-log" and problem.span is not None and problem.span.line == 2


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    project, _ = project_of(SCHEME)
    path = write(tmp_path, "e.csv", "日期,单位,数值\n2020-01-01,甲区,1\n".encode())
    with pytest.raises(ZkError) as caught:
        run_project(project, open_events(path))
    assert caught.value.diagnostics[0].key == "missing-column"


def test_every_rejected_row_is_reported_with_its_row_and_column() -> None:
    rows = [
        ("2020-03-01", "甲区", "出台文件", "是"),
        ("2020-13-01", "甲区", "出台文件", "是"),
        ("2020-03-01", "甲", "出台文件", "是"),
        ("2020-03-01", "甲区", "出台文书", "是"),
        ("2020-03-01", "乙区", "报送比例", "92"),
        ("2019-03-01", "乙区", "出台文件", "是"),
        ("2020-03-01", "丙区", "牵头领导", "正值"),
        ("2020-03-01", "丙区", "出台文件", "三次"),
    ]
    result = evaluate(SCHEME, rows)
    problems = sorted(result.rows.problems, key=lambda d: d.sort_key())
    assert [(p.span.line if p.span else 0, p.key) for p in problems] == [
        (3, "bad-log-date"),
        (4, "unknown-unit-in-log"),
        (5, "unknown-fact"),
        (6, "bad-value"),
        (7, "outside-year"),
        (8, "bad-value"),
        (9, "bad-value"),
    ]
    assert (result.rows.read, result.rows.used, result.rows.rejected) == (8, 1, 7)
    hints = {p.key: p.hint for p in problems}
    assert hints["unknown-fact"] is not None and "出台文件" in hints["unknown-fact"]
    assert hints["unknown-unit-in-log"] is not None and "甲区" in hints["unknown-unit-in-log"]


def test_a_later_measurement_supersedes_and_the_earlier_row_is_reported() -> None:
    rows = [("2020-03-01", "甲区", "报送比例", "80%"), ("2020-12-01", "甲区", "报送比例", "95%")]
    result = evaluate(SCHEME, rows)
    assert item_score(result, "甲区", "2") == D(3)
    (problem,) = result.rows.problems
    assert problem.key == "superseded" and problem.span is not None and problem.span.line == 2
    assert problem.severity.value == "warning"


def test_conflicting_values_on_one_day_are_both_rejected_and_the_measure_is_missing() -> None:
    rows = [("2020-12-01", "甲区", "报送比例", "80%"), ("2020-12-01", "甲区", "报送比例", "95%")]
    result = evaluate(SCHEME, rows)
    assert result.rows.used == 0 and result.rows.rejected == 2
    assert any(m.unit == "甲区" and m.fact == "报送比例" for m in result.schemes[0].missing)


def test_row_order_does_not_change_the_result() -> None:
    rows = [
        ("2020-03-01", "甲区", "报送比例", "80%"),
        ("2020-12-01", "甲区", "报送比例", "95%"),
        ("2020-03-01", "乙区", "牵头领导", "副职"),
        ("2020-05-01", "乙区", "牵头领导", "正职"),
    ]
    forward, backward = evaluate(SCHEME, rows), evaluate(SCHEME, rows[::-1])
    assert [(u.unit, u.total) for u in forward.schemes[0].units] == [(u.unit, u.total) for u in backward.schemes[0].units]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020-03-15", "2020-03-15"), ("2020/3/5", "2020-03-05"), ("2020年3月15日", "2020-03-15"), ("2020-03-15 08:30", "2020-03-15"), ("２０２０－０３－１５", "2020-03-15")],
)
def test_dates_in_the_forms_offices_write(text: str, expected: str) -> None:
    assert str(parse_date(text)) == expected


@pytest.mark.parametrize("text", ["2020-02-30", "15/03/2020", "三月", ""])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None
