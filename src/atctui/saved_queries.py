"""Saving a query under a name in the settings file's `[queries]` table: only that entry
changes, edited by tomlkit, so the user's comments and layout stay as they were."""

from __future__ import annotations

from pathlib import Path

from atctui.settings import SavedQuery, settings_path


class NoSuchQuery(LookupError):
    """A saved query's name that the settings do not hold."""


def find_saved(saved: dict[str, SavedQuery], name: str) -> SavedQuery:
    """The query saved as `name`; raises NoSuchQuery naming the ones there are."""
    if name in saved:
        return saved[name]
    known = ", ".join(sorted(saved)) or "none (the settings file's [queries] table)"
    raise NoSuchQuery(f"no saved query '{name}'; saved: {known}")


def with_query(text: str, name: str, query: str, tab: str | None) -> str:
    """The settings text with `name` saved in `[queries]` (a table made when there is
    none) and everything else as it was, comments included."""
    import tomlkit

    document = tomlkit.parse(text)
    value: str | dict[str, str] = query if tab is None else {"query": query, "tab": tab}
    if "queries" not in document:
        document["queries"] = tomlkit.table()
    queries = document["queries"]
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        queries[name] = inline
    else:
        queries[name] = value
    return tomlkit.dumps(document)


def save_query(name: str, query: str, tab: str | None = None, path: Path | None = None) -> Path:
    """Save `query` (for `tab`, or any) as `name` in the settings file (created if
    missing), atomically; the new text is validated before it replaces the old, and an
    existing entry of that name is replaced."""
    from atctui.loading.toml import loads
    from atctui.settings import _read_file, validated
    from atctui.writing import write_atomic

    path = path or settings_path()
    _, text = _read_file(path)
    new = with_query(text, name, query, tab)
    validated(loads(new))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new, overwrite=True)
    return path
