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


def _one_visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, the control pictures
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡; any other: �


def shown_in_place(text: str) -> str:
    """`text` with each unsafe character shown as one visible character (␛ for ESC, � for
    a C1 control or a bidi override), so that an editor's cursor, which counts characters,
    stays where it was: what the filter bar draws of a query holding them."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub(_one_visible, text).replace("\t", "\u2409").replace("\n", "\u2424")


def escaped_for_json(text: str, *, toml: bool = False) -> str:
    """JSON (or, with `toml`, TOML whose strings are all basic ones, as tomli_w writes
    them) with every character that acts on a terminal written as an escape: the same
    value to a reader, nothing raw on a screen. json.dumps escapes C0 controls but writes
    C1 controls (U+009B, CSI) and bidi overrides as they are. A lone surrogate stays for
    the writer's error handler."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        if 0xD800 <= code <= 0xDFFF:
            return match[0]
        if code < 0x10000:
            return f"\\u{code:04x}"
        if toml:
            return f"\\U{code:08x}"
        high, low = divmod(code - 0x10000, 0x400)  # JSON: a surrogate pair
        return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"

    return _CONTROL.sub(escape, text)


# The most characters of one value that the screen, the clipboard and the text and
# Markdown exports show: a quote of many megabytes was slow to lay out and costly to hold.
# CSV, JSON and TOML exports keep every character.
SHOWN_CHARACTERS = 5_000


def clipped(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text`, or its first `limit` characters, an ellipsis and its whole length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"
