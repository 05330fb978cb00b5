"""The Textual app: tabs over the pure views, a detail pane, keys and the palette."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import on
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input

from atctui.app import keys
from atctui.app.bars import KeyBar, Tab, TabBar
from atctui.app.comparing import ComparingMixin, how_to_choose, how_to_choose_briefly
from atctui.app.detail_pane import DetailPane
from atctui.app.layout import PALETTE_MIN_WIDTH, TOAST_MIN_WIDTH, mode
from atctui.app.naming_mode import NamingMixin
from atctui.app.panes import PanesMixin
from atctui.app.reports import ReportsMixin
from atctui.app.view_panel import Highlighted, ViewPanel
from atctui.app.virtual_table import ViewTable
from atctui.compare import describe_compare
from atctui.dataset import Dataset
from atctui.detail import Section, describe, describe_cell
from atctui.errors import DataError, Problem
from atctui.settings import Settings
from atctui.textsafe import printable
from atctui.viewstate import Sort

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel


def _atc_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (Textual's command
    module costs start-up time that the first screen does not need)."""
    from atctui.app.commands import AtcCommands

    return AtcCommands


class MainScreen(Screen[None]):
    """The screen of the tabs and the detail pane; it chooses no focus of its own."""

    # No auto focus: it chose the detail pane (the first focusable widget while the tab's
    # table is not yet made), and moving to the table restyled both. AtcApp.on_mount
    # focuses the table.
    AUTO_FOCUS = ""


class StartView(NamedTuple):
    """The view the app opens on (`atctui --tab … --query … --sort …`): a tab, its
    filter, and its sort (a column key, checked by the caller against the view)."""

    tab: str = "timeline"
    query: str = ""
    sort: Sort | None = None


class AtcApp(PanesMixin, ReportsMixin, ComparingMixin, NamingMixin, App[None]):
    """atctui's app: a tab per view of one dataset, the detail pane for the record under the
    cursor, the keys (the user's keymap applied) and the palette."""

    TITLE = "atctui"
    SUB_TITLE = "CIS Anti-Terrorism Center cooperation record"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_atc_commands}
    TABS = keys.TABS
    BINDINGS = keys.APP_BINDINGS

    def __init__(
        self,
        dataset: Dataset,
        *,
        theme: str | None = None,
        settings: Settings | None = None,
        settings_problems: Sequence[Problem] = (),
        start: StartView | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.start = start or StartView()
        self.settings = settings or Settings()
        self.names_language = self.settings.language
        self.settings_problems = list(settings_problems)
        self.marked_meeting: str | None = None  # the first of two meetings to compare
        self._switcher: ContentSwitcher | None = None  # the tabs' panels, made in compose
        wanted = theme or self.settings.theme
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            known = ", ".join(sorted(self.available_themes))
            self.settings_problems.append(
                Problem("theme", f"unknown theme '{wanted}'; themes: {known}")
            )
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification that shows its text as it is: messages quote file names,
        settings and values, which are never markup ('[/x]' crashed the toast) and never
        terminal control (escapes are shown visibly). In a terminal a few columns wide,
        where Textual's toast divides by zero as it wraps its text, a bell instead."""
        if 0 < self.size.width < TOAST_MIN_WIDTH:
            self.bell()
            return
        super().notify(
            printable(message), title=printable(title), severity=severity, timeout=timeout,
            markup=False,
        )  # fmt: skip

    def compose(self) -> ComposeResult:
        """The tab bar, the tabs' panels (only the first one's widgets made now), the detail pane
        and the key bar, laid out for the terminal's size."""
        # The layout for the terminal's size from the start: adding the class on mount
        # restyled every widget again (a cost the first screen need not pay).
        width, height = self.size
        hint = how_to_choose_briefly(self.bound_key)  # until two meetings are compared
        start = self.start
        yield TabBar(self._tabs(), start.tab, id="tab-bar")
        with Horizontal(id="main", classes="stacked" if mode(width, height) == "stacked" else ""):
            switcher = self._switcher = ContentSwitcher(id="tabs", initial=f"panel-{start.tab}")
            with switcher:
                for name, _label in self.TABS:
                    panel = ViewPanel(
                        name,
                        self.dataset,
                        placeholder=hint if name == "compare" else "",
                        eager=name == start.tab,  # the others when first shown
                        id=f"panel-{name}",
                    )
                    panel.state.names = self.names_language
                    if name == start.tab:
                        panel.state.query_text = start.query
                        panel.state.sort = start.sort
                    yield panel
            detail = DetailPane(id="detail")
            detail.display = mode(width, height) != "solo"
            yield detail
        yield KeyBar(id="key-bar")

    def get_default_screen(self) -> Screen[None]:
        """The main screen, which leaves the focus to `on_mount`."""
        return MainScreen(id="_default")

    def bound_key(self, binding_id: str) -> str:
        """The key of a binding as the user bound it (their keymap first), for display."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        key = self.settings.keys.get(binding_id, binding.key).split(",")[0].strip()
        return printable(self.get_key_display(Binding(key, "")))

    def _tabs(self) -> list[Tab]:
        """The tabs with the keys that show them, the user's own keys included."""
        return [Tab(name, label, self.bound_key(f"tab.{name}")) for name, label in self.TABS]

    def on_mount(self) -> None:
        """Report the settings' problems, fill the first tab, focus its table and show its
        record in the detail pane, all before the first layout."""
        for problem in self.settings_problems:
            self.notify(str(problem), title="Settings ignored", severity="error", timeout=20)
        panel = self.current_panel
        if panel is not None:
            panel.populate(wait=True)
            # Focus and the detail now, before the first layout: each later change is
            # another restyle and layout of the first screen.
            self.screen.set_focus(panel.cursor_widget)
            selected = panel.current()
            if selected is not None:
                self.show_detail(selected)
        self.lay_out(self.size.width, self.size.height)
        self.call_after_refresh(self._focus_table)

    def _focus_table(self, *, force: bool = False) -> None:
        """Focus the current table, unless focus is already inside its panel (a deferred
        call must not steal focus from a filter the user opened meanwhile)."""
        panel = self.current_panel
        if panel is None:
            return
        focused = self.focused
        if panel.screen is not self.screen:
            return  # a modal is open; its focus is its own
        if force or focused is None or panel not in focused.ancestors_with_self:
            panel.screen.set_focus(panel.cursor_widget)

    # --- tabs -------------------------------------------------------------------------

    @property
    def current_tab(self) -> str:
        """The name of the tab shown ('timeline' while there is none)."""
        # The switcher kept from compose, not queried: the key bar asks at every refresh
        # (check_action), and a query walks the whole DOM.
        switcher = self._switcher
        current = switcher.current if switcher is not None and switcher.is_attached else None
        return current.removeprefix("panel-") if current else "timeline"

    @property
    def current_panel(self) -> ViewPanel | None:
        """The panel of the tab shown; None while the app shuts down."""
        switcher = self._switcher
        if switcher is None or not switcher.is_attached:
            return None
        panel = switcher.get_child_by_id(f"panel-{self.current_tab}")
        return panel if isinstance(panel, ViewPanel) else None

    def show_tab(self, name: str) -> None:
        """Show the tab `name`, its view built when it is first shown, and focus its table at
        once."""
        self.query_one(ContentSwitcher).current = f"panel-{name}"
        self.query_one(TabBar).active = name
        panel = self.query_one(f"#panel-{name}", ViewPanel)
        panel.populate()
        if panel.screen is self.screen:
            # Now, not after a refresh: a key typed right behind the tab key (2 then l)
            # is handed to whatever has focus as soon as it arrives.
            self.screen.set_focus(panel.cursor_widget)
        self.call_after_refresh(self._after_tab_change)

    def _after_tab_change(self) -> None:
        self.refresh_bindings()
        panel = self.current_panel
        self._focus_table()
        if panel is not None:
            selected = panel.current()
            if selected is not None:
                self.show_detail(selected)

    # Actions that act on one tab only: elsewhere the key bar and the palette leave them out.
    ONE_TAB_ACTIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        "mark_meeting": ("participants",),
        "frequency": ("exercises",),
        "toggle_counts": ("exercises",),
        "choose_comparison": ("compare",),
        "year": ("timeline", "exercises"),
        "toggle_chart": ("timeline", "participants"),
        "cycle_columns": ("participants",),
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether an action applies here (marking meetings only on the matrix, the counts
        only beside the Exercises, choosing two meetings from a list only on the Compare
        tab), so that the key bar and the palette show only keys that act."""
        tabs = self.ONE_TAB_ACTIONS.get(action)
        return tabs is None or self.current_tab in tabs

    def _key_belongs_elsewhere(self) -> bool:
        """A priority key typed into a text field, or in a dialog, is theirs."""
        return not self._on_main_screen() or isinstance(self.focused, Input)

    def action_show_tab(self, name: str) -> None:
        """Show a tab, unless the key was typed in a text field or a dialog."""
        if self._key_belongs_elsewhere():
            raise SkipAction()
        self.show_tab(name)

    @on(TabBar.Selected)
    def _tab_clicked(self, event: TabBar.Selected) -> None:
        self.show_tab(event.name)

    # --- filter, sort, jump -----------------------------------------------------------

    def action_filter(self) -> None:
        """Open the current tab's filter bar, unless the key was typed in a text field or a
        dialog."""
        if self._key_belongs_elsewhere():
            raise SkipAction()
        self.open_filter()

    def open_filter(self) -> None:
        """Put the focus in the current tab's filter bar."""
        if self.current_panel is not None:
            self.current_panel.open_filter()

    def _on_main_screen(self) -> bool:
        return self.screen is self.screen_stack[0]

    def action_enter(self) -> None:
        """Enter on the main screen, one path for all of it: in the filter bar, apply the
        filter and go to the table; on the table, into the detail pane; in the detail
        pane, back to the table. In a dialog, the palette or the counts, the focused
        widget's own enter."""
        panel = self.current_panel
        if panel is None or not self._on_main_screen():
            raise SkipAction()
        focused = self.focused
        if focused is panel.filter_input:
            panel.apply_filter()
            self.screen.set_focus(panel.cursor_widget)
        elif focused is panel.cursor_widget:
            self.open_detail()
        elif isinstance(focused, DetailPane):
            self.close_detail()
        else:
            raise SkipAction()

    def action_escape(self) -> None:
        """Escape on the main screen: from the filter bar (applying it) or the detail pane, back
        to the table; on the table, clear the filter."""
        panel = self.current_panel
        if not self._on_main_screen():
            raise SkipAction()  # a dialog, the help or the palette closes itself
        if panel is None:
            return
        if panel.filter_input.has_focus:
            panel.apply_filter()
            self.screen.set_focus(panel.cursor_widget)
        elif self.query_one("#detail").has_focus:
            self.close_detail()
        elif not panel.cursor_widget.has_focus:
            self._focus_table(force=True)
        elif panel.filtering or panel.filter_input.value:
            panel.clear_filter()

    def action_sort(self) -> None:
        """Sort by the column under the cursor; again reverses."""
        if self.current_panel is not None:
            self.current_panel.sort_by_cursor()

    def action_clear_sort(self) -> None:
        """Back to the view's own order."""
        panel = self.current_panel
        if panel is not None:
            panel.clear_sort()

    def action_jump(self, forward: bool) -> None:
        """Move to the next (previous) match, or say there is none."""
        panel = self.current_panel
        if panel is not None and not panel.jump(forward):
            self.notify("No match.", timeout=2)

    def action_frequency(self) -> None:
        """Focus the counts beside the Exercises list (again: the next table of them), or say
        why they are not shown."""
        panel = self.current_panel
        if panel is None or panel.view_name != "exercises":
            self.notify("Counts by host and year are on the Exercises tab (3).", timeout=3)
        elif not panel.focus_frequency():
            self.notify(self.counts_hint(), timeout=4)

    def action_year(self, forward: bool) -> None:
        """Move to the first row of the next (previous) year, or say there is none."""
        panel = self.current_panel
        if panel is None:
            return
        year = panel.jump_year(forward)
        if year is None:
            self.notify("No later year." if forward else "No earlier year.", timeout=2)

    def action_toggle_chart(self) -> None:
        """Show the tab's chart instead of its table, or the table again."""
        panel = self.current_panel
        if panel is not None and not panel.toggle_chart():
            self.notify("Charts are of the Timeline (1) and the Participants (2).", timeout=3)

    # --- detail pane ------------------------------------------------------------------

    @on(Highlighted)
    def _highlighted(self, message: Highlighted) -> None:
        panel = self.current_panel
        if panel is not None and message.view == panel.view_name:
            self.show_detail(message)

    def show_detail(self, selected: Highlighted) -> None:
        """Show the record or cell in the detail pane."""
        self.query_one(DetailPane).show(self.detail_sections(selected))

    def detail_sections(self, selected: Highlighted) -> list[Section]:
        """What the detail pane shows for a row or cell: also what `Y` copies."""
        panel = self.current_panel
        if selected.view == "compare" and panel is not None and panel.state.builder is None:
            return how_to_choose(self.bound_key)  # no comparison yet
        if not selected.key:
            return [Section("No rows match the filter.")]
        kind, _, record_id = selected.key.partition(":")
        if selected.view == "compare" and panel is not None:
            return describe_compare(self.dataset, panel.view, selected.key)
        if selected.meeting and kind == "participant":
            return describe_cell(self.dataset, record_id, selected.meeting)
        return describe(self.dataset, selected.key)

    @on(ViewTable.Selected)
    def _clicked_on_cursor(self) -> None:
        self.open_detail()

    # --- export, help, theme ----------------------------------------------------------

    def action_export(self) -> None:
        """Open the export dialog for the current view (atctui.app.exporting writes it)."""
        from atctui.app.exporting import open_export_dialog

        open_export_dialog(self)

    def action_command_palette(self) -> None:
        """The palette, in a form an Enter typed while it closes cannot break."""
        from textual.command import CommandPalette

        from atctui.app.palette import SafeCommandPalette

        if self.size.width < PALETTE_MIN_WIDTH:
            # Textual's option list divides by zero below a few columns (an upstream
            # fault): the palette crashed the app at 4 to 6 columns.
            self.notify("Widen the terminal for the palette.", timeout=3)
            return
        if self.use_command_palette and not any(
            isinstance(screen, CommandPalette) for screen in self.screen_stack
        ):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        """Show the help, with the keys as the user bound them."""
        from atctui.app.help_screen import HelpScreen

        self.push_screen(HelpScreen(self.bound_key))

    def action_save_theme(self) -> None:
        """Write the current theme into the settings file: the only time atctui writes it,
        and never from a browser (the file is the server's)."""
        if self.is_web:
            self.notify("In a browser, nothing is saved on the server.", timeout=4)
            return
        from atctui.settings import save_theme
        from atctui.writing import WriteRefused

        try:
            path = save_theme(self.theme)
        except (DataError, WriteRefused, OSError, ValueError) as exc:
            self.notify(str(exc), title="Theme not saved", severity="error", timeout=10)
            return
        self.notify(f"Theme '{self.theme}' saved to {path}", title="Settings")

    def action_toggle_dark(self) -> None:
        """Switch from textual-dark to textual-light, and from any other theme to textual-dark."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # --- small terminals --------------------------------------------------------------

    def on_resize(self, event: object) -> None:
        """Lay the screen out for its new size: the detail pane beside the table, below it or
        hidden, and the counts shown or not."""
        size = getattr(event, "size", self.size)
        self.lay_out(size.width, size.height)
