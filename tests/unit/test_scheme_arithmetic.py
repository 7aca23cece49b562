"""Scheme-level arithmetic: role coefficients, applicability, bonus items, quantities, totals, rounding."""

from __future__ import annotations

from decimal import Decimal as D

from tests.helpers import evaluate, item_score, project_of

DAY = "2020-06-01"

BUSINESS = """角色系数：「牵头单位」1，「一类责任单位」0.8，「二类责任单位」0.6。

项目 1「企业开办」10 分：
  「牵头单位」：「甲区」。
  「一类责任单位」：「乙区」、「丙区」。
  「二类责任单位」：「丁区」。
  「完成企业开办」的得 10 分。

项目 2「不动产登记」5 分：
  「牵头单位」：「乙区」。
  「一类责任单位」：「戊区」。
  「二类责任单位」：「甲区」。
  「完成不动产登记」的得 5 分。

加减分项目 1「国家评价前 10 名」：
  「牵头单位」：「甲区」、「乙区」。
  「一类责任单位」：「丙区」。
  「国家评价单项指标前 10 名」的得 1 分。

设「完成率」为「实得分」÷「应得分」。
设「贡献率」为「应得分」÷ 全部单位的「应得分」之和。
设「贡献度得分」按「贡献率」排名，第 1 名 100 分，等差递减，最低 70 分。
总分为「完成率」×「贡献度得分」+「加减分」。
总分保留两位小数。
"""
ROWS = [
    (DAY, "甲区", "完成企业开办"),
    (DAY, "甲区", "完成不动产登记"),
    (DAY, "乙区", "完成企业开办"),
    (DAY, "丙区", "完成企业开办"),
    (DAY, "戊区", "完成不动产登记"),
    (DAY, "甲区", "国家评价单项指标前 10 名"),
]


def units() -> dict[str, tuple[D, dict[str, D]]]:
    result = evaluate(BUSINESS, ROWS)
    return {u.unit: (u.total, dict(u.quantities)) for u in result.schemes[0].units}


def test_coefficients_scale_points_and_scores_by_role() -> None:
    result = evaluate(BUSINESS, ROWS)
    by_unit = {u.unit: u for u in result.schemes[0].units}
    first = by_unit["乙区"].items[0]
    assert (first.role, first.coefficient, first.points, first.score) == ("一类责任单位", D("0.8"), D(8), D(8))
    second = by_unit["甲区"].items[1]
    assert (second.role, second.points, second.score) == ("二类责任单位", D(3), D(3))


def test_items_without_a_role_are_neither_earned_nor_owed() -> None:
    result = evaluate(BUSINESS, ROWS)
    ding = next(u for u in result.schemes[0].units if u.unit == "丁区")
    assert not ding.items[1].applicable and ding.items[1].points == 0
    assert dict(ding.quantities)["应得分"] == D(6)


def test_attainable_earned_and_bonus_quantities() -> None:
    found = units()
    assert {u: (q["应得分"], q["实得分"], q["加减分"]) for u, (_, q) in found.items()} == {
        "甲区": (D(13), D(13), D(1)),
        "乙区": (D(13), D(8), D(0)),
        "丙区": (D(8), D(8), D(0)),
        "丁区": (D(6), D(0), D(0)),
        "戊区": (D(4), D(4), D(0)),
    }


def test_contribution_score_falls_in_equal_steps_from_100_to_70_with_ties_sharing() -> None:
    found = units()
    assert {u: q["贡献度得分"] for u, (_, q) in found.items()} == {
        "甲区": D(100), "乙区": D(100), "丙区": D(85), "丁区": D("77.5"), "戊区": D(70),
    }


def test_total_is_the_schemes_formula_rounded_half_up_to_two_places() -> None:
    found = units()
    assert {u: str(total) for u, (total, _) in found.items()} == {
        "甲区": "101.00", "乙区": "61.54", "丙区": "85.00", "丁区": "0.00", "戊区": "70.00",
    }


def test_without_a_total_formula_the_total_is_earned_plus_bonus() -> None:
    text = BUSINESS.split("设「完成率」")[0]
    result = evaluate(text, ROWS)
    assert {u.unit: u.total for u in result.schemes[0].units}["甲区"] == D(14)


def test_applicability_limits_an_item_to_some_units() -> None:
    text = "项目 1「法治」10 分：\n  适用于：「甲区」、「乙区」。\n  「出台文件」的得 10 分。\n"
    result = evaluate(text, [(DAY, "甲区", "出台文件")])
    applicable = {u.unit: u.items[0].applicable for u in result.schemes[0].units}
    assert applicable == {"甲区": True, "乙区": True, "丙区": False, "丁区": False, "戊区": False}


def test_unknown_role_is_reported_with_the_declared_ones() -> None:
    _, diagnostics = project_of(BUSINESS.replace("「一类责任单位」：「乙区」", "「一级责任单位」：「乙区」"))
    (problem,) = [d for d in diagnostics if d.key == "unknown-role"]
    assert problem.span is not None and problem.span.line == 8
    assert problem.hint is not None and "「一类责任单位」" in problem.hint


def test_sum_of_an_undefined_quantity_is_an_error() -> None:
    _, diagnostics = project_of(BUSINESS.replace("全部单位的「应得分」之和", "全部单位的「应得分数」之和"))
    assert [d.key for d in diagnostics] == ["unknown-quantity"]


def test_unit_in_two_roles_is_warned_and_keeps_the_first() -> None:
    _, diagnostics = project_of(BUSINESS.replace("「二类责任单位」：「丁区」。", "「二类责任单位」：「丁区」、「甲区」。"))
    assert [d.key for d in diagnostics] == ["two-roles"]


def test_composite_unit_combines_totals_and_its_component_is_not_ranked() -> None:
    text = (
        "项目 1「文件」10 分：\n  「出台文件」的得 10 分。\n"
        "项目 2「台账」10 分：\n  「建立台账」的得 10 分。\n"
        "组合单位「甲区」为 0.6 ×「甲区」+ 0.4 ×「乙区」。\n"
    )
    result = evaluate(text, [(DAY, "甲区", "出台文件"), (DAY, "乙区", "出台文件"), (DAY, "乙区", "建立台账")])
    units = {u.unit: u for u in result.schemes[0].units}
    assert "乙区" not in units
    assert units["甲区"].total == D(14)  # 0.6 × 10 + 0.4 × 20
    assert dict(units["甲区"].quantities)["乙区本方案得分"] == D(20)


def test_composite_naming_a_unit_outside_the_scheme_is_an_error() -> None:
    _, diagnostics = project_of("项目 1「文件」10 分：\n  「出台文件」的得 10 分。\n组合单位「甲区」为「甲区」+「金水区」。\n")
    assert [d.key for d in diagnostics] == ["unknown-unit"]


def test_units_are_ranked_within_each_group_when_the_scheme_says_so() -> None:
    text = "分别排名：「甲区」、「乙区」、「丙区」。\n项目 1「文件」10 分：\n  「出台文件」的得 10 分。\n"
    result = evaluate(text, [(DAY, "乙区", "出台文件")])
    ranks = {u.unit: (u.group, u.rank) for u in result.schemes[0].units}
    assert ranks["甲区"] == ("甲区", 1) and ranks["乙区"] == ("乙区", 1)
    assert ranks["丁区"] == (None, 1) and ranks["戊区"] == (None, 1)


def test_all_item_points_is_the_same_for_every_unit() -> None:
    text = BUSINESS.split("设「完成率」")[0] + "设「占比」为「实得分」÷「全部项目分值」。\n"
    result = evaluate(text, ROWS)
    shares = {u.unit: dict(u.quantities)["占比"] for u in result.schemes[0].units}
    assert shares["甲区"] == D(13) / D(15) and shares["丁区"] == D(0)


RULE_OF_LAW_LIKE = """考核采用扣分模式进行，在考核项固有分值内扣完为止。
项目 1「规范立法」1 分：
  出现「积极申报」的加 0.5 分。
  每出现 1 件「未按要求送审」扣 0.5 分。

项目 2「依法行政」2 分：
  适用于：「甲区」、「乙区」。
  出现「违法文件」的，本项得 0 分。

扣分项目 3「败诉率最高」：
  适用于：「乙区」、「丙区」。
  按「败诉率」从高到低排名：第 1 名扣 10 分，其他名次得 0 分。

扣分项目 4「质量事件」：
  「质量事件扣分」酌情扣 0-3 分。
  最多扣 3 分。

设「考核分值」为「实得分」÷「应得分」× 80，保留两位小数。
总分为「考核分值」＋「加减分」。
"""


def test_deduction_mode_starts_every_item_from_its_points_and_awards_only_restore() -> None:
    rows = [(DAY, "甲区", "未按要求送审", "1"), (DAY, "甲区", "积极申报"), (DAY, "丙区", "未按要求送审", "1")]
    rows += [(DAY, unit, "败诉率", rate) for unit, rate in (("乙区", "10%"), ("丙区", "5%"))]
    result = evaluate(RULE_OF_LAW_LIKE, rows)
    assert item_score(result, "甲区", "1") == D(1)  # 1 − 0.5 + 0.5, within the item's 1 point
    assert item_score(result, "丙区", "1") == D("0.5")
    assert item_score(result, "乙区", "1") == D(1)


def test_a_ranking_is_among_the_units_the_item_applies_to() -> None:
    rows = [(DAY, unit, "败诉率", rate) for unit, rate in (("乙区", "10%"), ("丙区", "5%"))]
    result = evaluate(RULE_OF_LAW_LIKE, rows)
    assert item_score(result, "乙区", "3") == D(-10)
    assert item_score(result, "丙区", "3") == D(0)
    unit = next(u for u in result.schemes[0].units if u.unit == "乙区")
    trace = next(i for i in unit.items if i.id == "3").trace[0]
    assert "在 2 个单位中排第 1 名" in trace.detail


def test_a_quantity_rounded_where_the_scheme_says_and_a_bonus_item_floored_by_its_most_deducted() -> None:
    rows = [(DAY, "甲区", "未按要求送审", "1"), (DAY, "甲区", "违法文件")]
    rows += [(DAY, "甲区", "质量事件扣分", v) for v in ("2", "2")]
    rows += [(DAY, unit, "败诉率", "0%") for unit in ("乙区", "丙区")]
    result = evaluate(RULE_OF_LAW_LIKE, rows)
    first = next(u for u in result.schemes[0].units if u.unit == "甲区")
    quantities = dict(first.quantities)
    assert quantities["考核分值"] == D("13.33")  # 0.5 ÷ 3 × 80 = 13.333…, kept to two decimals
    assert item_score(result, "甲区", "4") == D(-3)  # 2 + 2 deducted, at most 3
    assert first.total == D("10.33")
