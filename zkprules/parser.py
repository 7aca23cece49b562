"""Text → Lark tree. Loads the grammar by path (cached), converts every Lark error into diagnostics.

This is the only module that catches Lark's exceptions; none escapes it.
"""

from __future__ import annotations

import difflib
import functools
import re
from contextvars import ContextVar
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.spans import SourceText, Span

GRAMMAR_FILE = "zkprules.lark"
MAX_SYNTAX_ERRORS = 20

# Labels for terminals whose pattern is not a plain word.
TERMINAL_LABELS: dict[str, str] = {
    "$END": "文件结尾",
    "NAME": "「」括起的名称",
    "NUMBER": "数字",
    "CN_NUMBER": "中文数字",
    "ITEM_ID": "项目编号（如 一.1）",
    "PERIOD_NAME": "时段（如 一季度、年终、3月）",
    "SEP": "“，”或“；”",
    "COLON": "“：”",
    "LPAR": "“（”",
    "RPAR": "“）”",
    "PCT": "“%”",
    "PLUS": "“+”",
    "MINUS": "“-”",
    "DASH": "“—”",
    "TIMES": "“×”",
    "DIVIDE": "“÷”",
    "AWARD": "“得”“计”或“加”",
    "DEDUCT": "“扣”或“减”",
    "EACH": "“每”“每出现”等",
    "QUANT": "量词（例、个、件、次、项、起、笔…）",
    "EACH_LOWER": "“每低”或“每降低”",
    "PEERS": "“在同级单位中”",
    "STOP": "句号“。”",
    "LIST_SEP": "顿号“、”",
    "BAR": "竖线“｜”",
    "NONE_CELL": "“无”或“/”",
    "ZERO_FALLBACK": "“除数为 0 时为”",
    "ITEM_FULL": "“本项分值”",
}

_COMMENTS: ContextVar[list[Token]] = ContextVar("zkprules_comments")


def grammar_path() -> Path:
    """The grammar file: shipped inside the wheel, or `grammar/` of a source checkout."""
    shipped = resources.files("zkprules").joinpath("grammar", GRAMMAR_FILE)
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "grammar" / GRAMMAR_FILE


def _collect_comment(token: Token) -> Token:
    _COMMENTS.get().append(token)
    return token


@functools.cache
def lark_parser() -> Lark:
    """The LALR parser for the grammar, built once per process and cached on disk by Lark."""
    return Lark.open(
        str(grammar_path()),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=True,
        lexer_callbacks={"COMMENT": _collect_comment},
    )


@functools.cache
def terminal_words() -> dict[str, tuple[str, ...]]:
    """For each terminal that is a plain word or a choice of words, those words."""
    words: dict[str, tuple[str, ...]] = {}
    for term in lark_parser().terminals:
        pattern = term.pattern
        if pattern.type == "str":
            words[term.name] = (pattern.value,)
            continue
        body = re.sub(r"^\(\?:(.*)\)$", r"\1", pattern.value)
        alternatives = body.split("|")
        if all(re.fullmatch(r"[\u4e00-\u9fff]+", alt) for alt in alternatives):
            words[term.name] = tuple(alternatives)
    return words


def terminal_label(name: str) -> str:
    """How a terminal is named to the user."""
    if name in TERMINAL_LABELS:
        return TERMINAL_LABELS[name]
    words = terminal_words().get(name)
    if words:
        shown = "或".join(f"“{w}”" for w in words[:2])
        return shown + ("等" if len(words) > 2 else "")
    return name


def parse_tree(source: SourceText) -> tuple[Tree[Token], list[Token]]:
    """Parse a rule file into a Lark tree and its comment tokens, or raise ZkError with all syntax errors."""
    text = source.text
    errors: list[Diagnostic] = []
    while len(errors) < MAX_SYNTAX_ERRORS:
        comments: list[Token] = []
        reset = _COMMENTS.set(comments)
        try:
            tree = lark_parser().parse(text)
        except UnexpectedInput as exc:
            errors.append(_syntax_diagnostic(exc, source))
            blanked = _blank_sentence(text, _error_offset(exc, text))
            if blanked == text:
                break
            text = blanked
            continue
        finally:
            _COMMENTS.reset(reset)
        if not errors:
            return tree, comments
        break
    raise ZkError(errors)


def _error_offset(exc: UnexpectedInput, text: str) -> int:
    if isinstance(exc, UnexpectedToken) and exc.token.type == "$END":
        return len(text)
    pos = getattr(exc, "pos_in_stream", None)
    if pos is None and isinstance(exc, UnexpectedToken):
        pos = exc.token.start_pos
    return int(pos) if pos is not None else len(text)


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (after its 。) of the sentence containing `offset`, skipping names and comments."""
    stops: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "「":
            close = text.find("」", i)
            i = len(text) if close < 0 else close + 1
            continue
        if ch in "#＃":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        if ch == "。":
            stops.append(i)
        i += 1
    start = max((s + 1 for s in stops if s < offset), default=0)
    end = min((s + 1 for s in stops if s >= offset), default=len(text))
    return start, end


def _blank_sentence(text: str, offset: int) -> str:
    """The text with the broken sentence replaced by spaces (line breaks kept, so positions hold)."""
    if offset >= len(text):
        return text
    start, end = _sentence_bounds(text, offset)
    blank = "".join(ch if ch == "\n" else " " for ch in text[start:end])
    return text[:start] + blank + text[end:]


def _syntax_diagnostic(exc: UnexpectedInput, source: SourceText) -> Diagnostic:
    line = max(exc.line, 1) if exc.line and exc.line > 0 else 1
    column = max(exc.column, 1) if exc.column and exc.column > 0 else 1
    expected: set[str] = set()
    if isinstance(exc, UnexpectedToken):
        expected = set(exc.expected) if exc.expected else set()
        if exc.token.type == "$END":
            return _end_diagnostic(source, expected)
        found = f"“{exc.token.value}”"
        key = "unexpected-token"
        message = f"此处不应出现{found}"
    elif isinstance(exc, UnexpectedCharacters):
        expected = set(exc.allowed or ())
        key = "unexpected-character"
        char = source.text[exc.pos_in_stream] if exc.pos_in_stream is not None else "?"
        message = f"无法识别“{char}”开头的内容"
    elif isinstance(exc, UnexpectedEOF):
        return _end_diagnostic(source, set(exc.expected or ()))
    else:  # pragma: no cover - lark has no other kinds
        key, message = "unexpected-character", "无法解析"
    span = Span.point(source.name, line, column)
    return Diagnostic(key, _with_expected(message, expected), span, _hint(source, exc, expected))


def _end_diagnostic(source: SourceText, expected: set[str]) -> Diagnostic:
    lines = source.text.rstrip().splitlines() or [""]
    line = len(lines)
    span = Span.point(source.name, line, max(len(lines[-1]), 1))
    hint = "最后一句可能缺少句号“。”" if "STOP" in expected else None
    return Diagnostic("unexpected-end", _with_expected("文件在句子中间结束", expected), span, hint)


def _with_expected(message: str, expected: set[str]) -> str:
    shown = sorted({terminal_label(name) for name in expected if name not in ("WS", "COMMENT")})
    if not shown:
        return message
    if len(shown) > 6:
        shown = shown[:6] + ["…"]
    return f"{message}；此处应为：{'、'.join(shown)}"


def _hint(source: SourceText, exc: UnexpectedInput, expected: set[str]) -> str | None:
    """What the analyst probably meant: the expected keyword closest to what was written."""
    offset = _error_offset(exc, source.text)
    best: tuple[float, str] | None = None
    for name in expected:
        for word in terminal_words().get(name, ()):
            written = source.text[offset : offset + len(word)]
            ratio = difflib.SequenceMatcher(None, written, word).ratio()
            if ratio >= 0.5 and written != word and (best is None or ratio > best[0]):
                best = (ratio, word)
    if best is not None:
        return f"是否想写“{best[1]}”？"
    if "STOP" in expected and _starts_line(source.text, offset):
        return "上一句末尾可能漏了句号“。”"
    return None


def _starts_line(text: str, offset: int) -> bool:
    """Whether only white space stands between the previous line break and `offset`."""
    before = text[:offset]
    return before.rstrip(" \t\u3000").endswith("\n") or not before.strip()
