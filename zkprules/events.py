"""Event-log readers: CSV (UTF-8, UTF-8 with BOM, GBK) and JSON Lines, behind one small interface.

A reader yields RawRow objects and knows nothing about schemes. The aggregator turns
rows into per-unit, per-fact aggregates; a faster columnar reader can replace these
readers without touching the evaluator.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import attrs

from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.spans import Span, display_path
from zkprules.text import half_width

COLUMNS = ("日期", "单位", "事项", "数值", "备注")
# 任务: which task a row belongs to, read only by schemes scored task by task (按任务逐项考核).
OPTIONAL_COLUMNS = ("任务",)
REQUIRED = ("日期", "单位", "事项")
_HEADER_ALIASES = {
    "date": "日期",
    "unit": "单位",
    "fact": "事项",
    "value": "数值",
    "note": "备注",
    "task": "任务",
    "时间": "日期",
    "单位名称": "单位",
    "事项名称": "事项",
}


@attrs.frozen
class RawRow:
    """One row of an event log as written: its row number (the file's line) and its five fields."""

    file: str
    row: int
    fields: dict[str, str]
    columns: dict[str, int]
    text: str

    def field(self, name: str) -> str:
        """A field's text, stripped ('' when absent)."""
        return self.fields.get(name, "").strip()

    def span(self, name: str | None = None) -> Span:
        """Where the row (or one of its fields) is, for diagnostics."""
        column = self.columns.get(name, 1) if name else 1
        return Span.point(self.file, self.row, column)


class EventSource(Protocol):
    """Anything that yields the rows of an event log."""

    name: str

    def rows(self) -> Iterator[RawRow]:
        """The rows, in file order."""
        ...


@attrs.define
class MemorySource:
    """Rows given as dicts (日期, 单位, 事项, 数值, 备注), numbered from 2 as if under a CSV header."""

    records: list[dict[str, str]]
    name: str = "<memory>"

    def rows(self) -> Iterator[RawRow]:
        """The records as rows."""
        for number, record in enumerate(self.records, start=2):
            fields = {_header_name(k): v for k, v in record.items()}
            yield RawRow(self.name, number, fields, {}, ",".join(fields.get(c, "") for c in COLUMNS))


def open_events(path: Path, encoding: str | None = None) -> EventSource:
    """The reader for an event-log file, chosen by its extension (.jsonl/.ndjson, otherwise CSV)."""
    if not path.is_file():
        raise ZkError([Diagnostic("no-such-file", f"找不到事件记录文件：{path}")])
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return JsonLinesSource(path, encoding)
    return CsvSource(path, encoding)


def decode(data: bytes, encoding: str | None, name: str) -> str:
    """Decode a log: the given encoding, else UTF-8 (BOM or not), else GBK (as its superset GB18030)."""
    tried = [encoding] if encoding else ["utf-8-sig", "gb18030"]
    for candidate in tried:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ZkError(
        [
            Diagnostic(
                "unreadable-log",
                f"无法按 {'、'.join(tried)} 编码读取事件记录",
                Span.point(name, 1, 1),
                "请用 --encoding 指定编码，如 --encoding gbk",
            )
        ]
    )


@functools.lru_cache(maxsize=1024)
def _header_name(raw: str) -> str:
    cleaned = "".join(half_width(raw).split()).lstrip("\ufeff")
    return _HEADER_ALIASES.get(cleaned.lower(), cleaned)


def _check_header(names: list[str], file: str, columns: dict[str, int]) -> None:
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ZkError(
            [
                Diagnostic(
                    "missing-column",
                    f"事件记录缺少列：{'、'.join(missing)}",
                    Span.point(file, 1, 1),
                    "第一行应为列名：日期,单位,事项,数值,备注",
                )
            ]
        )


@attrs.define
class CsvSource:
    """A CSV event log; the first line names the columns."""

    path: Path
    encoding: str | None = None
    name: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.name = display_path(self.path)

    def rows(self) -> Iterator[RawRow]:
        """The data rows; blank lines are skipped."""
        text = decode(self.path.read_bytes(), self.encoding, self.name)
        lines = text.splitlines()
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            raise ZkError([Diagnostic("missing-column", "事件记录是空的", Span.point(self.name, 1, 1))])
        names = [_header_name(h) for h in header]
        _check_header(names, self.name, {})
        previous_end = reader.line_num
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            line_text = lines[start - 1] if start - 1 < len(lines) else ""
            fields = {name: record[i] if i < len(record) else "" for i, name in enumerate(names) if name in COLUMNS + OPTIONAL_COLUMNS}
            yield RawRow(self.name, start, fields, _csv_columns(line_text, names), line_text)


def _csv_columns(line: str, names: list[str]) -> dict[str, int]:
    """1-based columns of each field in an unquoted CSV line (empty when quotes make it unclear)."""
    if '"' in line:
        return {}
    columns: dict[str, int] = {}
    offset = 0
    for name, cell in zip(names, line.split(",")):
        columns[name] = offset + 1
        offset += len(cell) + 1
    return columns


@attrs.define
class JsonLinesSource:
    """A JSON Lines event log: one object per line with the same five keys."""

    path: Path
    encoding: str | None = None
    name: str = attrs.field(init=False)
    problems: list[Diagnostic] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        self.name = display_path(self.path)

    def rows(self) -> Iterator[RawRow]:
        """The object rows; a line that is not a JSON object is yielded with no fields and reported."""
        text = decode(self.path.read_bytes(), self.encoding, self.name)
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RawRow(self.name, number, {"__error__": f"不是有效的 JSON：{exc.msg}"}, {}, line)
                continue
            if not isinstance(obj, dict):
                yield RawRow(self.name, number, {"__error__": "每行应是一个 JSON 对象"}, {}, line)
                continue
            fields = {_header_name(str(k)): "" if v is None else str(v) for k, v in obj.items()}
            columns = {_header_name(str(k)): max(line.find(json.dumps(str(k), ensure_ascii=False)), 0) + 1 for k in obj}
            yield RawRow(self.name, number, fields, columns, line)
