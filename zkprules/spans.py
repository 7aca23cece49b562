"""Source files and spans: where in which file a node, a diagnostic or a result came from."""

from __future__ import annotations

import functools
from pathlib import Path

import attrs


@attrs.frozen(order=True)
class Span:
    """A region of a source file: 1-based line and column, end exclusive."""

    file: str
    line: int = attrs.field(validator=attrs.validators.ge(1))
    column: int = attrs.field(validator=attrs.validators.ge(1))
    end_line: int = attrs.field(validator=attrs.validators.ge(1))
    end_column: int = attrs.field(validator=attrs.validators.ge(1))

    @classmethod
    def point(cls, file: str, line: int, column: int) -> Span:
        """A span of one character at `line:column`."""
        return cls(file, line, column, line, column + 1)

    def location(self) -> str:
        """`file:line:col`, the form editors and terminals recognise."""
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class SourceText:
    """The text of one source file, with its display name, for quoting lines."""

    name: str
    text: str

    @classmethod
    def read(cls, path: Path, display: str | None = None) -> SourceText:
        """Read a UTF-8 (optionally BOM-prefixed) rule file."""
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        return cls(display or display_path(path), text)

    def line(self, number: int) -> str:
        """The text of 1-based line `number`, without its line break ('' when out of range)."""
        lines = self.text.splitlines()
        if 1 <= number <= len(lines):
            return lines[number - 1]
        return ""

    def written(self, span: Span) -> str:
        """The source text a span covers, on one line with runs of white space as one space (memoised)."""
        return _written(self.text, span)

    def slice(self, span: Span) -> str:
        """The source text a span covers."""
        starts = _line_starts(self.text)
        start = starts[min(span.line, len(starts)) - 1] + span.column - 1
        end = starts[min(span.end_line, len(starts)) - 1] + span.end_column - 1
        return self.text[start:end]


@functools.lru_cache(maxsize=65536)
def _written(text: str, span: Span) -> str:
    return " ".join(SourceText("", text).slice(span).split())


@functools.lru_cache(maxsize=64)
def _line_starts(text: str) -> tuple[int, ...]:
    """The offset at which each line of `text` starts."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return tuple(starts)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
