"""What the app gives a report: the view or a record copied with its sources, a source's
page opened, the command that reproduces the view, and the filter saved under a name."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from textual.app import App

from atctui.detail import Section, as_text

if TYPE_CHECKING:
    from atctui.app.view_panel import Highlighted, ViewPanel
    from atctui.dataset import Dataset
    from atctui.model import Source
    from atctui.settings import Settings


def has_browser() -> bool:
    """Whether Python's webbrowser finds a browser that opens apart from this terminal (a
    terminal over ssh often has none: the address is then only shown and copied). A
    console browser (lynx, w3m: webbrowser's GenericBrowser) does not count: it would run
    in this terminal, under the app, and the app would wait for it to end."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    return type(browser) is not webbrowser.GenericBrowser


class ReportsMixin(App[None]):
    """Copy, open a source, copy the reproducing command, save the filter."""

    dataset: Dataset
    settings: Settings
    compared: tuple[str, str] | None  # the two meetings compared (ComparingMixin)
    copied_command = ""  # the last command copied, as the clipboard got it

    @property
    def current_panel(self) -> ViewPanel | None:  # defined by AtcApp
        raise NotImplementedError

    def detail_sections(self, selected: Highlighted) -> list[Section]:  # defined by AtcApp
        raise NotImplementedError

    # --- copy -------------------------------------------------------------------------

    def action_copy_view(self) -> None:
        """Copy the view as its text export at the terminal's width (OSC 52)."""
        panel = self.current_panel
        if panel is None or not panel.view.columns:
            self.notify("Nothing to copy here.", timeout=3)
            return
        from atctui.app.export_screen import default_export_path
        from atctui.export import export_view

        # As `atctui export` writes it: the rows' sources listed, the provenance below.
        text = export_view(self.dataset, panel.view, "text", self.size.width)
        rows = len(panel.view.rows)
        what = f"{panel.view.title}: {rows} row{'s' if rows != 1 else ''} as text"
        if self.is_web:
            self._deliver_copy(text, default_export_path(panel.view_name, "text"), what)
            return
        self.copy_to_clipboard(text)
        self.notify(f"{what}, {self.size.width} columns wide.", title="Copied")

    def action_copy_record(self) -> None:
        """Copy the record (or matrix cell) under the cursor with its citations."""
        panel = self.current_panel
        selected = panel.current() if panel is not None else None
        if selected is None:
            self.notify("Nothing under the cursor to copy.", timeout=3)
            return
        sections = self.detail_sections(selected)
        if self.is_web:
            key = "-".join(filter(None, (selected.key, selected.meeting)))
            name = "atctui-" + re.sub(r"[^A-Za-z0-9._-]+", "-", key) + ".txt"
            self._deliver_copy(as_text(sections) + "\n", name, sections[0].title)
            return
        self.copy_to_clipboard(as_text(sections) + "\n")
        self.notify(f"{sections[0].title}, with its sources.", title="Copied")

    def action_copy_command(self) -> None:
        """Copy the `atctui export …` command that prints this view: its tab, filter,
        sort and data files (`atctui diff …` for a comparison)."""
        panel = self.current_panel
        if panel is None:
            return
        if panel.view_name == "compare" and self.compared is None:
            self.notify("Choose two meetings to compare first.", timeout=3)
            return
        from atctui.reproduce import reproducing_command

        command = reproducing_command(
            panel.view_name, panel.state.query_text, panel.state.sort,
            self.dataset.paths, self.compared, sorted(panel.state.hidden), self.size.width,
            panel.state.names,
        )  # fmt: skip
        self.copied_command = command
        if self.is_web:
            self._deliver_copy(command + "\n", "atctui-command.txt", "The command")
            return
        self.copy_to_clipboard(command)
        self.notify(command, title="Copied the command that prints this view", timeout=8)

    def _deliver_copy(self, text: str, name: str, what: str) -> None:
        """A copy in a browser: the page gives the app no clipboard, so the text opens in
        a new tab of the browser, to copy from there; nothing is written on the server."""
        self.deliver_text(
            io.StringIO(text), save_filename=name, open_method="browser", mime_type="text/plain"
        )
        self.notify(f"{what}: your browser opens it in a new tab.", title="Copy", markup=False)

    # --- sources ----------------------------------------------------------------------

    def sources_under_cursor(self) -> tuple[str, list[Source]]:
        """The record or cell under the cursor (its title) and its sources that have a web
        address, each once, in the order cited."""
        from atctui.provenance import Cited, cell_citations, record_citations
        from atctui.provenance import cited as cited_of

        panel = self.current_panel
        selected = panel.current() if panel is not None else None
        if panel is None or selected is None or not selected.key:
            return "", []
        kind, _, record_id = selected.key.partition(":")
        citations: list[Cited]
        if selected.meeting and kind == "participant":
            citations = cell_citations(self.dataset, record_id, selected.meeting)
        else:
            citations = record_citations(self.dataset, selected.key)
            if panel.view_name == "compare" and self.compared and kind == "participant":
                for meeting in self.compared:
                    citations += cell_citations(self.dataset, record_id, meeting)
            gathering = self.dataset.gatherings.get(selected.key)
            if gathering is not None:  # then the pages that say who took part
                parts = [*gathering.attendances, *gathering.lists]
                citations += [c for p in parts for c in cited_of(self.dataset, p.citations)]
        seen: dict[str, Source] = {}
        for cited in citations:
            source = self.dataset.sources.get(cited.source)
            if source is not None and source.url and source.id not in seen:
                seen[source.id] = source
        return self.detail_sections(selected)[0].title, list(seen.values())

    def action_open_source(self) -> None:
        """Open the page of the source of the record or cell under the cursor in the
        browser; with several, choose one from a list."""
        title, sources = self.sources_under_cursor()
        if not title:
            self.notify("Nothing under the cursor.", timeout=3)
        elif not sources:
            self.notify("No source of this has a web address.", timeout=4)
        elif len(sources) == 1:
            self.open_source_url(sources[0].url or "")
        else:
            from atctui.app.source_chooser import SourceChooser

            def chosen(url: str | None) -> None:
                if url:
                    self.open_source_url(url)

            self.push_screen(SourceChooser(title, sources), chosen)

    def open_source_url(self, url: str) -> None:
        """Open `url` in the browser (the user's, under `atctui serve`); the address is
        also copied and shown, for a terminal with no browser to open."""
        if self.is_web or has_browser():
            self.open_url(url)
            title = "Opening the source" + ("" if self.is_web else " (address copied)")
        else:
            title = "No browser here: the source's address is copied"
        if not self.is_web:
            self.copy_to_clipboard(url)
        self.notify(url, title=title, timeout=8)

    # --- saved filters ----------------------------------------------------------------

    def action_save_query(self) -> None:
        """Save the current filter under a name in the settings file's [queries]."""
        panel = self.current_panel
        if panel is None or not panel.state.query_text.strip():
            self.notify("Filter first (/), then save the filter under a name.", timeout=4)
            return
        if self.is_web:
            self.notify("In a browser, nothing is saved on the server.", timeout=4)
            return
        from atctui.app.save_query_screen import SaveQueryScreen

        query, tab = panel.state.query_text, panel.view_name
        taken = set(self.settings.queries)

        def named(name: str | None) -> None:
            if name:
                self.save_query_as(name, query, tab)

        self.push_screen(SaveQueryScreen(query, tab, taken), named)

    def save_query_as(self, name: str, query: str, tab: str) -> None:
        """Write the query into the settings file and offer it in the palette."""
        from atctui.errors import DataError
        from atctui.saved_queries import save_query
        from atctui.settings import SavedQuery
        from atctui.writing import WriteRefused

        try:
            path = save_query(name, query, tab)
        except (DataError, WriteRefused, OSError, ValueError) as exc:
            self.notify(str(exc), title="Filter not saved", severity="error", timeout=10)
            return
        self.settings.queries[name] = SavedQuery(query=query, tab=tab)  # type: ignore[arg-type]
        self.notify(f"Saved '{name}' to {path}; the palette (ctrl+p) offers it.", title="Saved")

    def use_saved_query(self, name: str) -> None:
        """Show a saved query: its tab (the current one if it names none), filtered."""
        saved = self.settings.saved_queries().get(name)
        if saved is None:
            return
        if saved.tab and saved.tab != getattr(self.current_panel, "view_name", None):
            self.show_tab(saved.tab)
        panel = self.current_panel
        if panel is not None:
            panel.filter_input.value = saved.query
            panel.apply_filter()
            self.screen.set_focus(panel.cursor_widget)

    def show_tab(self, name: str) -> None:  # defined by AtcApp
        raise NotImplementedError
