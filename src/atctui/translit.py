"""Matching across Cyrillic and Latin: the skeleton of a folded text.

A Russian name has many Latin spellings (Каспий: Kaspiy BGN/PCGN, Kaspij scholarly and
GOST 7.79, Kaspii passport/ICAO, Kaspy Wikipedia's ending). The skeleton writes Cyrillic
in Latin letters (with anyascii's table, one C-speed `str.translate`), then collapses the
letters on which the schemes differ, so that all of them, and the Cyrillic, give one form:

    щ shch shh sch -> W     ч ch tch -> C     ш sh -> S     х kh h x -> H     ц ts tz c -> c
    й ж ы и: j y zh dzh dj i -> i, a run of them one i (Kaspiy Kaspij Kaspii Kaspy -> kaspi)
    then after it: ie -> e (ye je: Sysoyev = Sysoev; ё read as е), io -> e (yo jo),
    iu -> u (yu ju), ia -> a (ya ja); ь ъ and the apostrophes and primes written for them
    are dropped

The skeleton is coarse (Kaspij and Kaspizh are one), so it is used only across scripts
(query.py): a Latin term is looked for in the skeletons of a row's Cyrillic lines, a
Cyrillic term in those of its Latin lines, from the start of a word, and only when the
term's skeleton has `MIN_LENGTH` letters or more. Latin against Latin and Cyrillic against
Cyrillic stay plain folded matching, where «й» is not «и».
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache

# The Cyrillic and Cyrillic Supplement blocks: Russian, and the letters of Kazakh, Kyrgyz,
# Tajik, Uzbek, Ukrainian and Belarusian that anyascii writes in Latin too.
_CYRILLIC_FIRST, _CYRILLIC_LAST = 0x400, 0x52F
CYRILLIC = re.compile(f"[{chr(_CYRILLIC_FIRST)}-{chr(_CYRILLIC_LAST)}]")
_LETTER = re.compile(r"[^\W\d_]")

# A shorter skeleton is found in too much Russian text to mean anything ("is": s).
MIN_LENGTH = 3

# What the schemes write for the soft and hard signs, and a scheme's separator (BGN/PCGN's
# RAT·S): dropped.
_SIGNS = "'\"`´ʹʺʼ’”·"
_ASCII_SIGNS = {ord(ch): None for ch in _SIGNS}

# In order: longer spellings first, each letter's placeholder out of the way of the next
# rule (folded text has no capitals).
_STEPS = (
    ("shch", "W"), ("shh", "W"), ("sch", "W"), ("tch", "C"), ("ch", "C"), ("sh", "S"),
    ("dzh", "J"), ("zh", "J"), ("dj", "J"), ("kh", "H"), ("h", "H"), ("x", "H"),
    ("tz", "c"), ("ts", "c"),
    ("y", "i"), ("j", "i"), ("J", "i"),
)  # fmt: skip
_AFTER = (("ie", "e"), ("io", "e"), ("iu", "u"), ("ia", "a"))


# Dashes and hyphens of every kind fold to "-": a name is written with - – — alike.
_DASHES = frozenset((*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0xFF0D))
_HYPHEN = ord("-")
# A dash with spaces around it folds to one without: "Antiterror - 2025", "Antiterror-2025".
_SPACED_DASH = re.compile(r"[ \t\xa0]+-[ \t\xa0]*|-[ \t\xa0]+")


class _Marks(dict[int, int | None]):
    """For str.translate: combining marks to None (removed), other characters to
    themselves, each looked up once (a table of all of Unicode would cost start-up)."""

    def __missing__(self, code: int) -> int | None:
        if code in _DASHES:
            kept: int | None = _HYPHEN
        else:
            kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and accent-insensitive form used for all matching. «й» stays «й» (not «и»:
    a Russian reader tells them apart), «ё» is «е» (as Russian is mostly printed), other
    accents go (é is e)."""
    if text.isascii():  # no accents to strip: a C-speed path for most data
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        if "\u0306" in decomposed:  # й is и with a breve: put it back together
            decomposed = decomposed.replace("\u0438\u0306", "\u0439")
        folded = decomposed.translate(_MARKS)
    if " -" in folded or "- " in folded:
        folded = _SPACED_DASH.sub("-", folded)
    if "anti-terror" in folded or "anti terror" in folded:  # the series' names, one word
        folded = folded.replace("anti-terror", "antiterror").replace("anti terror", "antiterror")
    return folded


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """Cyrillic letters to Latin, from anyascii, imported here: it costs start-up time
    (bench/README.md) and only a text or a query in Cyrillic needs it."""
    from anyascii import anyascii

    table: dict[int, str | None] = {}
    for code in range(_CYRILLIC_FIRST, _CYRILLIC_LAST + 1):
        latin = anyascii(chr(code)).lower()
        table[code] = "".join(ch for ch in latin if ch not in _SIGNS)
    table.update({ord(ch): None for ch in _SIGNS})
    return table


def has_cyrillic(text: str) -> bool:
    return not text.isascii() and CYRILLIC.search(text) is not None


def script(folded: str) -> str | None:
    """'latin' or 'cyrillic' for a value with letters of one script, else None (digits,
    punctuation, a mix, or other scripts)."""
    if not _LETTER.search(folded):
        return None
    if folded.isascii():
        return "latin"
    cyrillic = has_cyrillic(folded)
    latin = re.search("[a-z]", folded) is not None
    if cyrillic and not latin:
        return "cyrillic"
    if latin and not cyrillic:
        return "latin"
    return None


def skeleton(folded: str) -> str:
    """The skeleton of a folded text (query.fold): the same for its Cyrillic and each of
    its Latin spellings."""
    if folded.isascii():
        text = folded.translate(_ASCII_SIGNS)
    else:
        text = folded.translate(_table())
    for old, new in _STEPS:
        if old in text:
            text = text.replace(old, new)
    while "ii" in text:
        text = text.replace("ii", "i")
    for old, new in _AFTER:
        if old in text:
            text = text.replace(old, new)
    return text


# ISO 9 and GOST 7.79's letters with diacritics, as the other schemes write them: a query
# typed in them (folding would make ž a z, where the others write zh).
_ISO_LETTERS = str.maketrans({"š": "sh", "ž": "zh", "č": "ch", "ŝ": "shch", "â": "ya",
                              "û": "yu", "ë": "yo", "è": "e"})  # fmt: skip


def term_skeleton(typed: str, fold: Callable[[str], str]) -> str:
    """The skeleton of a query's value as typed, ISO 9's diacritics read first."""
    return skeleton(fold(unicodedata.normalize("NFC", typed.casefold()).translate(_ISO_LETTERS)))


def at_word_start(text: str, part: str, start: int = 0, end: int | None = None) -> bool:
    """Whether `part` is in `text[start:end]` starting a word (after no letter)."""
    stop = len(text) if end is None else end
    at = text.find(part, start, stop)
    while at >= 0:
        if at == start or not text[at - 1].isalpha():
            return True
        at = text.find(part, at + 1, stop)
    return False


@lru_cache(maxsize=4096)
def name_skeleton(folded: str, cyrillic: bool) -> str:
    """`lines_skeleton`, kept for names looked up again and again (the participants')."""
    return lines_skeleton(folded, cyrillic)


def lines_skeleton(folded: str, cyrillic: bool) -> str:
    """The skeletons of the lines of `folded` in one script (Cyrillic: the lines holding
    Cyrillic; else the others), one per line."""
    if not cyrillic and not has_cyrillic(folded):
        return skeleton(folded) if folded else ""
    if cyrillic and not has_cyrillic(folded):
        return ""
    kept = [line for line in folded.split("\n") if has_cyrillic(line) == cyrillic]
    return skeleton("\n".join(kept)) if kept else ""


def forms(text: str, bounds: Sequence[int], cyrillic: bool) -> tuple[str, Sequence[int]]:
    """A row's search text (query.Facts) as the skeletons of its lines in one script, with
    the bounds of its fields in it: what a term in the other script is looked for in."""
    if cyrillic and not has_cyrillic(text):
        return "", ()
    parts = [text[: bounds[0] - 1]] if bounds else [text]
    parts += [text[bounds[i] : bounds[i + 1] - 1] for i in range(len(bounds) - 1)]
    out = [lines_skeleton(part, cyrillic) for part in parts]
    ends = [len(out[0]) + 1]
    for part in out[1:]:
        ends.append(ends[-1] + len(part) + 1)
    return "\n".join(out), array("I", ends)
