"""The command palette's atctui commands: only those that apply now."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from atctui.app.main import AtcApp

Command = tuple[str, Callable[[], object], str]


def available_commands(app: AtcApp) -> list[Command]:
    commands: list[Command] = []
    for number, (tab, label) in enumerate(app.TABS, start=1):
        if tab != app.current_tab:
            commands.append((f"Show {label}", partial(app.show_tab, tab), f"key {number}"))
    panel = app.current_panel
    commands += [
        ("Filter this view", app.open_filter, "focus the filter bar (key /)"),
        ("Export this view…", app.action_export, "text, Markdown, CSV, JSON, TOML or SVG (key e)"),
        ("Sort by the column under the cursor", app.action_sort, "again to reverse (key s)"),
        ("Toggle light / dark theme", app.action_toggle_dark, "textual-light or textual-dark"),
        ("Save theme to settings", app.action_save_theme, f"writes theme = '{app.theme}'"),
        ("Help: keys and filter language", app.action_help, "key ?"),
    ]
    if panel is not None and panel.view.columns:
        commands.append(("Copy this view as text", app.action_copy_view, "key y"))
        if panel.current() is not None:
            commands.append(
                ("Copy the record under the cursor", app.action_copy_record, "with sources (Y)")
            )
    if panel is not None and panel.view_name == "participants":
        if app.marked_meeting is None:
            commands.append(
                ("Mark this meeting to compare", app.action_mark_meeting, "key m on a column")
            )
        else:
            commands.append(
                ("Compare with the marked meeting", app.action_mark_meeting,
                 f"marked: {app.marked_meeting} (key m)")
            )  # fmt: skip
    if panel is not None and panel.filtering:
        commands.append(("Clear the filter", panel.clear_filter, f"now: {panel.query_text}"))
    if panel is not None and panel.sort is not None:
        commands.append(("Clear the sort", app.action_clear_sort, "back to the view's order"))
    return commands


class AtcCommands(Provider):
    @property
    def atc_app(self) -> AtcApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for name, callback, help_text in available_commands(self.atc_app):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in available_commands(self.atc_app):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
