"""The app's side of an export: the dialog (export_screen) asks for a format and a file;
this writes the current view there or, in a browser, hands it over as a download."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from atctui.formats import FORMATS

if TYPE_CHECKING:
    from atctui.app.main import AtcApp


def open_export_dialog(app: AtcApp) -> None:
    """Open the export dialog for the current view; `_export_chosen` writes what it asks."""
    panel = app.current_panel
    if panel is None:
        return
    if not panel.view.columns:
        app.notify("Nothing to export here yet.", timeout=3)
        return
    from atctui.app.export_screen import ExportScreen

    screen = ExportScreen(
        panel.view_name,
        len(panel.view.rows),
        fmt=app.settings.export_format,
        folder=app.settings.export_folder,
        web=app.is_web,
    )
    app.push_screen(screen, lambda choice: _export_chosen(app, choice))


def _export_chosen(app: AtcApp, choice: tuple[str, Path, bool] | None) -> None:
    """Write the export; in a browser, deliver it as a download named `path` (a bare
    file name there): the server's disk is never written."""
    panel = app.current_panel
    if choice is None or panel is None:
        return
    from atctui.export import export_view
    from atctui.writing import WriteRefused, write_atomic

    fmt, path, overwrite = choice
    if FORMATS[fmt].needs_app:
        content = app.export_screenshot()
    else:
        from atctui.subset import EmptySubset

        try:
            content = export_view(app.dataset, panel.view, fmt, app.size.width)
        except EmptySubset as exc:
            app.notify(str(exc), title="Not exported", severity="error", timeout=8)
            return
    if app.is_web:
        app.deliver_text(
            io.StringIO(content),
            save_filename=path.name,
            mime_type=FORMATS[fmt].mime_type if fmt in FORMATS else "text/plain",
        )
        app.notify(
            f"{len(panel.view.rows)} rows as {fmt}: your browser downloads {path.name}",
            title="Exported",
            markup=False,
        )
        return
    try:
        write_atomic(path, content, overwrite=overwrite)
    except (WriteRefused, OSError) as exc:
        app.notify(str(exc), title="Export failed", severity="error", timeout=8)
        return
    app.notify(f"{len(panel.view.rows)} rows as {fmt} to {path.resolve()}", title="Exported")
