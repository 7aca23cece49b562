"""Helpers for tests: evaluate rule text on in-memory rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from zkprules.checker import check_scheme
from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.events import MemorySource
from zkprules.loader import Project, load_project
from zkprules.nodes import RegistryFile, Scheme
from zkprules.registry import Registry
from zkprules.results import RunResult
from zkprules.run import run_project
from zkprules.spans import SourceText
from zkprules.transformer import parse_rule_file

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

REGISTRY_TEXT = """单位名录「测试」。
单位「甲区」属于「区县（市）」。
单位「乙区」属于「区县（市）」。
单位「丙区」属于「区县（市）」。
单位「丁区」属于「区县（市）」，别名「丁」。
单位「戊区」属于「区县（市）」。
"""

HEAD = """方案「测试方案」。
考核年度 2020 年。
考核对象：「区县（市）」。
"""


def parse(text: str, name: str = "t.zkp") -> Scheme | RegistryFile:
    """Parse rule text."""
    return parse_rule_file(SourceText(name, text))


def parse_errors(text: str) -> list[Diagnostic]:
    """The diagnostics of a rule text that does not parse."""
    try:
        parse(text)
    except ZkError as exc:
        return exc.diagnostics
    raise AssertionError("expected a syntax error")


def project_of(scheme_text: str) -> tuple[Project, list[Diagnostic]]:
    """A project of one scheme (HEAD is prepended) and the small test registry."""
    registry_file = parse(REGISTRY_TEXT, "units.zkp")
    assert isinstance(registry_file, RegistryFile)
    registry, problems = Registry.build([registry_file])
    assert not problems
    text = HEAD + scheme_text
    scheme = parse(text)
    assert isinstance(scheme, Scheme)
    model, diagnostics = check_scheme(scheme, registry)
    project = Project(registry, (model,), {"t.zkp": SourceText("t.zkp", text)}, tuple(diagnostics))
    return project, diagnostics


def evaluate(scheme_text: str, rows: list[tuple[str, ...]]) -> RunResult:
    """Evaluate scheme text (after HEAD) on rows of (日期, 单位, 事项[, 数值])."""
    project, diagnostics = project_of(scheme_text)
    assert not [d for d in diagnostics if d.severity.value == "error"], diagnostics
    records = [dict(zip(("日期", "单位", "事项", "数值", "备注"), row)) for row in rows]
    return run_project(project, MemorySource(records))


def item_score(result: RunResult, unit: str, item: str = "1") -> Decimal:
    """The score of one item of one unit."""
    for found in result.schemes[0].units:
        if found.unit == unit:
            return next(i.score for i in found.items if i.id == item)
    raise KeyError(unit)


def load_rules() -> Project:
    """The project in rules/."""
    return load_project([RULES])
