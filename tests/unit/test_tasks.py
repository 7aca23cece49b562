"""Schemes scored task by task (按任务逐项考核): items once per task, the 任务 column, 最多扣 on an item."""

from __future__ import annotations

from decimal import Decimal as D

from zkprules.events import MemorySource
from zkprules.run import run_project
from tests.helpers import evaluate, project_of

TASKS = """按任务逐项考核。
项目 1「结果性目标达成」8 分：
  按「研究方案」、「办理手续」的平均比例计 3 分。
  按「进展情况」比例得 5 分。
  最多扣 4 分。
项目 2「成果性目标达成」2 分：
  每出现 1 次「批示肯定」加 0.5 分。
总分为「实得分」÷「应得分」× 100。
"""


def run(records: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    project, diagnostics = project_of(TASKS)
    assert not diagnostics
    return run_project(project, MemorySource(records))


def row(unit: str, task: str, fact: str, value: str = "") -> dict[str, str]:
    return {"日期": "2020-12-01", "单位": unit, "任务": task, "事项": fact, "数值": value}


def test_every_item_is_scored_once_per_task_and_the_total_is_normalised() -> None:
    result = run(
        [
            row("甲区", "老旧小区改造", "研究方案", "100%"),
            row("甲区", "老旧小区改造", "办理手续", "50%"),
            row("甲区", "老旧小区改造", "进展情况", "100%"),
            row("甲区", "老旧小区改造", "批示肯定"),
            row("甲区", "道路建设", "研究方案", "0%"),
            row("甲区", "道路建设", "进展情况", "0%"),
        ]
    )
    first = next(u for u in result.schemes[0].units if u.unit == "甲区")
    scores = {item.id: item.score for item in first.items}
    # 3 × 75% + 5 = 7.25; the road task earns 0 but 最多扣 4 分 keeps it at 4
    assert scores == {"老旧小区改造·1": D("7.25"), "老旧小区改造·2": D("0.5"), "道路建设·1": D(4), "道路建设·2": D(0)}
    assert first.total == D("11.75") / 20 * 100


def test_a_unit_that_reports_no_task_is_listed_as_incomplete_not_a_crash() -> None:
    result = run([row("甲区", "老旧小区改造", "研究方案", "100%"), row("甲区", "老旧小区改造", "进展情况", "100%")])
    silent = next(u for u in result.schemes[0].units if u.unit == "乙区")
    assert silent.items == () and silent.total == 0
    assert any(m.unit == "乙区" and "应得分（为 0，无法相除）" in m.fact for m in result.schemes[0].missing)


def test_a_row_without_its_task_is_rejected_with_its_row_number() -> None:
    result = evaluate(TASKS, [("2020-12-01", "甲区", "研究方案", "100%")])
    (problem,) = result.rows.problems
    assert (problem.key, problem.span.line) == ("missing-task", 2)
    assert problem.message == "方案「测试方案」按任务逐项考核，本行没有写“任务”"
    assert result.rows.rejected == 1
