"""The query language shared by the app's filter bar and `atctui export --query`.

    moldova                  bare words match any text of a row (participant aliases too)
    "border troops"          a quoted phrase
    participant:moldova      field:value (see FIELDS)
    meeting:xii  has:note    a meeting's name, a marker: whole values (WHOLE_FIELDS)
    year:2019  year:2017..2020
    -term  -field:value      negation
All terms must hold. Matching ignores case and accents.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from atctui import translit
from atctui.errors import QueryError
from atctui.translit import fold as fold  # re-exported: every module folds through query

# The markers a row can carry, by name, each with the flag the views show for it: what
# `has:` takes, and nothing else (a misspelt marker is an error, not an empty result).
MARKERS: dict[str, str] = {"note": "n", "contradiction": "!", "inferred": "*", "uncertain": "?"}

FIELDS: dict[str, str] = {
    "participant": "a participant (name or alias) involved in the row",
    "year": "a year or a range of years: year:2019, year:2017..2020",
    "city": "the city or place",
    "host": "the host state of an exercise",
    "kind": "the kind of record, participant or agenda item, as the Kind column shows it "
    "or as the data names it",
    "status": "an exercise's status; on Compare, the change",
    "has": "a marker the row carries",
    "meeting": "a meeting: its id, number or Roman numeral, exactly (xii is not XIII), "
    "or words of its title",
    "person": "a person named in the row",
    "series": "the series (format) of a meeting, by its id or name (series:heads, "
    "series:authorized), or exercise; on Participants it chooses the columns",
    "source": "a source id, file or publisher",
}

# Fields whose values a term matches whole, each with the field of the same rows' words that
# a term also finds inside words (as free text does), or None: `has:note`; `meeting:` a
# meeting's names (id, number, Roman numeral, label) whole, its title's words inside.
WHOLE_FIELDS: dict[str, str | None] = {"has": None, "meeting": "meeting_title"}

# The values that rows have been given in their `kind:` and `status:` fields, folded (each
# row's facts add theirs; views.base names the participants' kinds ahead): a term that is
# one of them matches it whole ('kind:state' is not the agenda's 'statement'), a part of
# one ('kind:intl') still matches inside.
_WHOLE_VALUES: dict[str, set[str]] = {"kind": set(), "status": set()}


def whole_values(field: str, values: Iterable[str]) -> None:
    """Name values of `kind:` or `status:` that a term matches whole."""
    _WHOLE_VALUES[field].update(fold(value) for value in values)


# The fields (besides any text) where a term in one script also finds the other's
# spellings (translit.py): names and places, not the vocabularies of kind, status, has.
CROSS_FIELDS = frozenset({"participant", "host", "city", "person", "source"})

# A value shaped as a meeting's name: a number or Roman numeral, maybe with a year ("12",
# "xii", "xii-2019", "xii 2019"). It names a meeting, and is never looked for in a title,
# where "xii" would be found in "XIII".
_MEETING_NAME = re.compile(
    r"(?=[0-9ivxlcdm])(?:[0-9]+|m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"(?:[- ][0-9]+)?"
)


@dataclass(frozen=True)
class Term:
    """One term of a query: a folded value to find in one field or in any text, maybe
    negated; a `year:` term has the range of years in `years`."""

    field: str | None  # None: match any text
    value: str  # folded
    negated: bool = False
    years: tuple[int, int] | None = None
    # The value matches a whole value of the field, not inside one (WHOLE_FIELDS); `words`
    # is the field it is also found inside, if any.
    whole: bool = False
    words: str | None = None
    # Per member directory: the ids whose names hold `value`, found once per query.
    hits: dict[int, tuple[Mapping[str, str], frozenset[str]]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    # Where the value starts in the query's text, and as typed: for a message about it.
    at: int = dataclasses.field(default=0, compare=False)
    typed: str = dataclasses.field(default="", compare=False)
    # The value's skeleton (translit.py) when it is looked for in the other script's text
    # too, and whether the value is Cyrillic; "" when it is not.
    cross: str = ""
    cyrillic: bool = False

    def members_holding(self, directory: Mapping[str, str]) -> frozenset[str]:
        """The members of `directory` whose names hold the term's value (or in the other
        script, its skeleton), found once per directory and kept with the term."""
        entry = self.hits.get(id(directory))
        if entry is None or entry[0] is not directory:
            found = frozenset(
                key
                for key, text in directory.items()
                if self.value in text or (self.cross and self._crosses(text))
            )
            entry = self.hits[id(directory)] = (directory, found)
        return entry[1]

    def _crosses(self, names: str) -> bool:
        other = translit.name_skeleton(names, not self.cyrillic)
        return bool(other) and translit.at_word_start(other, self.cross)


@dataclass(frozen=True)
class Query:
    """A parsed query: its text and its terms, all of which must hold (none keeps every row)."""

    text: str
    terms: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def split(self, fields: frozenset[str]) -> tuple[Query, Query]:
        """(terms on `fields`, the other terms): the matrix filters columns with the first."""
        inside = tuple(t for t in self.terms if t.field in fields)
        outside = tuple(t for t in self.terms if t.field not in fields)
        return Query(self.text, inside), Query(self.text, outside)


MEMBER_FIELD = "participant"  # the field that a row's members count as
_FIELD_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class Facts:
    """What a row can be matched on, folded once when the view is built.

    `text` holds every value; field `names[i]` is the slice `bounds[i]:bounds[i + 1] - 1`
    of it, not a copy (a view of 10,000 meetings held each participant name twice)."""

    text: str = ""
    names: tuple[str, ...] = ()
    bounds: Sequence[int] = ()
    years: tuple[int, int] | None = None
    # Participants of the row, by id, whose names are in `directory` (shared by every row)
    # rather than copied into each row's text, where every meeting would hold its attendees'
    # names and aliases again. They count as any text and as the `participant` field.
    members: tuple[str, ...] = ()
    directory: Mapping[str, str] | None = None
    # The skeletons of the text's Cyrillic lines and of its Latin lines, with their fields'
    # bounds (translit.forms): made when a term first needs them, then kept.
    cyrillic_forms: tuple[str, Sequence[int]] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )
    latin_forms: tuple[str, Sequence[int]] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )

    def forms(self, cyrillic: bool) -> tuple[str, Sequence[int]]:
        """The skeletons of the lines in one script (translit.forms), made once."""
        made = self.cyrillic_forms if cyrillic else self.latin_forms
        if made is None:
            made = translit.forms(self.text, self.bounds, cyrillic)
            object.__setattr__(self, "cyrillic_forms" if cyrillic else "latin_forms", made)
        return made

    @classmethod
    def of(
        cls,
        texts: Sequence[str | None],
        years: tuple[int, int] | None = None,
        *,
        members: Sequence[str] = (),
        directory: Mapping[str, str] | None = None,
        **fields: Sequence[str | None] | str | None,
    ) -> Facts:
        """The facts of a row, folded: `texts` match any text only; each field in `fields` also
        matches its `field:` term; `members`, named in `directory`, match any text and
        `participant:` (only with a directory)."""
        # Each line once: a term never spans lines, so a repeated one cannot change a match
        # (as-written names repeat within a meeting).
        parts = ["\n".join(dict.fromkeys(fold(t) for t in texts if t))]
        bounds = [len(parts[0]) + 1]
        for name, value in fields.items():
            values = [value] if value is None or isinstance(value, str) else value
            folded = dict.fromkeys(fold(v) for v in values if v)
            if name in _WHOLE_VALUES:  # a value rows are given, matched whole
                _WHOLE_VALUES[name].update(folded)
            parts.append("\n".join(folded))
            bounds.append(bounds[-1] + len(parts[-1]) + 1)
        names = tuple(fields)
        names = _FIELD_NAMES.setdefault(names, names)  # one tuple per set of fields
        if directory is None:
            members = ()
        # 4 bytes a bound, not a tuple of int objects (which add up over a large view).
        packed = array("I", bounds)
        return cls("\n".join(parts), names, packed, years, tuple(members), directory)

    def field(self, name: str) -> str:
        """The folded values of one field, one per line ("" when the row has none)."""
        if name not in self.names:
            return ""
        i = self.names.index(name)
        return self.text[self.bounds[i] : self.bounds[i + 1] - 1]


def matches(query: Query, facts: Facts) -> bool:
    """Whether every term of the query holds for a row (a negated one, that it does not)."""
    for term in query.terms:
        if _term_holds(term, facts) == term.negated:
            return False
    return True


def _term_holds(term: Term, facts: Facts) -> bool:
    if term.years is not None:
        if facts.years is None:
            return False
        first, last = term.years
        return facts.years[0] <= last and facts.years[1] >= first
    if term.field is None:
        return (
            term.value in facts.text
            or _member_holds(term, facts)
            or (bool(term.cross) and _crosses(term, facts, None))
        )
    if term.field == MEMBER_FIELD and _member_holds(term, facts):
        return True
    if term.field not in facts.names:
        return not term.value
    i = facts.names.index(term.field)
    start, end = facts.bounds[i], facts.bounds[i + 1] - 1
    if not term.whole and term.value not in _WHOLE_VALUES.get(term.field, ()):
        if facts.text.find(term.value, start, end) >= 0:
            return True
        return bool(term.cross) and _crosses(term, facts, i)
    if _holds_line(facts.text, term.value, start, end):
        return True
    if term.words is None or term.words not in facts.names:
        return False
    i = facts.names.index(term.words)
    return facts.text.find(term.value, facts.bounds[i], facts.bounds[i + 1] - 1) >= 0


def _crosses(term: Term, facts: Facts, field: int | None) -> bool:
    """Whether the term's skeleton starts a word of the row's text in the other script
    (in field `field` of it, or anywhere)."""
    text, bounds = facts.forms(not term.cyrillic)
    if not text:
        return False
    if field is None:
        return translit.at_word_start(text, term.cross)
    return translit.at_word_start(text, term.cross, bounds[field], bounds[field + 1] - 1)


def _holds_line(text: str, value: str, start: int, end: int) -> bool:
    """Whether one of the lines of `text[start:end]` is `value` itself."""
    at = text.find(value, start, end)
    while at >= 0:
        after = at + len(value)
        if (at == start or text[at - 1] == "\n") and (after == end or text[after] == "\n"):
            return True
        at = text.find(value, at + 1, end)
    return False


def _member_holds(term: Term, facts: Facts) -> bool:
    if not facts.members or facts.directory is None:
        return False
    return not term.members_holding(facts.directory).isdisjoint(facts.members)


def quoted(value: str) -> str:
    """`value` as a phrase the parser reads back exactly: in quotes, its own quotes and
    backslashes escaped (what the counts' terms are built with)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse(text: str) -> Query:
    """Parse a query; raise QueryError (with a position) for anything malformed."""
    terms: list[Term] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-"
        if negated:
            i += 1
            if i >= n or text[i].isspace():
                raise QueryError("'-' must be followed by a term", start)
        name: str | None = None
        if text[i] != '"':
            j = i
            while j < n and not text[j].isspace() and text[j] not in ':"':
                j += 1
            if j < n and text[j] == ":":
                name = text[i:j].casefold()
                if not name:
                    raise QueryError("':' must follow a field name", j)
                if name not in FIELDS:
                    close = difflib.get_close_matches(name, FIELDS, n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    raise QueryError(f"unknown field '{name}'{hint}", i)
                i = j + 1
        value_at = i
        value, i = _read_value(text, i, start)
        if not value.strip():
            what = f"field '{name}'" if name else "a phrase"
            raise QueryError(f"{what} needs a value", start)
        years = _years(value, start) if name == "year" else None
        # Lines separate a row's values: a term never spans two (a pasted newline is a space).
        folded = fold(value.strip()).replace("\n", " ")
        if name == "has" and folded not in MARKERS:
            raise QueryError(_unknown_marker(value.strip(), folded), value_at)
        whole = name in WHOLE_FIELDS
        words = WHOLE_FIELDS.get(name or "")
        if name == "meeting" and _MEETING_NAME.fullmatch(folded):
            words = None  # a meeting's name: never looked for inside a title
        cross, cyrillic = _cross(name, folded, value.strip())
        terms.append(
            Term(
                name,
                folded,
                negated,
                years,
                whole,
                words,
                at=value_at,
                typed=value.strip(),
                cross=cross,
                cyrillic=cyrillic,
            )
        )
    return Query(text, tuple(terms))


def _cross(field: str | None, folded: str, typed: str) -> tuple[str, bool]:
    """The skeleton a term is also looked for by in the other script's text, and whether
    it is Cyrillic: only for any text and CROSS_FIELDS, for a value in one script whose
    skeleton is long enough to mean something (translit.py)."""
    if field is not None and field not in CROSS_FIELDS:
        return "", False
    which = translit.script(folded)
    if which is None:
        return "", False
    cross = translit.term_skeleton(typed, fold).replace("\n", " ")
    if len(cross) < translit.MIN_LENGTH:
        return "", False
    return cross, which == "cyrillic"


def _unknown_marker(value: str, folded: str) -> str:
    close = difflib.get_close_matches(folded, MARKERS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown marker '{value}'{hint}; has: takes {', '.join(MARKERS)}"


def _read_value(text: str, i: int, start: int) -> tuple[str, int]:
    n = len(text)
    if i < n and text[i] == '"':  # a phrase; \" and \\ inside it are a quote, a backslash
        chars: list[str] = []
        j = i + 1
        while j < n and text[j] != '"':
            if text[j] == "\\" and j + 1 < n and text[j + 1] in '"\\':
                j += 1
            chars.append(text[j])
            j += 1
        if j >= n:
            raise QueryError("unclosed quote", i)
        return "".join(chars), j + 1
    j = i
    while j < n and not text[j].isspace():
        if text[j] == '"':
            raise QueryError("a quote must start a term or a value", j)
        j += 1
    return text[i:j], j


def _years(value: str, position: int) -> tuple[int, int]:
    first, sep, last = value.strip().partition("..")
    try:
        if not all(part.isascii() and part.isdigit() for part in (first, last if sep else "0")):
            raise ValueError  # int() reads Arabic-Indic and full-width digits too
        low = int(first)
        high = int(last) if sep else low
    except ValueError:
        raise QueryError(
            f"year:{value} is not a year or a range like 2017..2020", position
        ) from None
    if not (0 < low < 10000 and 0 < high < 10000):
        raise QueryError(f"year:{value} is out of range", position)
    if high < low:
        raise QueryError(f"year:{value} ends before it starts", position)
    return low, high
