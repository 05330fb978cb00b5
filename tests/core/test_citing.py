"""`atctui sources`: the sources for reference managers, each format read back by a
reader of its own: CSL-JSON by a schema and by citeproc-py, BibTeX by bibtexparser, RIS
line by line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from bibtexparser import parse_string as parse_bibtex  # type: ignore[attr-defined]
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from tests.helpers import run_cli

from atctui.citing import write_sources
from atctui.loading import load
from atctui.model import Source

DATASET = load()
SOURCES = list(DATASET.sources.values())

# The part of CSL-JSON's schema (citation-style-language/schema, csl-data.json) that
# our items use: its item types, the name and date shapes, and string fields.
_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": 3,
                "items": {"type": ["string", "number"]},
            },
        },
        "literal": {"type": "string"},
    },
    "additionalProperties": False,
}
CSL_ITEMS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": ["webpage", "dataset", "document", "article-newspaper", "report"]},
            "title": {"type": "string"},
            "publisher": {"type": "string"},
            "author": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "family": {"type": "string"},
                        "given": {"type": "string"},
                        "literal": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
            "issued": _DATE,
            "accessed": _DATE,
            "URL": {"type": "string"},
            "language": {"type": "string"},
            "note": {"type": "string"},
        },
        "additionalProperties": False,
    },
}


def _hostile_source() -> Source:
    return Source(
        id="evil",
        kind="web_page",
        url="https://example.org/a}b%20{c",
        title='A } title { with \\ braces, "quotes", % and\nER  - a RIS end\x1b[31m',
        publisher="@misc{x, title={owned}}",
    )


def test_csl_json_is_valid_and_names_every_source() -> None:
    items = json.loads(write_sources([*SOURCES, _hostile_source()], "csl-json"))
    jsonschema.validate(items, CSL_ITEMS_SCHEMA)
    assert {item["id"] for item in items} == {*DATASET.sources, "evil"}
    evil = next(item for item in items if item["id"] == "evil")
    assert evil["URL"] == "https://example.org/a}b%20{c"
    assert "\x1b" not in write_sources([_hostile_source()], "csl-json")  # JSON's \u001b
    assert len(_rendered(items)) == len(items)


@pytest.mark.parametrize("view_query", [("", ""), ("participants", "moldova")])
def test_csl_json_renders_with_citeproc(view_query: tuple[str, str]) -> None:
    view, query = view_query
    args = ["sources", "--format", "csl-json"] + ([view, "--query", query] if view else [])
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    jsonschema.validate(items, CSL_ITEMS_SCHEMA)
    bibliography = _rendered(items)
    assert len(bibliography) == len(items)
    for item, entry in zip(sorted(items, key=lambda i: i["id"]), bibliography, strict=True):
        assert item.get("title", "")[:20] in entry  # a real entry for each source
    if view:  # a view's sources only: Moldova's meetings
        assert {item["id"] for item in items} < set(DATASET.sources)


def _rendered(items: list[dict[str, object]]) -> list[str]:
    import citeproc

    styles = Path(citeproc.__file__).parent / "data" / "styles"
    style = CitationStylesStyle(str(styles / "harvard-cite-them-right.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    for item in sorted(items, key=lambda i: str(i["id"])):
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_bibtex_parses_back_with_every_field() -> None:
    sources = [*SOURCES, _hostile_source()]
    library = parse_bibtex(write_sources(sources, "bibtex"))
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    assert set(entries) == {s.id for s in sources}
    for source in sources:
        fields = entries[source.id].fields_dict
        if source.url:  # the same address, its braces percent-encoded
            assert fields["url"].value == source.url.replace("{", "%7B").replace("}", "%7D")
        title = fields["title"].value
        assert "owned" not in entries  # no entry smuggled in through a value
        assert source.id == "evil" or (source.title or source.id) in title


def test_ris_has_one_record_per_source_and_one_line_per_value() -> None:
    text = write_sources([*SOURCES, _hostile_source()], "ris")
    records = re.split(r"^ER  - *\r?$", text, flags=re.M)
    records = [r for r in records if r.strip()]
    assert len(records) == len(SOURCES) + 1
    for record in records:
        lines = record.strip().splitlines()
        assert lines[0].startswith("TY  - ")
        assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines), lines
    assert "\x1b" not in text


def test_sources_written_to_a_file_are_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    assert run_cli("sources", "-f", "bibtex", "-o", str(out)).returncode == 0
    first = out.read_text(encoding="utf-8")
    out.write_text("mine", encoding="utf-8")
    refused = run_cli("sources", "-f", "bibtex", "-o", str(out))
    assert refused.returncode != 0 and out.read_text(encoding="utf-8") == "mine"
    assert run_cli("sources", "-f", "bibtex", "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8") == first


@pytest.mark.parametrize("control", ["\x1b]0;pwned\x07", "\x9b31m", "\u202e", "\x00"])
def test_an_address_with_a_control_character_is_refused(tmp_path: Path, control: str) -> None:
    """Before: `\\S+` let ESC and BEL through, and the address reached the terminal raw in
    `atctui sources -f bibtex`."""
    data = tmp_path / "evil.toml"
    url = "https://e.x/a" + control
    data.write_text(
        f'[[sources]]\nid = "evil"\nkind = "web_page"\nurl = {json.dumps(url)}\n',
        encoding="utf-8",
    )
    result = run_cli("validate", str(data))
    assert result.returncode == 1
    assert "evil.toml:4: sources[0].url:" in result.stdout + result.stderr
    assert "is not a web address" in result.stdout + result.stderr


def test_braces_in_an_address_cannot_add_bibtex_fields() -> None:
    """Before: an address with balanced braces went out as it was: `a},title={PWNED},note={x`
    gave the entry a second title."""
    evil = Source(id="evil", kind="web_page", url="https://e.x/a},title={PWNED},note={x")
    library = parse_bibtex(write_sources([evil], "bibtex"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert "PWNED" not in entry.fields_dict["title"].value
    assert [f.key for f in entry.fields].count("title") == 1
    assert entry.fields_dict["url"].value == "https://e.x/a%7D,title=%7BPWNED%7D,note=%7Bx"
