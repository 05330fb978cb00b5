"""Parse TOML text so that no text, however hostile, can crash the process.

toml-rs parses much faster than tomllib, but it recurses once per level of nesting on the
thread's stack: `x = [[[[…` 10,000 levels deep overflowed the 8 MB of the main thread and
killed the process (a segmentation fault, not an exception). A level never takes more
than a few kilobytes of stack, and a text cannot nest deeper than the number of `[` and
`{` it holds, so a text with many of them is parsed on a thread whose stack can hold them
all. The stack is reserved, not used: only the pages the parser touches are committed.
When that stack cannot be had, tomllib parses instead; it is pure Python, and its
`RecursionError` is caught and reported as a located message.

This module imports neither Pydantic nor the model: the slicing helper uses it.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import toml_rs

MiB = 1 << 20
# Stack per level of nesting: more than twice the most toml-rs was measured to take (an
# inline table takes more than an array; measured by the depth that overflows a known
# stack), for other builds and platforms.
STACK_PER_LEVEL = 8 * 1024
STACK_BASE = 16 * MiB
STACK_MAX = 8 * 1024 * MiB  # beyond this, threads are refused on small machines anyway
# Texts with this few openers nest shallowly enough for any thread's own stack.
DIRECT_OPENERS = 500
# Reported as too deep when tomllib's recursion runs out; no dataset needs more than 10.
NESTING_LIMIT = 100

_stack_lock = threading.Lock()


class TomlSyntaxError(ValueError):
    """A text that is not TOML: the message and where, as tomllib words it."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(message)


def loads(text: str) -> dict[str, Any]:
    """The text's tables; raises TomlSyntaxError (with tomllib's message and position)."""
    try:
        return fast_loads(text)
    except toml_rs.TOMLDecodeError:
        return _slow_loads(text)


def fast_loads(text: str) -> dict[str, Any]:
    """toml-rs on a stack deep enough for any nesting of this text; raises
    toml_rs.TOMLDecodeError, which a text it cannot safely parse raises too."""
    openers = text.count("[") + text.count("{")
    if openers <= DIRECT_OPENERS:
        return _toml_rs(text)
    stack = STACK_BASE + STACK_PER_LEVEL * openers
    if stack > STACK_MAX:
        raise toml_rs.TOMLDecodeError("too many brackets to parse safely", text, 0)
    result: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def parse() -> None:
        """Run on the deep-stack thread; the result or the exception goes to the calling thread."""
        try:
            result.append(_toml_rs(text))
        except BaseException as exc:  # handed to the calling thread
            errors.append(exc)

    with _stack_lock:  # the stack size is the process's setting for new threads
        previous = threading.stack_size()
        try:
            threading.stack_size(stack - stack % 4096)
            worker = threading.Thread(target=parse, name="toml-parse")
            worker.start()
        except (RuntimeError, ValueError, MemoryError):
            raise toml_rs.TOMLDecodeError("no stack to parse safely", text, 0) from None
        finally:
            threading.stack_size(previous)
    worker.join()
    if errors:
        raise errors[0]
    return result[0]


def _toml_rs(text: str) -> dict[str, Any]:
    data: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    return data


_TOMLLIB_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOMLLIB_END = re.compile(r"\s*\(at end of document\)")


def _slow_loads(text: str) -> dict[str, Any]:
    """tomllib's reading of a text toml-rs refused or could not safely parse: its result
    when it accepts the text, else its message (the one atctui reports and tests)."""
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
    except RecursionError:
        line, column = deep_place(text, NESTING_LIMIT)
        raise TomlSyntaxError(f"nesting deeper than {NESTING_LIMIT} levels", line, column) from None
    position = _TOMLLIB_POSITION.search(message)
    bare = _TOMLLIB_POSITION.sub("", _TOMLLIB_END.sub("", message)).strip()
    if position:
        raise TomlSyntaxError(bare, int(position[1]), int(position[2]))
    raise TomlSyntaxError(bare, text.count("\n") + 1)  # at the end of the document


# Strings, comments and brackets: enough of TOML's tokens to follow its nesting.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"{3,5}'
    r"|'''(?:[^']|'(?!''))*'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[{]|[\]}]",
    re.DOTALL,
)


def deep_place(text: str, limit: int) -> tuple[int, int]:
    """The line and column of the first bracket nested deeper than `limit` levels (or
    of the deepest, when none is): where a message about nesting points."""
    depth = deepest = 0
    place = 0
    for token in _TOKEN.finditer(text):
        first = token[0][0]
        if first in "[{":
            depth += 1
            if depth > deepest:
                deepest, place = depth, token.start()
            if depth > limit:
                break
        elif first in "]}":
            depth = max(0, depth - 1)
    line = text.count("\n", 0, place) + 1
    return line, place - (text.rfind("\n", 0, place) + 1) + 1
