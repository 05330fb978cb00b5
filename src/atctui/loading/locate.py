"""Map TOML key paths to the lines that define them, so errors can name a line.

tomllib reports no positions for valid documents, so this scans the text once: table
headers (`[a.b]`, `[[a.b]]`, counting array-of-table entries) and `key = value` lines.
It is a locator, not a parser: it only has to be right for documents tomllib accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_KEY_PART = r'(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


# A dataset's keys nest a few levels; a header of thousands of dotted parts is located by
# its first ones (following every part rebuilt the path once per part: quadratic time).
MAX_PARTS = 32


def _split(dotted: str) -> list[str]:
    """The parts of a dotted key, quotes taken off; at most MAX_PARTS of them."""
    parts = []
    for found in _PART.finditer(dotted):
        raw = found[0]
        if raw[:1] in "\"'":
            raw = raw[1:-1]
        parts.append(raw)
        if len(parts) == MAX_PARTS:
            break
    return parts


class KeyLines:
    """Line numbers (1-based) of every table header and key in a TOML document."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._current = 0
        aot_last: dict[Path, int] = {}
        table: Path = ()
        in_multiline: str | None = None
        # Lines as TOML counts them, at "\n" only: str.splitlines also breaks at U+2028,
        # U+0085 and other characters a TOML string may hold, and numbered later lines wrong.
        for number, line in enumerate(text.split("\n"), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                self._current = number
                table = self._header_path(_split(header[2]), header[1] == "[[", aot_last)
                self.lines.setdefault(table, number)
                continue
            key = _KEY_LINE.match(line)
            if key:
                path = table + tuple(_split(key[1]))
                self.lines.setdefault(path, number)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote

    def _header_path(self, parts: list[str], is_aot: bool, aot_last: dict[Path, int]) -> Path:
        path: Path = ()
        for i, part in enumerate(parts):
            path = (*path, part)
            if is_aot and i == len(parts) - 1:
                aot_last[path] = aot_last.get(path, -1) + 1
                self.lines.setdefault(path, self._current)  # the array's first header
                path = (*path, aot_last[path])
            elif path in aot_last:
                path = (*path, aot_last[path])
            else:
                self.lines.setdefault(path, self._current)  # a table the header implies
        return path

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the longest prefix of `path` that the document defines."""
        for end in range(min(len(path), MAX_PARTS + 8), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def dotted(path: Sequence[str | int]) -> str:
    """('meetings', 3, 'date') -> 'meetings[3].date'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
