"""Make data strings safe to show: control characters become visible, never act."""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL, C1 controls; bidi overrides, isolates and marks
# that reorder what surrounds them on screen; characters that break or hide text (line
# and paragraph separators, zero-width space, word joiner and invisible operators, the
# byte-order mark, interlinear annotation, tag characters); and lone surrogates (a file
# name that is not UTF-8), which no terminal or file can take. Zero-width joiners stay:
# scripts and emoji need them.
UNSAFE = _CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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
