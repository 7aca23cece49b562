"""Static bounds per period and per role: what `zkprules bounds` prints beside the totals."""

from __future__ import annotations

import io
from decimal import Decimal as D

from rich.console import Console

from tests.helpers import project_of
from zkprules.bounds import Interval, role_bounds, scheme_bounds
from zkprules.render.boundsdoc import bounds_document, render_bounds

QUARTERS = """满分 10 分。
按季考核：一季度 20%，二季度 20%，三季度 20%，年终 30%。
项目 1「甲」10 分：
  每出现 1 例「违规」扣 2 分，扣完为止。
"""

ROLES = """满分 10 分。
角色系数：「牵头单位」1，「责任单位」0.5。
项目 1「甲」10 分：
  「牵头单位」：「甲区」。
  「责任单位」：「乙区」、「丙区」。
  每出现 1 例「违规」扣 2 分，扣完为止。
"""


def test_a_weighted_year_is_the_sum_of_each_quarters_share() -> None:
    project, _ = project_of(QUARTERS)
    (cls,) = scheme_bounds(project.models[0]).classes
    assert [(p.label, p.weight, p.total, p.share) for p in cls.periods] == [
        ("一季度", D("0.2"), Interval(D(0), D(10)), Interval(D(0), D(2))),
        ("二季度", D("0.2"), Interval(D(0), D(10)), Interval(D(0), D(2))),
        ("三季度", D("0.2"), Interval(D(0), D(10)), Interval(D(0), D(2))),
        ("年终", D("0.3"), Interval(D(0), D(10)), Interval(D(0), D(3))),
    ]
    # The weights add up to 90% (ZK319 warns): the year cannot reach 10.
    assert cls.total == Interval(D(0), D(9))


def test_a_monthly_mean_stays_within_one_months_range() -> None:
    project, _ = project_of(QUARTERS.replace("按季考核：一季度 20%，二季度 20%，三季度 20%，年终 30%。", "按月考核，全年得分为各月得分的平均值。"))
    (cls,) = scheme_bounds(project.models[0]).classes
    assert [(p.label, p.weight, p.share) for p in cls.periods] == [("每月", None, Interval(D(0), D(10)))]
    assert cls.total == Interval(D(0), D(10))


def test_an_item_is_bounded_for_each_role_with_its_coefficient() -> None:
    project, _ = project_of(ROLES)
    assert role_bounds(project.models[0], 0) == [
        ("牵头单位", D(1), Interval(D(0), D(10))),
        ("责任单位", D("0.5"), Interval(D(0), D(5))),
    ]


def test_the_table_and_the_json_show_periods_and_roles() -> None:
    for text, shown in ((QUARTERS, "各期得分范围"), (ROLES, "责任单位 0 至 5")):
        project, _ = project_of(text)
        model = project.models[0]
        pairs = [(model, scheme_bounds(model))]
        out = io.StringIO()
        render_bounds(Console(file=out, width=160, color_system=None), pairs)
        assert shown in out.getvalue()
    (doc,) = bounds_document(pairs)
    assert doc["items"][0]["roles"][1] == {"role": "责任单位", "coefficient": "0.5", "score": {"low": "0", "high": "5"}}
