"""The grammar and transformer: shapes parse into the right nodes; bad input gives positioned messages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from zkprules import nodes as n
from zkprules.parser import grammar_path, lark_parser, terminal_label
from tests.helpers import HEAD, parse, parse_errors


def clauses(text: str) -> tuple[n.Clause, ...]:
    scheme = parse(HEAD + "项目 1「测试」10 分：\n" + text)
    assert isinstance(scheme, n.Scheme)
    return scheme.items[0].clauses


def test_grammar_is_a_file_loaded_by_path() -> None:
    assert grammar_path().name == "zkprules.lark"
    assert grammar_path().is_file()


def test_every_terminal_has_a_readable_label() -> None:
    for terminal in lark_parser().terminals:
        if terminal.name in ("WS", "COMMENT"):
            continue
        label = terminal_label(terminal.name)
        assert "__ANON" not in label and label != terminal.name, terminal.name


def test_full_and_half_width_forms_are_interchangeable() -> None:
    full = clauses("「比例」达到９０％以上（含）的计３分，７０％（含）至９０％的计２分。")
    half = clauses("「比例」达到 90% 以上(含)的计 3 分, 70%(含)至 90% 的计 2 分。")
    assert isinstance(full[0], n.TierClause) and isinstance(half[0], n.TierClause)
    assert [(t.low, t.high, t.points) for t in full[0].tiers] == [(t.low, t.high, t.points) for t in half[0].tiers]


def test_chinese_numerals_in_counts() -> None:
    (clause,) = clauses("每出现一个「失信记录」扣五分。")
    assert isinstance(clause, n.PerClause)
    assert clause.rate.every == 1 and clause.rate.points == D(-5)


def test_comments_are_kept_with_their_spans() -> None:
    scheme = parse(HEAD + "# 第一条注释\n项目 1「测试」5 分：  # 行尾注释\n  「文件」的得 5 分。\n")
    assert isinstance(scheme, n.Scheme)
    assert [c.text for c in scheme.comments] == ["# 第一条注释", "# 行尾注释"]
    assert scheme.comments[1].span.line == 5


def test_every_node_has_a_span_on_the_right_line() -> None:
    scheme = parse(HEAD + "项目 1「测试」5 分：\n  「文件」的得 5 分。\n")
    assert isinstance(scheme, n.Scheme)
    item = scheme.items[0]
    assert item.span.line == 4 and item.clauses[0].span.line == 5 and item.clauses[0].span.column == 3


def test_combined_clause_parses_base_and_deduction() -> None:
    (clause,) = clauses("未发生「拖欠」的得 5 分，每出现 1 例扣 1 分，扣完为止。")
    assert isinstance(clause, n.YesNoClause)
    assert clause.points == 5 and clause.per is not None and clause.per.points == -1
    assert [lim.kind for lim in clause.limits] == [n.LimitKind.FLOOR_ZERO]


def test_rank_clause_with_optional_colon() -> None:
    (clause,) = clauses("按「共享量」在全市同级单位中排名第 1 的得 7 分，第 2 名得 6 分，其他名次得 4 分，最后 3 名得 1 分。")
    assert isinstance(clause, n.RankClause)
    assert [a.kind for a in clause.arms] == [n.RankArmKind.NTH, n.RankArmKind.NTH, n.RankArmKind.OTHER, n.RankArmKind.LAST]


def test_deadline_with_month_end() -> None:
    (clause,) = clauses("8月底前未完成「试运行」的扣 2 分。")
    assert isinstance(clause, n.YesNoClause)
    condition = clause.conditions[0]
    assert isinstance(condition, n.DoneBy)
    assert str(condition.deadline(2020)) == "2020-08-31"


# ------------------------------------------------------------------ bad input


def test_typo_in_keyword_is_positioned_with_a_suggestion() -> None:
    (error,) = parse_errors(HEAD + "项目 1「测试」5 分：\n  未发生「拖欠」的得 5 分，每出现 1 例扣 1 分，扣完位置。\n")
    assert error.key == "unexpected-token"
    assert error.span is not None and (error.span.line, error.span.column) == (5, 30)
    assert error.hint == "是否想写“扣完为止”？"


def test_missing_full_stop_points_at_next_line() -> None:
    (error,) = parse_errors(HEAD + "项目 1「测试」5 分：\n  「文件」的得 5 分\n  「制度」的得 5 分。\n")
    assert error.span is not None and error.span.line == 6
    assert "句号" in error.message or (error.hint is not None and "句号" in error.hint)


def test_several_syntax_errors_are_reported_together_in_order() -> None:
    errors = parse_errors(HEAD + "项目 1「测试」5 分：\n  「文件」的得 五 五 分。\n  「制度」得得 5 分。\n")
    assert [e.span.line for e in errors if e.span] == [5, 6]


def test_unknown_character() -> None:
    (error,) = parse_errors(HEAD + "项目 1「测试」5 分：\n  「文件」的得 5 分 @。\n")
    assert error.key == "unexpected-character"
    assert error.span is not None and error.span.line == 5 and "@" in error.message


def test_unexpected_end_of_file() -> None:
    (error,) = parse_errors(HEAD + "项目 1「测试」5 分：\n  「文件」的得 5 分")
    assert error.key == "unexpected-end"
    assert error.hint is not None and "句号" in error.hint


@pytest.mark.parametrize("text", ["", "方案", "项目 1「x」5 分：「a」的得 1 分。"])
def test_garbage_never_raises_anything_but_diagnostics(text: str) -> None:
    errors = parse_errors(text)
    assert errors and all(e.span is not None for e in errors)


def test_a_parsed_rule_file_is_cached_by_its_text(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from zkprules.astcache import cached_parse
    from zkprules.spans import SourceText
    from zkprules.transformer import parse_rule_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ZKPRULES_NO_CACHE", raising=False)
    calls = []

    def counting(source: SourceText):  # type: ignore[no-untyped-def]
        calls.append(source.name)
        return parse_rule_file(source)

    text = "方案「测试」。\n考核对象：「区县（市）」。\n项目 1「甲」5 分：\n  「完成」的得 5 分。\n"
    first = cached_parse(SourceText("t.zkp", text), counting)
    again = cached_parse(SourceText("t.zkp", text), counting)
    changed = cached_parse(SourceText("t.zkp", text.replace("5 分。", "4 分。")), counting)
    assert first == again and calls == ["t.zkp", "t.zkp"]  # the second read came from the cache
    assert changed != first
    assert list((tmp_path / "zkprules" / "ast").glob("*.pickle"))
