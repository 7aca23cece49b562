"""Each clause shape of language.md, evaluated on small logs with hand-computed expectations."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.helpers import evaluate, item_score

DAY = "2020-06-01"


def rows(unit: str, fact: str, count: int, value: str = "") -> list[tuple[str, ...]]:
    return [(DAY, unit, fact, value)] * count


# ------------------------------------------------------------------ per-occurrence deductions

FLOORED = "项目 1「拖欠」5 分：\n  未发生「拖欠」的得 5 分，每出现 1 例扣 1 分，扣完为止。\n"


@pytest.mark.parametrize(("cases", "expected"), [(0, "5"), (1, "4"), (4, "1"), (5, "0"), (9, "0")])
def test_floored_deduction_counts_down_from_base_and_stops_at_zero(cases: int, expected: str) -> None:
    result = evaluate(FLOORED, rows("甲区", "拖欠", cases))
    assert item_score(result, "甲区") == D(expected)


def test_count_column_counts_several_occurrences_in_one_row() -> None:
    result = evaluate(FLOORED, [(DAY, "甲区", "拖欠", "3")])
    assert item_score(result, "甲区") == D(2)


def test_deduction_only_item_starts_from_its_points() -> None:
    text = "项目 1「失信」20 分：\n  每出现 1 个「失信记录」扣 5 分。\n"
    result = evaluate(text, rows("甲区", "失信记录", 3) + rows("乙区", "失信记录", 6))
    assert item_score(result, "甲区") == D(5)
    assert item_score(result, "乙区") == D(0)  # −30 from 20: floored at 0
    assert item_score(result, "丙区") == D(20)


def test_capped_deduction_takes_at_most_its_limit() -> None:
    text = "项目 1「结果」8 分：\n  每出现 1 次「延误」扣 1 分，最多扣 4 分。\n"
    result = evaluate(text, rows("甲区", "延误", 3) + rows("乙区", "延误", 7))
    assert item_score(result, "甲区") == D(5)
    assert item_score(result, "乙区") == D(4)


def test_unfloored_deduction_goes_below_zero() -> None:
    text = "项目 1「问题」0 分：\n  每出现 1 次「问题」扣 0.1 分，上不封顶。\n"
    result = evaluate(text, rows("甲区", "问题", 13))
    assert item_score(result, "甲区") == D("-1.3")


# ------------------------------------------------------------------ awards per N


def test_award_per_five_with_cap() -> None:
    text = "项目 1「案例」15 分：\n  「联合奖惩案例」每 5 个得 1 分，最高不超过 15 分。\n"
    result = evaluate(text, rows("甲区", "联合奖惩案例", 4) + rows("乙区", "联合奖惩案例", 12) + [(DAY, "丙区", "联合奖惩案例", "99")])
    assert item_score(result, "甲区") == D(0)  # 4 cases: no full group of 5
    assert item_score(result, "乙区") == D(2)
    assert item_score(result, "丙区") == D(15)


def test_award_until_full() -> None:
    text = "项目 1「拆除」50 分：\n  每 1 起「拆除违建」加 5 分，直至加满 50 分为止。\n"
    result = evaluate(text, [(DAY, "甲区", "拆除违建", "12")])
    assert item_score(result, "甲区") == D(50)


# ------------------------------------------------------------------ yes/no, choices


def test_yes_no_fact() -> None:
    text = "项目 1「文件」5 分：\n  「出台制度性文件」的得 5 分。\n"
    result = evaluate(text, [(DAY, "甲区", "出台制度性文件", "是"), (DAY, "乙区", "出台制度性文件", "否")])
    assert item_score(result, "甲区") == D(5)
    assert item_score(result, "乙区") == D(0)
    assert item_score(result, "丙区") == D(0)  # no row: it did not happen


def test_graded_choice_with_other() -> None:
    text = "项目 1「机制」5 分：\n  按「牵头领导」计分：「正职」得 5 分，「常务副职」得 4 分，「副职」得 2 分，其他情况 0 分。\n"
    result = evaluate(
        text,
        [(DAY, "甲区", "牵头领导", "常务副职"), (DAY, "乙区", "牵头领导", "秘书长"), (DAY, "丙区", "牵头领导", "副职")]
        + [(DAY, u, "牵头领导", "正职") for u in ("丁区", "戊区")],
    )
    assert item_score(result, "甲区") == D(4)
    assert item_score(result, "乙区") == D(0)
    assert item_score(result, "丙区") == D(2)


def test_choice_without_value_is_reported_missing_not_zeroed_silently() -> None:
    text = "项目 1「机制」5 分：\n  按「牵头领导」计分：「正职」得 5 分，其他情况 0 分。\n"
    result = evaluate(text, [(DAY, "甲区", "牵头领导", "正职")])
    missing = {(m.unit, m.fact) for m in result.schemes[0].missing}
    assert ("乙区", "牵头领导") in missing
    assert ("甲区", "牵头领导") not in missing


def test_declared_default_fills_a_missing_choice() -> None:
    text = "事项「牵头领导」缺省为「未建立」。\n项目 1「机制」5 分：\n  按「牵头领导」计分：「正职」得 5 分，其他情况 0 分。\n"
    result = evaluate(text, [])
    assert not result.schemes[0].missing
    assert item_score(result, "甲区") == D(0)


# ------------------------------------------------------------------ tiers and linear

TIERS = (
    "项目 1「报送」3 分：\n"
    "  「报送比例」达到 90% 以上（含）的计 3 分，70%（含）至 90% 的计 2 分，50%（含）至 70% 的计 1 分，低于 50% 的计 0 分。\n"
)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [("100%", "3"), ("90%", "3"), ("0.9", "3"), ("89.99%", "2"), ("70%", "2"), ("69.9%", "1"), ("50%", "1"), ("49.9%", "0")],
)
def test_tiers_use_bounds_inclusive_as_written(ratio: str, expected: str) -> None:
    result = evaluate(TIERS, [(DAY, u, "报送比例", ratio) for u in ("甲区", "乙区", "丙区", "丁区", "戊区")])
    assert item_score(result, "甲区") == D(expected)


def test_between_without_marks_excludes_upper_bound() -> None:
    text = "项目 1「比」5 分：\n  「比」高于 3% 低于 5% 的得 5 分。\n"
    result = evaluate(
        text, [(DAY, "甲区", "比", "3%"), (DAY, "乙区", "比", "4%"), (DAY, "丙区", "比", "5%"), (DAY, "丁区", "比", "4.99%"), (DAY, "戊区", "比", "3.01%")]
    )
    scores = [item_score(result, u) for u in ("甲区", "乙区", "丙区", "丁区", "戊区")]
    assert scores == [D(0), D(5), D(0), D(5), D(5)]


LINEAR = "项目 1「满意」3 分：\n  「满意率」达到 100% 的得 3 分，每低 1 个百分点扣 0.5 分。\n"


@pytest.mark.parametrize(
    ("rate", "expected"), [("100%", "3"), ("99%", "2.5"), ("97.5%", "2"), ("95%", "0.5"), ("94%", "0"), ("10%", "0")]
)
def test_linear_in_a_rate_counts_whole_points_below_target(rate: str, expected: str) -> None:
    result = evaluate(LINEAR, [(DAY, u, "满意率", rate) for u in ("甲区", "乙区", "丙区", "丁区", "戊区")])
    assert item_score(result, "甲区") == D(expected)


def test_linear_steps_of_five_points() -> None:
    text = "项目 1「一证办」10 分：\n  「一证办率」达到 100% 的得 10 分，每降低 5 个百分点扣 1 分。\n"
    result = evaluate(text, [(DAY, u, "一证办率", "91%") for u in ("甲区", "乙区", "丙区", "丁区", "戊区")])
    assert item_score(result, "甲区") == D(9)  # 9 points below: one full step of 5


# ------------------------------------------------------------------ ranks

RANK = (
    "项目 1「共享」7 分：\n"
    "  按「共享量」在全市同级单位中排名：第 1 名得 7 分，第 2 名得 6 分，其他名次得 4 分，最后 2 名得 1 分。\n"
)


def test_rank_table_with_last_places() -> None:
    values = {"甲区": "50", "乙区": "40", "丙区": "30", "丁区": "20", "戊区": "10"}
    result = evaluate(RANK, [(DAY, u, "共享量", v) for u, v in values.items()])
    assert [item_score(result, u) for u in values] == [D(7), D(6), D(4), D(1), D(1)]


def test_tied_units_share_the_better_rank_and_the_next_rank_is_skipped() -> None:
    values = {"甲区": "50", "乙区": "50", "丙区": "30", "丁区": "20", "戊区": "10"}
    result = evaluate(RANK, [(DAY, u, "共享量", v) for u, v in values.items()])
    assert [item_score(result, u) for u in values] == [D(7), D(7), D(4), D(1), D(1)]


def test_tie_policy_worse_rank_can_be_declared() -> None:
    text = RANK.replace("最后 2 名得 1 分。", "最后 2 名得 1 分，并列取较差名次。")
    values = {"甲区": "50", "乙区": "50", "丙区": "30", "丁区": "20", "戊区": "10"}
    result = evaluate(text, [(DAY, u, "共享量", v) for u, v in values.items()])
    assert [item_score(result, u) for u in values] == [D(6), D(6), D(4), D(1), D(1)]


# ------------------------------------------------------------------ proportional, stages, averages, formulas


def test_proportional_completion_is_capped_at_the_points() -> None:
    text = "项目 1「任务」10 分：\n  按「实际完成值」占「目标值」的比例得 10 分。\n"
    result = evaluate(
        text,
        [(DAY, "甲区", "实际完成值", "75"), (DAY, "甲区", "目标值", "100"), (DAY, "乙区", "实际完成值", "130"), (DAY, "乙区", "目标值", "100")],
    )
    assert item_score(result, "甲区") == D("7.5")
    assert item_score(result, "乙区") == D(10)


def test_stages_take_the_furthest_stage_reached() -> None:
    text = "项目 1「文件」10 分：\n  按「文件进展」所达阶段计 10 分：「完成初稿征求意见」30%，「报送研究」70%，「形成文件印发」100%。\n"
    result = evaluate(
        text,
        [("2020-03-01", "甲区", "文件进展", "完成初稿征求意见"), ("2020-05-01", "甲区", "文件进展", "报送研究"), (DAY, "乙区", "文件进展", "完成初稿征求意见")],
    )
    assert item_score(result, "甲区") == D(7)
    assert item_score(result, "乙区") == D(3)


def test_average_of_checked_boxes_over_involved_steps() -> None:
    text = "项目 1「谋划」3 分：\n  按「研究方案」、「办理手续」、「出台政策」的平均比例计 3 分。\n"
    result = evaluate(text, [(DAY, "甲区", "研究方案", "100%"), (DAY, "甲区", "办理手续", "50%")])
    assert item_score(result, "甲区") == D("2.25")  # (100% + 50%) / 2 environments × 3


def test_formula_on_measures() -> None:
    text = "项目 1「处置」20 分：\n  得分为 20 分 ×（「处置起数」÷「总起数」× 50% + 「处置面积」÷「总面积」× 50%）。\n"
    result = evaluate(
        text,
        [(DAY, "甲区", "处置起数", "8"), (DAY, "甲区", "总起数", "10"), (DAY, "甲区", "处置面积", "300"), (DAY, "甲区", "总面积", "600")],
    )
    assert item_score(result, "甲区") == D(13)  # 20 × (0.8×0.5 + 0.5×0.5)


def test_formula_division_by_zero_is_reported_missing() -> None:
    text = "项目 1「处置」20 分：\n  得分为 20 分 ×「处置起数」÷「总起数」。\n"
    result = evaluate(text, [(DAY, "甲区", "处置起数", "0"), (DAY, "甲区", "总起数", "0")])
    assert item_score(result, "甲区") == D(0)
    assert any(m.unit == "甲区" for m in result.schemes[0].missing)


# ------------------------------------------------------------------ deadlines, discretion, overrides, sums


def test_deadline_missed_or_never_done_deducts() -> None:
    text = "项目 1「证照」10 分：\n  4月5日前未完成「证照目录认领」的扣 1 分。\n"
    result = evaluate(
        text, [("2020-04-05", "甲区", "证照目录认领", ""), ("2020-04-06", "乙区", "证照目录认领", "")]
    )
    assert item_score(result, "甲区") == D(10)  # on the day counts as before (含当日)
    assert item_score(result, "乙区") == D(9)
    assert item_score(result, "丙区") == D(9)


def test_discretionary_range_sums_assessor_values() -> None:
    text = "项目 1「数据」10 分：\n  「数据错误」酌情扣 1-5 分。\n"
    result = evaluate(text, [(DAY, "甲区", "数据错误", "2"), ("2020-07-01", "甲区", "数据错误", "3")])
    assert item_score(result, "甲区") == D(5)


def test_discretionary_value_out_of_range_is_rejected_with_its_row() -> None:
    text = "项目 1「数据」10 分：\n  「数据错误」酌情扣 1-5 分。\n"
    result = evaluate(text, [(DAY, "甲区", "数据错误", "7")])
    assert item_score(result, "甲区") == D(10)
    (problem,) = result.rows.problems
    assert problem.key == "out-of-range" and problem.span is not None and problem.span.line == 2


def test_override_sets_item_score() -> None:
    text = (
        "项目 1「清偿」15 分：\n"
        "  「清偿进度」达到 100% 的得 15 分。\n"
        "  每发生 1 笔「有分歧账款未清偿」扣 2 分。\n"
        "  出现「无分歧账款未清零」的，本项得 0 分。\n"
    )
    result = evaluate(
        text,
        [(DAY, u, "清偿进度", "100%") for u in ("甲区", "乙区", "丙区", "丁区", "戊区")]
        + rows("乙区", "有分歧账款未清偿", 2)
        + rows("丙区", "无分歧账款未清零", 1),
    )
    assert [item_score(result, u) for u in ("甲区", "乙区", "丙区")] == [D(15), D(11), D(0)]


def test_sub_rules_are_summed_and_bounded_by_item_points() -> None:
    text = "项目 1「回访」2 分：\n  「回访」的得 3 分。\n"
    result = evaluate(text, rows("甲区", "回访", 1))
    unit = result.schemes[0].units[0]
    assert item_score(result, "甲区") == D(2)
    assert any("上限" in note for note in unit.items[0].adjustments)


def test_item_level_cap_and_no_floor() -> None:
    text = (
        "项目 1「表扬批评」10 分：\n"
        "  每出现 1 次「表扬」加 3 分。\n"
        "  每出现 1 次「批评」扣 3 分。\n"
        "  加分上限为 10 分，减分不设下限。\n"
    )
    result = evaluate(text, rows("甲区", "表扬", 5) + rows("乙区", "批评", 2) + rows("丙区", "表扬", 1) + rows("丙区", "批评", 2))
    assert item_score(result, "甲区") == D(10)
    assert item_score(result, "乙区") == D(-6)
    assert item_score(result, "丙区") == D(-3)


def test_totals_and_ranks_share_rank_on_equal_totals() -> None:
    result = evaluate(FLOORED, rows("甲区", "拖欠", 1) + rows("乙区", "拖欠", 1) + rows("丙区", "拖欠", 2))
    ranks = {u.unit: (u.total, u.rank) for u in result.schemes[0].units}
    assert ranks["丁区"] == (D(5), 1) and ranks["戊区"] == (D(5), 1)
    assert ranks["甲区"] == (D(4), 3) and ranks["乙区"] == (D(4), 3)
    assert ranks["丙区"] == (D(3), 5)


def test_stage_rows_all_count_and_none_reported_means_no_stage() -> None:
    text = "项目 1「文件」10 分：\n  按「文件进展」所达阶段计 10 分：「初稿」30%，「报送」70%，「印发」100%。\n"
    result = evaluate(text, [("2020-03-01", "甲区", "文件进展", "初稿"), ("2020-05-01", "甲区", "文件进展", "报送")])
    assert item_score(result, "甲区") == D(7) and item_score(result, "乙区") == D(0)
    assert not result.rows.problems and not result.schemes[0].missing


def test_exempt_clause_makes_the_item_not_applicable() -> None:
    text = "项目 1「价格」10 分：\n  「调整价格」的得 10 分。\n  出现「省未确定任务」的，本项不考核。\n"
    result = evaluate(text, [(DAY, "甲区", "省未确定任务"), (DAY, "乙区", "调整价格")])
    items = {u.unit: u.items[0] for u in result.schemes[0].units}
    assert not items["甲区"].applicable and items["甲区"].points == 0
    assert items["乙区"].applicable and items["乙区"].score == D(10)
    assert dict(next(u for u in result.schemes[0].units if u.unit == "甲区").quantities)["应得分"] == D(0)
