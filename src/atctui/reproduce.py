"""The command line that reproduces a view: what a report quotes to say how its table was
made, and what the app copies (`C`)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence

from atctui.textsafe import UNSAFE
from atctui.viewstate import Sort


def reproducing_command(
    view_name: str,
    query: str = "",
    sort: Sort | None = None,
    data: Sequence[str] = (),
    compared: tuple[str, str] | None = None,
    hidden: Sequence[str] = (),
    width: int | None = None,
    names: str = "en",
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
    if names != "en":
        words += ["--names", names]
    if width is not None:
        words += ["--width", str(width)]
    for path in data:
        words += ["--data", os.path.abspath(path)]
    return " ".join(quoted(word) for word in words)


def quoted(word: str) -> str:
    """A word for a shell: as `shlex.quote` gives it, or, when it holds a control
    character, a bidi override or a line break, in $'…' with each such character written
    as an escape (\\x1b), so that the copied command holds nothing that acts on a
    terminal and still gives the program the same word."""
    if not UNSAFE.search(word) and "\n" not in word and "\t" not in word:
        return shlex.quote(word)
    out = []
    for ch in word:
        code = ord(ch)
        if ch in "\\'":
            out.append("\\" + ch)
        elif UNSAFE.match(ch) or ch in "\n\t":
            if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
                out.append(f"\\x{code - 0xDC00:02x}")
            elif code < 0x80:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(ch)
    return "$'" + "".join(out) + "'"
