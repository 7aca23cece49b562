"""The `zkprules` command line: check, bounds, run, explain. Exit 0 clean, 1 problems in rules or data, 2 usage.

No Python traceback ever reaches the user: every failure becomes a diagnostic.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.text import Text

from zkprules import __version__
from zkprules.bounds import scheme_bounds
from zkprules.diagnostics import CODES, Diagnostic, ZkError, has_errors
from zkprules.events import open_events
from zkprules.loader import Project, load_project, missing_paths
from zkprules.render import csvdoc, jsondoc
from zkprules.render.boundsdoc import render_bounds, render_bounds_json
from zkprules.render.diagnostics import acknowledged_count, render_diagnostics, render_diagnostics_json, summary
from zkprules.render.explain import render_explain
from zkprules.render.table import render_table
from zkprules.results import ZERO_DIVISOR, MissingMeasure, RunResult
from zkprules.run import run_project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"invalid choice: (\S+) \(choose from (.*)\)", r"无效的命令 \1，可选：\2"),
]


class UsageError(Exception):
    """Wrong command-line use (exit 2); `key` names its diagnostic code where it has one (ZK5xx)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key

    def label(self) -> str:
        """用法错误, with the code where there is one: 用法错误[ZK501 no-such-file]."""
        return f"用法错误[{CODES[self.key].code} {self.key}]" if self.key else "用法错误"


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese error messages and no exit of its own."""

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        raise UsageError(f"{message}\n{self.format_usage().strip()}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = _Parser(prog="zkprules", description="考评细则规则语言：检查规则、计算得分、解释扣分。")
    parser.add_argument("--version", action="version", version=f"zkprules {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="{check,bounds,run,explain}")

    check = sub.add_parser("check", help="检查规则文件：语法、名称、类型")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="规则文件或文件夹")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    check.add_argument("--strict", action="store_true", help="未确认的警告也视为问题（退出码 1）")
    check.add_argument("--prove", action="store_true", help="用随机生成的事件记录检验各方案的得分规律（需安装 hypothesis）")
    check.add_argument("--examples", type=int, default=500, metavar="N", help="--prove 每个方案的例子数（默认 500）")
    check.add_argument("--jobs", type=int, default=0, metavar="J", help="--prove 同时检验的方案数（默认为处理器核数）")

    bounds = sub.add_parser("bounds", help="静态分析：各项目与总分可能的最低、最高分")
    bounds.add_argument("paths", nargs="+", type=Path, metavar="RULES", help="规则文件或文件夹")
    bounds.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")

    run = sub.add_parser("run", help="按事件记录计算各单位得分与排名")
    _rules_and_events(run)
    run.add_argument("--format", choices=("table", "json", "csv"), default="table", help="输出格式")

    explain = sub.add_parser("explain", help="逐条解释一个单位的得分")
    _rules_and_events(explain)
    explain.add_argument("unit", metavar="UNIT", help="单位名称或别名")
    return parser


def _rules_and_events(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rules", type=Path, metavar="RULES", help="规则文件或文件夹（单位名录放在旁边）")
    parser.add_argument("events", type=Path, metavar="EVENTS", help="事件记录：CSV 或 JSON Lines")
    parser.add_argument("--encoding", default=None, help="事件记录的编码（默认自动识别 UTF-8 / GBK）")


def main(argv: Sequence[str] | None = None, out: Console | None = None, err: Console | None = None) -> int:
    """Run the command line; return the exit code."""
    out = out or Console(highlight=False)
    err = err or Console(stderr=True, highlight=False)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("请指定命令：check、bounds、run 或 explain\n" + build_parser().format_usage().strip())
        return _dispatch(args, out, err)
    except UsageError as exc:
        err.print(Text(f"{exc.label()}：{exc}"), soft_wrap=True)
        return EXIT_USAGE
    except ZkError as exc:
        render_diagnostics(err, exc.diagnostics, {})
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        err.print(Text("已中断"))
        return EXIT_PROBLEMS
    except Exception as exc:  # the last line of defence: never a traceback
        err.print(Text(f"内部错误[ZK599 internal-error]：{type(exc).__name__}: {exc}\n请将命令和输入文件报告给 zkprules 的维护者。"))
        return EXIT_PROBLEMS


def _dispatch(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.command == "check":
        code = cmd_check(args.paths, args.format, out, args.strict)
        if args.prove and code == EXIT_OK:
            return cmd_prove(args.paths, args.examples, out, args.jobs)
        return code
    if args.command == "bounds":
        return cmd_bounds(args.paths, args.format, out, err)
    return cmd_run(args, out, err)


def _require(paths: Sequence[Path]) -> None:
    missing = missing_paths(paths)
    if missing:
        raise UsageError("找不到文件或文件夹：" + "、".join(str(p) for p in missing), "no-such-file")


def cmd_check(paths: Sequence[Path], fmt: str, out: Console, strict: bool = False) -> int:
    """`zkprules check`: parse and check every rule file; report all diagnostics together.

    Exit 1 on any error, and with --strict on any warning the rule files do not acknowledge.
    """
    _require(paths)
    project = load_project(paths)
    errors, warnings = summary(project.diagnostics)
    if fmt == "json":
        render_diagnostics_json(out, project.diagnostics)
    else:
        render_diagnostics(out, project.diagnostics, project.sources)
        files = len(project.sources)
        verdict = "没有发现问题" if not project.diagnostics else f"{errors} 个错误，{warnings} 个警告"
        confirmed = acknowledged_count(project.diagnostics)
        if confirmed:
            verdict += f"，{confirmed} 个已确认"
        out.print(Text(f"检查了 {files} 个规则文件（{len(project.models)} 个方案）：{verdict}"))
    return EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK


def cmd_prove(paths: Sequence[Path], examples: int, out: Console, jobs: int = 0) -> int:
    """`zkprules check --prove`: the property laws on generated logs, scheme by scheme; a failure as a minimal CSV log.

    Schemes are proved in parallel processes (one per core unless --jobs says otherwise).
    """
    try:
        from zkprules.prove import prove_all
    except ImportError as exc:  # hypothesis is an optional dependency
        raise UsageError("--prove 需要 hypothesis：pip install 'zkprules[test]'") from exc
    if examples < 1:
        raise UsageError("--examples 应为正整数")
    failed = proved = 0
    started = time.perf_counter()
    for outcome in prove_all(list(paths), examples, jobs or (os.cpu_count() or 1)):
        proved += 1
        if outcome.failure is None:
            out.print(Text(f"方案「{outcome.scheme}」：{outcome.examples} 个例子全部通过（{outcome.seconds:.1f} 秒）"))
            continue
        failed += 1
        out.print(Text(f"方案「{outcome.scheme}」：不成立——{outcome.failure}", style="bold red"), soft_wrap=True)
        out.print(Text("最小的反例（事件记录，可用 zkprules explain 查看）："), soft_wrap=True)
        out.print(Text(outcome.log or ""), soft_wrap=True)
    verdict = f"{failed} 个不成立" if failed else "全部通过"
    seconds = time.perf_counter() - started
    out.print(Text(f"检验了 {proved} 个方案，每个 {examples} 个例子：{verdict}（共 {seconds:.0f} 秒）"))
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_bounds(paths: Sequence[Path], fmt: str, out: Console, err: Console) -> int:
    """`zkprules bounds`: the least and greatest score of every item and total, from the rules alone."""
    _require(paths)
    project = load_project(paths)
    if has_errors(project.diagnostics):
        render_diagnostics(err, project.diagnostics, project.sources)
        return EXIT_PROBLEMS
    pairs = [(model, scheme_bounds(model)) for model in project.models]
    if fmt == "json":
        render_bounds_json(out, pairs)
    else:
        render_bounds(out, pairs)
    return EXIT_OK


def _load_for_run(rules: Path, err: Console) -> Project | None:
    """The project to run, or None after printing why it cannot run."""
    _require([rules])
    project = load_project([rules])
    if has_errors(project.diagnostics):
        render_diagnostics(err, project.diagnostics, project.sources)
        return None
    if not project.models:
        raise ZkError([Diagnostic("no-scheme", f"{rules} 中没有考核方案（以“方案”开头的 .zkp 文件）")])
    return project


def cmd_run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """`zkprules run` and `zkprules explain`: evaluate the rules on an event log."""
    project = _load_for_run(args.rules, err)
    if project is None:
        return EXIT_PROBLEMS
    _require([args.events])
    result = run_project(project, open_events(args.events, args.encoding))
    if args.command == "explain":
        unit = project.registry.unit(args.unit)
        if unit is None or not result.unit(unit):
            suggestions = project.registry.suggest(args.unit)
            hint = "；是否想写：" + "、".join(suggestions) if suggestions else ""
            raise UsageError(f"没有单位“{args.unit}”的得分{hint}", "unknown-unit-argument")
        render_explain(out, result, unit)
    elif args.format == "json":
        out.print(Text(jsondoc.dumps(result)), soft_wrap=True)
    elif args.format == "csv":
        csvdoc.render_csv(out, result)
    else:
        render_table(out, result)
    # The table and the JSON state the row accounting themselves; the others get it on stderr.
    show_accounting = args.command == "explain" or args.format == "csv"
    return _report_run(result, project, err, show_accounting)


def _report_run(result: RunResult, project: Project, err: Console, show_accounting: bool) -> int:
    """After the output: the rows not used and the measures missing, on stderr."""
    render_diagnostics(err, result.rows.problems, project.sources)
    if show_accounting:
        rows = result.rows
        err.print(Text(f"事件记录 {result.events}：读取 {rows.read} 行，采用 {rows.used} 行，未采用 {rows.rejected} 行"))
    missing = [m for s in result.schemes for m in s.missing]
    for (location, fact, item), units in _group_missing(missing).items():
        err.print(Text(_missing_line(location, fact, item, units)), soft_wrap=True)
    _, warnings = summary(project.diagnostics)
    if warnings:
        err.print(Text(f"规则文件有 {warnings} 个警告，运行 zkprules check 查看"))
    problems = has_errors(result.rows.problems) or bool(missing)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _missing_line(location: str, fact: str, item: str, units: list[str]) -> str:
    """One line for a measure missing (ZK411), or a divisor that was 0 (ZK412), for some units."""
    where = item if item.startswith("「") or item == "总分" else f"项目 {item} "  # a formula's quantity, or an item
    units_text = "、".join(units)
    if fact.endswith(ZERO_DIVISOR):
        divisor = fact.removesuffix(ZERO_DIVISOR)
        return (
            f"{location}: 错误[ZK412 division-by-zero] {where}的计算中「{divisor}」为 0，无法相除："
            f"{len(units)} 个单位按 0 分计并列为不完整：{units_text}"
        )
    return (
        f"{location}: 错误[ZK411 missing-measure] {where}需要的「{fact}」"
        f"缺少 {len(units)} 个单位的数据（该条款暂按 0 分计）：{units_text}"
    )


def _group_missing(missing: list[MissingMeasure]) -> dict[tuple[str, str, str], list[str]]:
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for m in missing:
        grouped.setdefault((m.span.location(), m.fact, m.item), []).append(m.unit)
    return grouped


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
