"""What one tab shows, apart from how it is drawn: which view, the filter's text, the
sort, and where the cursor may go next (`n`/`N`, `[`/`]`).

Pure, so that the app's panels and the command line (`atctui export --sort`) share it:
the app only draws the view this builds and moves its cursor where this says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from atctui.dataset import Dataset, Presence
from atctui.naming import in_language
from atctui.query import Query, matches, parse
from atctui.views import Row, View, build

Builder = Callable[[Dataset, Query | str], View]


@dataclass(frozen=True)
class Sort:
    """A view sorted by one column (by its key, so that it survives a rebuild)."""

    column: str
    reverse: bool = False


@dataclass
class ViewState:
    """One tab's view: how it is built, filtered and sorted."""

    name: str
    builder: Builder | None = None
    query_text: str = ""
    sort: Sort | None = None
    hidden: frozenset[str] = field(default_factory=frozenset)  # column keys not shown
    names: str = "en"  # the language records are named in (naming.in_language)

    @classmethod
    def of_view(cls, name: str) -> ViewState:
        """The state of one of `views.VIEWS`, unfiltered and unsorted."""
        return cls(name, partial(build, name))

    @property
    def filtering(self) -> bool:
        """Whether a filter is in force: its text is not blank."""
        return bool(self.query_text.strip())

    def build(self, dataset: Dataset, query: Query | str | None = None) -> View:
        """The view for the query (the state's own text when none), in the state's sort."""
        if self.builder is None:
            return empty_view(self.name)
        view = self.builder(dataset, query if query is not None else self.query_text)
        view = in_language(view, dataset, self.names)
        return without_columns(sorted_view(view, self.sort), self.hidden)

    def sort_by(self, column: str) -> None:
        """Sort by `column`; the same column again reverses the order."""
        if self.sort is not None and self.sort.column == column:
            self.sort = Sort(column, not self.sort.reverse)
        else:
            self.sort = Sort(column)


def without_columns(view: View, hidden: frozenset[str]) -> View:
    """The view without the columns whose keys are `hidden` (as the screen shows it, and
    so as it exports); the first column, which names each row, is always kept."""
    keep = [i for i, c in enumerate(view.columns) if i == 0 or c.key not in hidden]
    if len(keep) == len(view.columns):
        return view

    def pick(values: Sequence[str]) -> tuple[str, ...]:
        return tuple(values[i] for i in keep)

    rows = tuple(
        Row(row.key, pick(row.cells), [row.sort[i] for i in keep], row.facts_for_copy())
        for row in view.rows
    )
    return replace(
        view,
        columns=tuple(view.columns[i] for i in keep),
        rows=rows,
        footer_row=pick(view.footer_row) if view.footer_row is not None else None,
        column_keys=pick(view.column_keys) if view.column_keys else (),
        # The sort stays said (provenance names it) unless its own column is hidden.
        sort_column=keep.index(view.sort_column) if view.sort_column in keep else None,
        hidden=tuple(c.label for i, c in enumerate(view.columns) if i not in keep),
    )


def empty_view(name: str) -> View:
    """A view with nothing to show yet (Compare before two meetings are chosen)."""
    return View(name, name.capitalize(), (), ())


def sorted_view(view: View, sort: Sort | None) -> View:
    """`view` sorted as asked, when it has that column."""
    keys = [column.key for column in view.columns]
    if sort is None or sort.column not in keys:
        return view
    return view.sorted_by(keys.index(sort.column), sort.reverse)


class UnknownColumn(ValueError):
    """A column named (by `--sort`) that the view does not have."""


def column_key(view: View, name: str) -> str:
    """The key of the column `name` names: its key or its label, in any case ('host',
    'Host', 'meeting:x-2017', 'X 2017'); raises UnknownColumn saying which there are."""
    wanted = name.strip().casefold()
    found = [
        column.key
        for column in view.columns
        # A meeting's or exercise's column is keyed 'meeting:x-2017': its id alone too.
        if wanted in (column.key.casefold(), column.label.casefold(), _bare(column.key))
    ]
    if len(found) == 1:
        return found[0]
    if found:  # two columns of one label, or a meeting and an exercise of one id
        keys = ", ".join(found)
        raise UnknownColumn(f"'{name}' names {len(found)} columns of {view.title}: {keys}")
    labels = ", ".join(column.label for column in view.columns)
    raise UnknownColumn(f"no column '{name}' in {view.title}; its columns: {labels}")


def _bare(key: str) -> str:
    """The id in a column key that is a reference ('x-2017' of 'meeting:x-2017')."""
    return key.partition(":")[2].casefold()


def sort_description(view: View, sort: Sort | None) -> str | None:
    """'sorted by Date, ascending', for the status line; None when not sorted."""
    labels = {column.key: column.label for column in view.columns}
    if sort is None or sort.column not in labels:
        return None
    return f"sorted by {labels[sort.column]}, {'descending' if sort.reverse else 'ascending'}"


def row_of(view: View, key: str) -> int | None:
    """Where the record `key` is in the view, if it is shown."""
    return next((i for i, row in enumerate(view.rows) if row.key == key), None)


def cell_matches(view: View, query: Query, row: int, column: int) -> bool:
    """Whether `n` stops here. In a list: a row the query keeps, by the filter's own test
    (so every row a filter shows matches). In the matrix, whose query chooses rows and
    columns apart: a cell its participant attended."""
    if view.column_keys:
        return view.rows[row].cells[column] in (Presence.ATTENDED.mark, Presence.OBSERVED.mark)
    return matches(query, view.rows[row].facts)


def next_match(view: View, row: int, column: int, forward: bool = True) -> tuple[int, int] | None:
    """The next (previous) place `n` (`N`) moves to from (row, column), wrapping round:
    the next row in a list, the next attended cell in the matrix."""
    count = len(view.rows)
    if not count:
        return None
    query = parse(view.query)
    step = 1 if forward else -1
    if view.column_keys:  # the matrix: cell by cell, across then down
        width = len(view.columns)
        start = row * width + column
        for offset in range(1, count * width + 1):
            r, c = divmod((start + step * offset) % (count * width), width)
            if cell_matches(view, query, r, c):
                return r, c
        return None
    for offset in range(1, count + 1):
        r = (row + step * offset) % count
        if cell_matches(view, query, r, column):
            return r, column
    return None


def next_year(view: View, row: int, forward: bool = True) -> tuple[int, int] | None:
    """The first row of the next (previous) year from `row`, and that year."""
    years = [r.facts.years[0] if r.facts.years else None for r in view.rows]
    if not years or row >= len(years):
        return None
    here = years[row]
    if forward:
        later = [
            (y, i) for i, y in enumerate(years) if y is not None and (here is None or y > here)
        ]
        found = min(later, default=None)
    else:
        earlier = [y for y in years if y is not None and here is not None and y < here]
        year = max(earlier, default=None)
        found = None if year is None else (year, years.index(year))
    return None if found is None else (found[1], found[0])
