"""`zkprules check --prove`: the laws hold on a sound scheme, and a broken one is shrunk to a small CSV log."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from zkprules import prove as prove_module
from zkprules.bounds import Interval, SchemeBounds
from zkprules.prove import fact_directions, prove
from tests.helpers import project_of

SCHEME = """项目 1「清欠」5 分：
  未发生「拖欠」的得 5 分，每出现 1 例扣 1 分，扣完为止。
项目 2「创建」3 分：
  每开展 1 次「诚信创建活动」得 1 分，最高得 3 分。
"""


def test_the_laws_hold_for_a_sound_scheme() -> None:
    project, _ = project_of(SCHEME)
    outcome = prove(project, project.models[0], examples=40)
    assert outcome.failure is None and outcome.examples == 40


def test_directions_come_from_the_clauses() -> None:
    project, _ = project_of(SCHEME)
    assert fact_directions(project.models[0]) == {"拖欠": -1, "诚信创建活动": 1}


def test_a_broken_law_is_reported_with_a_minimal_log(monkeypatch: pytest.MonkeyPatch) -> None:
    project, _ = project_of(SCHEME)
    real = prove_module.scheme_bounds

    def too_narrow(model):  # type: ignore[no-untyped-def]
        bounds: SchemeBounds = real(model)
        narrow = tuple(attrs.evolve(c, total=Interval(Decimal(0), Decimal(7))) for c in bounds.classes)
        return attrs.evolve(bounds, classes=narrow)

    monkeypatch.setattr(prove_module, "scheme_bounds", too_narrow)
    outcome = prove(project, project.models[0], examples=60)
    assert outcome.failure is not None and "超出静态范围" in outcome.failure
    assert outcome.log is not None
    lines = outcome.log.splitlines()
    assert lines[0] == "日期,单位,事项,数值"
    assert 2 <= len(lines) <= 4  # shrunk: a unit with 8 points needs only its 创建 rows
