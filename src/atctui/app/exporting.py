"""The app's side of an export: the dialog (export_screen) asks for a format and a file;
this writes the view there or, in a browser, hands it over as a download. A write that
fails raises ExportFailed, and the dialog stays open with the reason."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from atctui.app.export_screen import ExportFailed, ExportScreen
from atctui.export import export_view, rows_phrase, svg_with_evidence
from atctui.formats import FORMATS
from atctui.subset import EmptySubset
from atctui.textsafe import printable
from atctui.writing import TargetExists, WriteRefused, write_atomic

if TYPE_CHECKING:
    from atctui.app.main import AtcApp
    from atctui.views import View


def open_export_dialog(app: AtcApp) -> None:
    """Open the export dialog for the current view, as it is now."""
    panel = app.current_panel
    if panel is None:
        return
    if not panel.view.columns:
        app.notify("Nothing to export here yet.", timeout=3)
        return
    export = ViewExport(app, panel.view)
    app.push_screen(
        ExportScreen(
            panel.view_name,
            len(panel.view.rows),
            write=export.write,
            fmt=app.settings.export_format,
            folder=app.settings.export_folder,
            web=app.is_web,
        )
    )


class ViewExport:
    """A view as it was when the dialog opened, written in whichever format it asks."""

    def __init__(self, app: AtcApp, view: View) -> None:
        self.app = app
        self.view = view
        self.width = app.size.width
        # The svg format is the screen as the user sees it: taken now, before the dialog
        # covers it.
        self.screenshot = app.export_screenshot()

    def content(self, fmt: str) -> str:
        """The export in `fmt`; ExportFailed when the format has nothing to write."""
        if FORMATS[fmt].needs_app:
            return svg_with_evidence(self.screenshot, self.app.dataset, self.view, self.width)
        try:
            return export_view(self.app.dataset, self.view, fmt, self.width)
        except EmptySubset as exc:
            raise ExportFailed(str(exc)) from None

    def write(self, fmt: str, path: Path, overwrite: bool) -> None:
        """Write the export to `path` (never over a file unless `overwrite`) and say so; in a
        browser, deliver it as a download named `path`, a bare file name there: the
        server's disk is never written. Raises ExportFailed with writing.py's reason."""
        content = self.content(fmt)
        what = f"{rows_phrase(len(self.view.rows))} as {fmt}"
        if self.app.is_web:
            self.app.deliver_text(
                io.StringIO(content), save_filename=path.name, mime_type=FORMATS[fmt].mime_type
            )
            self.app.notify(f"{what}: your browser downloads {path.name}", title="Exported")
            return
        try:
            write_atomic(path, content, overwrite=overwrite)
        except TargetExists:
            message = f"{path} exists. Overwrite it, or change the name."
            raise ExportFailed(printable(message), exists=True) from None
        except WriteRefused as exc:
            raise ExportFailed(str(exc)) from None
        except OSError as exc:  # writing.py names its own; anything else, as the system says
            raise ExportFailed(printable(f"{path}: cannot write: {exc.strerror or exc}")) from None
        self.app.notify(f"{what} to {path.resolve()}", title="Exported")
