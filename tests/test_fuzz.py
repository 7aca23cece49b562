"""Whatever text or event log comes in, the user gets diagnostics, never a Python exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zkprules.diagnostics import ZkError
from zkprules.events import MemorySource
from zkprules.run import run_project
from zkprules.spans import SourceText
from zkprules.transformer import parse_rule_file
from tests.helpers import HEAD, project_of

KEYWORDS = ["方案", "项目", "「", "」", "。", "，", "：", "得", "扣", "分", "每出现", "例", "达到", "%", "（含）", "至", "按", "排名", "第", "名", "设", "为", "总分为", "÷", "1", "5", "0.5", "\n", " ", "#", "「甲」", "未发生", "本项得", "适用于", "角色系数"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(KEYWORDS), max_size=40).map("".join))
def test_any_rule_text_parses_or_gives_positioned_diagnostics(text: str) -> None:
    try:
        parse_rule_file(SourceText("fuzz.zkp", HEAD + text))
    except ZkError as exc:
        assert exc.diagnostics
        assert all(d.span is not None and d.span.line >= 1 and d.span.column >= 1 for d in exc.diagnostics)


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_unicode_text_never_raises_anything_else(text: str) -> None:
    try:
        parse_rule_file(SourceText("fuzz.zkp", text))
    except ZkError as exc:
        assert exc.diagnostics


SCHEME = (
    "项目 1「文件」5 分：\n  「出台文件」的得 5 分。\n"
    "项目 2「比例」3 分：\n  「报送比例」达到 90% 以上（含）的计 3 分，低于 90% 的计 0 分。\n"
    "项目 3「机制」5 分：\n  按「牵头领导」计分：「正职」得 5 分，其他情况 0 分。\n"
)
CELL = st.one_of(st.text(max_size=12), st.sampled_from(["2020-03-01", "甲区", "丁", "出台文件", "报送比例", "牵头领导", "正职", "92%", "2", ""]))


@settings(max_examples=300)
@given(st.lists(st.fixed_dictionaries({"日期": CELL, "单位": CELL, "事项": CELL, "数值": CELL}), max_size=12))
def test_any_event_log_rows_are_used_or_reported(records: list[dict[str, str]]) -> None:
    project, _ = project_of(SCHEME)
    result = run_project(project, MemorySource(records))
    rows = result.rows
    assert rows.read == len(records)
    assert rows.used + rows.rejected == rows.read
