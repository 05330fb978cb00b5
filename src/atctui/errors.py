"""The project's own error types: every message names the file, the place and what is wrong."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

from atctui.textsafe import clipped, printable

_REPR = reprlib.Repr()
_REPR.maxlevel = 3  # a value nested 10,000 deep is shown to three levels, not recursed
_REPR.maxstring = _REPR.maxother = 40


def short_repr(value: object, width: int = 40) -> str:
    """A value as a message quotes it: at most `width` characters, however deep or long."""
    text = _REPR.repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong and where: the file (or the settings variable), and the line, column
    and field when they are known."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        """FILE:LINE:COLUMN: FIELD: MESSAGE, control characters made visible: a file
        name or a value quoted from a file never acts on the terminal it is printed to."""
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = f"{place}: {self.field}" if self.field else place
        # A value quoted in a message (a date of megabytes) is cut, as on screen.
        return printable(f"{where}: {clipped(self.message, 2000)}")


class DataError(Exception):
    """One or more problems in the data files; all of them, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class QueryError(ValueError):
    """A query that does not parse; `position` is the 0-based offset of the fault."""

    def __init__(self, message: str, position: int) -> None:
        self.message = message
        self.position = position
        super().__init__(f"{message} (at column {position + 1})")
