"""Finding and loading rule files: schemes, the registry beside them, all diagnostics together."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from zkprules import nodes as n
from zkprules.checker import Model, check_scheme
from zkprules.diagnostics import Diagnostic, Severity, ZkError, has_errors, sort_diagnostics
from zkprules.registry import Registry
from zkprules.spans import SourceText, Span, display_path
from zkprules.astcache import cached_parse
from zkprules.transformer import parse_rule_file
from zkprules.verify import verify

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
        diagnostics.append(
            Diagnostic("no-registry", "规则文件旁边没有单位名录（以“单位名录”开头的 .zkp 文件）", schemes[0].name.span)
        )
    models: list[Model] = []
    for scheme in schemes:
        model, problems = check_scheme(scheme, registry)
        if not registries:  # every name is unknown without a registry: ZK203 says it once
            problems = [d for d in problems if d.key != "unknown-unit"]
        models.append(model)
        diagnostics.extend(problems)
        if not has_errors(problems):  # the deeper checks need a scheme whose names and kinds are sound
            diagnostics.extend(verify(model))
    comments: dict[str, tuple[n.Comment, ...]] = {s.span.file: s.comments for s in schemes}
    comments.update({r.span.file: r.comments for r in registries})
    blocks = {s.span.file: _blocks(s) for s in schemes}
    acknowledged = [acknowledge(d, comments, sources, blocks) for d in diagnostics]
    return Project(registry, tuple(models), sources, tuple(sort_diagnostics(acknowledged)))


ACKNOWLEDGE = re.compile(r"确认\s*(ZK\d{3})\s*[:：]\s*(.+)")


def _blocks(scheme: n.Scheme) -> list[tuple[int, int]]:
    """The lines of each item and item table: a comment above one acknowledges for all of it."""
    spans = [item.span for item in scheme.items if item.table is None] + [t.span for t in scheme.tables]
    return [(span.line, span.end_line) for span in spans]


def acknowledge(
    d: Diagnostic,
    comments: dict[str, tuple[n.Comment, ...]],
    sources: dict[str, SourceText],
    blocks: dict[str, list[tuple[int, int]]],
) -> Diagnostic:
    """A warning acknowledged by a `# 确认 ZKnnn：理由` comment: on its line, in the comment block just
    above it, or just above the item or item table it is in (one comment for a whole table)."""
    if d.span is None or d.severity is not Severity.WARNING or d.span.file not in comments:
        return d
    by_line: dict[int, list[str]] = {}
    for comment in comments[d.span.file]:
        by_line.setdefault(comment.span.line, []).append(comment.text)
    source = sources[d.span.file]
    anchors = [d.span.line] + [start for start, end in blocks.get(d.span.file, []) if start <= d.span.line <= end]
    for anchor in anchors:
        reason = _reason_above(anchor, d.code, by_line, source)
        if reason is not None:
            return attrs.evolve(d, acknowledged=reason)
    return d


def _reason_above(line: int, code: str, by_line: dict[int, list[str]], source: SourceText) -> str | None:
    """The reason of a `确认 code：…` comment on `line` or in the comment lines right above it."""
    while line >= 1:
        for text in by_line.get(line, []):
            found = ACKNOWLEDGE.search(text)
            if found and found.group(1) == code:
                return found.group(2).strip()
        line -= 1
        if line < 1 or not source.line(line).lstrip().startswith(("#", "＃")):
            return None
    return None


def _not_utf8(data: bytes, bad: int, display: str) -> Diagnostic:
    """Where a rule file stops being UTF-8: the line quoted as GBK (what such files usually are), the column of the first bad byte."""
    start = data.rfind(b"\n", 0, bad) + 1
    end = data.find(b"\n", bad)
    line_bytes = data[start : end if end >= 0 else len(data)].rstrip(b"\r")
    column = len(data[start:bad].decode("utf-8")) + 1
    try:
        quote, hint = line_bytes.decode("gb18030"), "这一行像是 GBK 编码：请把文件另存为 UTF-8"
    except UnicodeDecodeError:
        quote, hint = line_bytes.decode("utf-8", errors="replace"), "请用 UTF-8 编码保存规则文件"
    span = Span.point(display, data[:bad].count(b"\n") + 1, column)
    return Diagnostic("not-utf8", "规则文件不是 UTF-8 编码", span, hint, quote=quote)


def _parse(path: Path, sources: dict[str, SourceText], diagnostics: list[Diagnostic]) -> n.RuleFile | None:
    display = display_path(path)
    try:
        source = SourceText.read(path, display)
    except UnicodeDecodeError as exc:
        diagnostics.append(_not_utf8(path.read_bytes(), exc.start, display))
        return None
    except OSError as exc:
        diagnostics.append(Diagnostic("no-such-file", f"无法读取文件：{exc.strerror}", Span.point(display, 1, 1)))
        return None
    sources[display] = source
    try:
        return cached_parse(source, parse_rule_file)
    except ZkError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
