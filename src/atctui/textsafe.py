"""Make data strings safe to show: control characters become visible, never act."""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL, C1 controls, and bidi overrides/isolates that can
# reorder what surrounds them on screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """'\\x1b[31m' is shown as the six characters it is, not as a colour change."""
    if text.isascii() and text.isprintable():
        return text  # most data: nothing to replace (a text export asks for every cell)
    return _CONTROL.sub(_visible, text).replace("\t", " ").replace("\n", " ")


# The most characters of one value that the screen, the clipboard and the text and
# Markdown exports show: a quote of many megabytes was slow to lay out and costly to hold.
# CSV, JSON and TOML exports keep every character.
SHOWN_CHARACTERS = 5_000


def clipped(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text`, or its first `limit` characters, an ellipsis and its whole length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"
