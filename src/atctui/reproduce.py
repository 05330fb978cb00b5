"""The command line that reproduces a view: what a report quotes to say how its table was
made, and what the app copies (`C`)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence

from atctui.viewstate import Sort


def reproducing_command(
    view_name: str,
    query: str = "",
    sort: Sort | None = None,
    data: Sequence[str] = (),
    compared: tuple[str, str] | None = None,
    hidden: Sequence[str] = (),
    width: int | None = None,
) -> str:
    """`atctui export VIEW --query '…' --sort KEY [--reverse] --hide KEY… --width N --data
    PATH…` (for the Compare tab, `atctui diff FIRST SECOND …`), every argument quoted for
    a POSIX shell. Data paths are made absolute, so the command works from any folder;
    none is given for the bundled data. `width` is the text's (the app's copy is as wide
    as the terminal)."""
    if view_name == "compare" and compared is not None:
        # Ids, as the user types them: `diff` finds a meeting or an exercise by its id.
        words = ["atctui", "diff", *(ref.rpartition(":")[2] for ref in compared)]
    else:
        words = ["atctui", "export", view_name]
    if query.strip():
        words += ["--query", query]
    if sort is not None:
        words += ["--sort", sort.column] + (["--reverse"] if sort.reverse else [])
    for key in sorted(hidden):
        words += ["--hide", key]
    if width is not None:
        words += ["--width", str(width)]
    for path in data:
        words += ["--data", os.path.abspath(path)]
    return shlex.join(words)
