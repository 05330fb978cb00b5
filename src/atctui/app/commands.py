"""The command palette's atctui commands: every action of the app's bindings, under its
binding's tooltip and with the key the user bound it to, offered where it applies; and a
few that have no key."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from atctui.app.keys import app_bindings
from atctui.formats import FORMATS

if TYPE_CHECKING:
    from atctui.app.main import AtcApp

Command = tuple[str, Callable[[], object], str]

# Keys that act on whatever has focus: no command of their own.
_NOT_COMMANDS = {"escape", "enter"}


def available_commands(app: AtcApp) -> list[Command]:
    """The commands that apply now, with the user's own key in each one's help."""
    commands: list[Command] = []
    for binding in app_bindings():
        if binding.id in _NOT_COMMANDS or binding.id == f"tab.{app.current_tab}":
            continue
        action, _, _ = binding.action.partition("(")
        if app.check_action(action, ()) is False:
            continue  # not here (marking meetings off the matrix)
        name = binding.tooltip or binding.description
        if binding.id == "export":
            name += f" ({', '.join(FORMATS)})"
        elif binding.id == "compare.mark":  # what a mark does now
            marked = app.marked_meeting is not None
            name = "Compare with the marked meeting" if marked else "Mark this meeting to compare"
        help_text = f"key {app.bound_key(str(binding.id))}"
        commands.append((name, partial(app.run_action, binding.action), help_text))
    panel = app.current_panel
    commands.append(
        ("Toggle light / dark theme", app.action_toggle_dark, "textual-light or textual-dark")
    )
    if not app.is_web:  # in a browser, nothing is written on the server
        commands.append(
            ("Save theme to settings", app.action_save_theme, f"writes theme = '{app.theme}'")
        )
    for name, saved in app.settings.saved_queries().items():
        where = f"on {saved.tab}" if saved.tab else "on this tab"
        commands.append(
            (
                f"Saved filter: {name}",
                partial(app.use_saved_query, name),
                f"{saved.query} ({where})",
            )
        )
    if panel is not None and panel.filtering:
        commands.append(("Clear the filter", panel.clear_filter, f"now: {panel.query_text}"))
    if panel is not None and panel.state.sort is not None:
        commands.append(("Clear the sort", app.action_clear_sort, "back to the view's order"))
    return commands


class AtcCommands(Provider):
    """The palette's atctui commands (`available_commands`): all of them when it opens, those
    whose names match as the user types. The palette reads a hit's words as markup, and
    names and help quote the user's filters and saved names: they are escaped."""

    @property
    def atc_app(self) -> AtcApp:
        """The app, typed as atctui's."""
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        """Every command that applies now, listed before anything is typed."""
        for name, callback, help_text in available_commands(self.atc_app):
            yield DiscoveryHit(escape(name), callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """The commands whose names match the query, scored, the matched letters highlighted."""
        matcher = self.matcher(query)
        for name, callback, help_text in available_commands(self.atc_app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(name)), callback, help=escape(help_text))
