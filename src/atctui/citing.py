"""The sources as reference managers read them (`atctui sources`): CSL-JSON (Zotero,
Pandoc's citeproc), BibTeX and RIS, and a numbered text list.

Each format is a few fields per entry, written here rather than through a library: the
writers are short, and what needs care (BibTeX's special characters, RIS's one value
per line) is escaped below; the tests read every format back with a reader of its own
(citeproc-py, bibtexparser)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from atctui.dates import DatePoint, FuzzyDate
from atctui.model import Source
from atctui.provenance import source_line
from atctui.textsafe import escaped_for_json, printable

# The CSL item type of each kind of source.
CSL_TYPES = {
    "source_text": "webpage",
    "web_page": "webpage",
    "dataset": "dataset",
    "research_notes": "document",
}
RIS_TYPES = {"source_text": "ELEC", "web_page": "ELEC", "dataset": "DATA", "research_notes": "GEN"}
KIND_NOTE = {
    "source_text": "text quoted verbatim",
    "web_page": "web page",
    "dataset": "dataset, cited by its rows' ids",
    "research_notes": "research notes",
}


def _point(date: FuzzyDate | None) -> DatePoint | None:
    return date.start if date is not None else None


def _parts(point: DatePoint) -> list[int]:
    return [n for n in (point.year, point.month, point.day) if n]


def csl_item(source: Source) -> dict[str, Any]:
    """A source as one CSL-JSON item."""
    item: dict[str, Any] = {"id": source.id, "type": CSL_TYPES[source.kind]}
    item["title"] = source.title or source.id
    if source.publisher:
        item["publisher"] = source.publisher
        item["author"] = [{"literal": source.publisher}]
    point = _point(source.published)
    if point is not None:
        item["issued"] = {"date-parts": [_parts(point)]}
    if source.url:
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    item["note"] = KIND_NOTE[source.kind] + (f"; file {source.file}" if source.file else "")
    return item


def to_csl_json(sources: Sequence[Source]) -> str:
    """The sources as a CSL-JSON array."""
    items = [csl_item(s) for s in sources]
    return escaped_for_json(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"


# BibTeX's special characters, each written so that it prints as itself.
_BIBTEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}  # fmt: skip
_BIBTEX_CHARS = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")


def bibtex_text(text: str) -> str:
    """Text as a BibTeX value prints it: special characters escaped, on one line."""
    one_line = " ".join(printable(text).split())
    return _BIBTEX_CHARS.sub(lambda m: _BIBTEX[m[0]], one_line)


def bibtex_key(source_id: str) -> str:
    """A citation key BibTeX accepts: the source's id, other characters made '-'."""
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", source_id) or "source"


def bibtex_entry(source: Source) -> str:
    """A source as a BibTeX @misc entry (read by BibTeX and biblatex alike)."""
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_text(source.title or source.id) + "}")]
    if source.publisher:  # a body, not a person: braced so that it is not split into names
        fields.append(("author", "{" + bibtex_text(source.publisher) + "}"))
    point = _point(source.published)
    if point is not None:
        fields.append(("year", str(point.year)))
        if point.month:
            fields.append(("month", str(point.month)))
        fields.append(("date", "-".join(f"{n:02d}" for n in _parts(point))))
    if source.url:
        url = bibtex_url(source.url)
        fields.append(("url", url))
        fields.append(("howpublished", "\\url{" + url + "}"))
    if source.language:
        fields.append(("language", source.language))
    note = KIND_NOTE[source.kind] + (f"; file {source.file}" if source.file else "")
    fields.append(("note", bibtex_text(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(source.id)},\n{body}\n}}\n"


def bibtex_url(url: str) -> str:
    """An address as a BibTeX value holds it: braces and backslashes percent-encoded (the
    same address to a browser), so that the value's braces always balance."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def to_bibtex(sources: Sequence[Source]) -> str:
    """The sources as BibTeX entries."""
    return "\n".join(bibtex_entry(s) for s in sources)


def _ris_value(text: str) -> str:
    return " ".join(printable(text).split())


def ris_entry(source: Source) -> str:
    """A source as one RIS record."""
    lines = [("TY", RIS_TYPES[source.kind]), ("ID", source.id)]
    lines.append(("TI", source.title or source.id))
    if source.publisher:
        lines += [("AU", source.publisher), ("PB", source.publisher)]
    point = _point(source.published)
    if point is not None:
        lines.append(("PY", str(point.year)))
        lines.append(("DA", "/".join(f"{n:02d}" for n in _parts(point))))
    if source.url:
        lines.append(("UR", source.url))
    if source.language:
        lines.append(("LA", source.language))
    lines.append(("N1", KIND_NOTE[source.kind] + (f"; file {source.file}" if source.file else "")))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}".rstrip() + "\r\n" for tag, value in lines)


def to_ris(sources: Sequence[Source]) -> str:
    """The sources as RIS records."""
    return "".join(ris_entry(s) for s in sources)


def to_text_list(sources: Sequence[Source]) -> str:
    """The sources as the numbered list text exports end with."""
    return "".join(printable(source_line(n, s)) + "\n" for n, s in enumerate(sources, 1))


WRITERS = {"text": to_text_list, "csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris}


def write_sources(sources: Sequence[Source], fmt: str) -> str:
    """The sources in `fmt` (one of WRITERS)."""
    return WRITERS[fmt](sources)
