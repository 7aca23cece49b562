"""Finding and loading rule files: schemes, the registry beside them, all diagnostics together."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from zkprules import nodes as n
from zkprules.checker import Model, check_scheme
from zkprules.diagnostics import Diagnostic, ZkError, sort_diagnostics
from zkprules.registry import Registry
from zkprules.spans import SourceText, Span, display_path
from zkprules.transformer import parse_rule_file

RULE_SUFFIX = ".zkp"
_REGISTRY_HEAD = re.compile(r"\A\ufeff?(?:\s|[#＃][^\n]*\n)*单位名录")


@attrs.frozen
class Project:
    """Everything loaded from the rule paths: registry, checked schemes, sources, diagnostics."""

    registry: Registry
    models: tuple[Model, ...]
    sources: dict[str, SourceText]
    diagnostics: tuple[Diagnostic, ...]


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """The rule files named by `paths` (folders searched recursively), plus registries beside them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{RULE_SUFFIX}")))
        else:
            found.append(path)
            found.extend(p for p in sorted(path.parent.glob(f"*{RULE_SUFFIX}")) if _is_registry(p))
    return list(dict.fromkeys(p.resolve() for p in found))


def _is_registry(path: Path) -> bool:
    try:
        head = path.read_bytes()[:4096].decode("utf-8", errors="ignore")
    except OSError:
        return False
    return bool(_REGISTRY_HEAD.match(head))


def missing_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths that do not exist."""
    return [p for p in paths if not p.exists()]


def load_project(paths: Iterable[Path]) -> Project:
    """Parse and check every rule file named by `paths`; collect every diagnostic."""
    diagnostics: list[Diagnostic] = []
    sources: dict[str, SourceText] = {}
    schemes: list[n.Scheme] = []
    registries: list[n.RegistryFile] = []
    for path in rule_files(paths):
        parsed = _parse(path, sources, diagnostics)
        if isinstance(parsed, n.Scheme):
            schemes.append(parsed)
        elif isinstance(parsed, n.RegistryFile):
            registries.append(parsed)
    registry, problems = Registry.build(registries)
    diagnostics.extend(problems)
    if not registries and schemes:
        where = schemes[0].span
        diagnostics.append(
            Diagnostic("no-registry", "规则文件旁边没有单位名录（以“单位名录”开头的 .zkp 文件）", Span.point(where.file, 1, 1))
        )
    models: list[Model] = []
    for scheme in schemes:
        model, problems = check_scheme(scheme, registry)
        models.append(model)
        diagnostics.extend(problems)
    return Project(registry, tuple(models), sources, tuple(sort_diagnostics(diagnostics)))


def _parse(path: Path, sources: dict[str, SourceText], diagnostics: list[Diagnostic]) -> n.RuleFile | None:
    display = display_path(path)
    try:
        source = SourceText.read(path, display)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        diagnostics.append(
            Diagnostic("not-utf8", "规则文件不是 UTF-8 编码", Span.point(display, line, 1), "请用 UTF-8 编码保存规则文件")
        )
        return None
    except OSError as exc:
        diagnostics.append(Diagnostic("no-such-file", f"无法读取文件：{exc.strerror}", Span.point(display, 1, 1)))
        return None
    sources[display] = source
    try:
        return parse_rule_file(source)
    except ZkError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
