"""Record names in the language the user reads: a view's participants, exercises, people
and formats named in Russian (`language = "ru"`, `--names ru`) where the data give a name
in that language, else in English with a marker.

Applied to a built view before it is sorted, so that a sort by name sorts what is shown;
the interface (tab labels, column headers) stays in English. Every view also carries each
row's names in both languages, which CSV and JSON write beside the cells.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from atctui.dataset import Dataset
from atctui.views.base import Row, View, cached

LANGUAGES = ("en", "ru")
# After a name shown in English because the record has none in the chosen language.
NO_LOCAL_NAME = "°"
# The columns that name records, by view: where a row's own name, or its host's, is shown.
NAME_COLUMNS = ("participant", "item", "name", "title", "host")


def local_name(record: Any, language: str) -> str | None:
    """The record's first full name in `language` (an abbreviation only when it has no
    full one); None when it has none."""
    names = [n for n in getattr(record, "names", ()) if n.language == language]
    full = [n for n in names if not n.abbreviation]
    chosen = (full or names or [None])[0]
    return chosen.text if chosen is not None else None


def english_name(record: Any) -> str:
    """The record's own name (a person's, an exercise's, a participant's)."""
    return str(getattr(record, "name", None) or getattr(record, "title", ""))


def names_of(dataset: Dataset, key: str) -> dict[str, str]:
    """A row's record named in each language it has a name in: {"en": …, "ru": …}."""
    record = dataset.records.get(key)
    if record is None or not hasattr(record, "names"):
        return {}
    out = {"en": english_name(record)}
    for language in LANGUAGES[1:]:
        name = local_name(record, language)
        if name is not None:
            out[language] = name
    return out


def all_names(dataset: Dataset) -> dict[str, dict[str, str]]:
    """Every named record's names by language, by reference: found once per dataset, not
    at every filter's keystroke."""
    return {key: found for key in dataset.records if (found := names_of(dataset, key))}


def in_language(view: View, dataset: Dataset, language: str = "en") -> View:
    """`view` with its records named in `language` (English when "en"), and the records'
    names in every language kept in `view.names` (the dataset's, shared by every view)."""
    names: dict[str, dict[str, str]] = cached(dataset, "names-by-language", all_names)
    if language == "en" or not view.rows:
        return replace(view, names=names)
    columns = [i for i, c in enumerate(view.columns) if c.key in NAME_COLUMNS]
    marked = False
    rows = []
    for row in view.rows:
        cells = list(row.cells)
        sort = list(row.sort) if isinstance(row.sort, tuple) else None
        renames = _renames(dataset, row, names.get(row.key, {}), language)
        for i in columns:
            for english, shown in renames:
                if english and english in cells[i]:
                    cells[i] = cells[i].replace(english, shown, 1)
                    marked = marked or shown.endswith(NO_LOCAL_NAME)
                    if sort is not None and isinstance(sort[i], str):
                        sort[i] = cells[i]
                    break
        new_sort: Any = tuple(sort) if sort is not None else _renamed_sort(row, cells)
        rows.append(Row(row.key, tuple(cells), new_sort, row.facts_for_copy()))
    legend = view.legend
    if marked:
        legend = f"{legend}\n{NO_LOCAL_NAME} no name in {language}: shown in English".strip()
    return replace(view, rows=tuple(rows), names=names, legend=legend)


def _renames(
    dataset: Dataset, row: Row, names: dict[str, str], language: str
) -> list[tuple[str, str]]:
    """What to replace in a row's name cells: its record's English name by its name in
    `language` (marked when it has none), then its host's (an exercise's Host)."""
    out = []
    if names:
        out.append((names["en"], names.get(language) or names["en"] + NO_LOCAL_NAME))
    record = dataset.records.get(row.key)
    host = dataset.participants.get(getattr(record, "host", None) or "")
    if host is not None:
        shown = local_name(host, language)
        out.append((host.name, shown or host.name + NO_LOCAL_NAME))
    return out


def _renamed_sort(row: Row, cells: list[str]) -> Any:
    """A sort that reads its values off the cells (the matrix's), told the new name."""
    renamed = getattr(row.sort, "renamed", None)
    return renamed(cells) if renamed is not None else row.sort
