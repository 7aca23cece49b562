"""A cache of parsed rule files, so that `check` after the first run does not parse again.

Keyed by the file's text, the grammar's text and the zkprules version: any change to one of
them is a different key. Entries live in the user's cache directory ($XDG_CACHE_HOME, else
~/.cache)/zkprules/ast; set ZKPRULES_NO_CACHE=1 to bypass it. A cache that cannot be read or
written is ignored: it only ever saves time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from zkprules import __version__
from zkprules import nodes as n
from zkprules.parser import grammar_path
from zkprules.spans import SourceText


def cached_parse(source: SourceText, parse: Callable[[SourceText], n.RuleFile]) -> n.RuleFile:
    """The rule file parsed from `source`: from the cache when the same text was parsed before."""
    folder = _folder()
    if folder is None:
        return parse(source)
    entry = folder / f"{_key(source)}.pickle"
    try:
        with entry.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, (n.Scheme, n.RegistryFile)):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    parsed = parse(source)  # a syntax error raises here and is never cached
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(entry)
    except OSError:
        pass
    return parsed


def _folder() -> Path | None:
    if os.environ.get("ZKPRULES_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zkprules" / "ast"


@functools.cache
def _salt() -> bytes:
    return __version__.encode() + b"\0" + grammar_path().read_bytes()


def _key(source: SourceText) -> str:
    digest = hashlib.sha256(_salt())
    digest.update(b"\0" + source.name.encode() + b"\0" + source.text.encode())
    return digest.hexdigest()
