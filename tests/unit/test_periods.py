"""Periodic schemes: months and quarters scored on their own rows, carry-over, and how the year is made."""

from __future__ import annotations

from decimal import Decimal as D

from tests.helpers import evaluate, item_score, project_of

MONTHLY = """按月考核，全年得分为各月得分的平均值。
事项「未按时拆除」为计数，累积计入下月「新增违建」。
项目 1「新增违建」20 分：
  每出现 1 起「新增违建」扣 10 分，扣完为止。
  每出现 1 起「未按时拆除」扣 5 分，扣完为止。
"""

QUARTERLY = """按季考核：一季度 20%，二季度 20%，三季度 20%，年终 40%。
项目 1「重点工作」10 分：
  按「完成比例」比例得 10 分。
"""


def unit_of(result, name):  # type: ignore[no-untyped-def]
    return next(u for u in result.schemes[0].units if u.unit == name)


def test_each_month_is_scored_on_its_own_rows_and_the_year_is_their_mean() -> None:
    result = evaluate(MONTHLY, [("2020-01-05", "甲区", "新增违建"), ("2020-02-05", "乙区", "新增违建")])
    first = unit_of(result, "甲区")
    assert first.periods == (("1月", D(10)), ("2月", D(20)))
    assert first.total == D(15)
    assert unit_of(result, "丙区").total == D(20)  # reported nothing: full marks in both months
    assert result.schemes[0].combination == "全年得分 = 各月得分之和 ÷ 2（记录中有数据的月数）"


def test_a_case_not_removed_in_time_counts_again_next_month() -> None:
    rows = [
        ("2020-03-10", "甲区", "新增违建"),
        ("2020-03-31", "甲区", "未按时拆除"),
        ("2020-04-30", "甲区", "未按时拆除"),
        ("2020-05-20", "乙区", "新增违建"),
    ]
    result = evaluate(MONTHLY, rows)
    periods = dict(unit_of(result, "甲区").periods)
    assert periods == {"3月": D(5), "4月": D(5), "5月": D(10)}
    assert item_score(result, "甲区", "4月·1") == D(5)
    trace = next(i for i in unit_of(result, "甲区").items if i.id == "4月·1").trace[0]
    assert "含上月转入 1 次" in trace.detail
    assert trace.rows == (3,)  # the March row (row 1 is the header) that carried over


def test_quarters_are_combined_by_their_weights() -> None:
    rows = [
        ("2020-03-31", "甲区", "完成比例", "50%"),
        ("2020-06-30", "甲区", "完成比例", "60%"),
        ("2020-09-30", "甲区", "完成比例", "80%"),
        ("2020-12-31", "甲区", "完成比例", "100%"),
    ]
    first = unit_of(evaluate(QUARTERLY, rows), "甲区")
    assert first.periods == (("一季度", D(5)), ("二季度", D(6)), ("三季度", D(8)), ("年终", D(10)))
    assert first.total == D("7.8")  # 5×20% + 6×20% + 8×20% + 10×40%


def test_a_measure_of_an_earlier_quarter_is_not_superseded_by_a_later_one() -> None:
    rows = [("2020-03-31", "甲区", "完成比例", "50%"), ("2020-12-31", "甲区", "完成比例", "100%")]
    result = evaluate(QUARTERLY, rows)
    assert not result.rows.problems
    assert result.rows.used == 2


def test_period_weights_that_do_not_add_up_are_reported() -> None:
    _, diagnostics = project_of(QUARTERLY.replace("年终 40%", "年终 30%"))
    assert [(d.key, d.span.line, d.message) for d in diagnostics] == [
        ("weights-sum", 4, "各期权重之和为 90%，不是 100%")
    ]


def test_carry_over_needs_a_monthly_scheme_and_a_counted_target() -> None:
    _, diagnostics = project_of(MONTHLY.replace("按月考核，全年得分为各月得分的平均值。\n", ""))
    assert [(d.key, d.span.line) for d in diagnostics] == [("carry-needs-months", 4)]
    _, diagnostics = project_of(MONTHLY.replace("计入下月「新增违建」", "计入下月「整改」"))
    assert [(d.key, d.span.line, d.span.column) for d in diagnostics] == [("carry-target", 5, 20)]


def test_a_quarter_named_twice_or_a_month_in_a_quarterly_scheme_is_reported() -> None:
    _, diagnostics = project_of(QUARTERLY.replace("二季度 20%", "一季度 20%"))
    assert ("bad-period", "“一季度”写了两次") in [(d.key, d.message) for d in diagnostics]
    _, diagnostics = project_of(QUARTERLY.replace("三季度", "3月"))
    assert ("bad-period", "“3月”不是季份") in [(d.key, d.message) for d in diagnostics]
