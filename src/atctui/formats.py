"""The export formats, in one place: the CLI's choices, the export dialog's list, the
settings' allowed values and the help all read this table."""

from __future__ import annotations

from typing import NamedTuple


class ExportFormat(NamedTuple):
    """One way to write a view out."""

    name: str
    extension: str  # of the file the export dialog proposes
    mime_type: str  # of a download in the browser (`atctui serve`)
    what: str  # one line for the help and the CLI
    # Drawn by the app (a screenshot), not rendered from the view: the command line runs
    # the app headless for it, so that the core never imports Textual.
    needs_app: bool = False


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("text", "txt", "text/plain", "boxed tables, as wide as asked"),
        ExportFormat("markdown", "md", "text/markdown", "a Markdown table"),
        ExportFormat("csv", "csv", "text/csv", "one row per view row, an id column first"),
        ExportFormat("json", "json", "application/json", "the rows, with the view's meta"),
        ExportFormat(
            "toml", "toml", "application/toml", "the records behind the view, a new dataset"
        ),
        ExportFormat("svg", "svg", "image/svg+xml", "the screen as a picture", needs_app=True),
    )
}
DEFAULT_FORMAT = "text"


def extension(fmt: str) -> str:
    """The file extension of a format ('markdown' -> 'md')."""
    known = FORMATS.get(fmt)
    return known.extension if known else fmt
