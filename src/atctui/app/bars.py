"""The tab bar and the key bar, each one widget drawing one or two lines.

Textual's Tabs and Footer make a widget per tab and per key (with containers, about 25
widgets here), each styled on mount, again on every focus change (the footer is rebuilt),
and laid out on every resize: most of the first screen's cost over a bare table
(bench/README.md). These draw the same things as text and keep the clicks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, RenderResult
from textual.binding import ActiveBinding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from atctui.app.keys import EXTRA_KEY_IDS


class Tab(NamedTuple):
    """One tab of the tab bar: the view it shows, its label, and the key that shows it."""

    name: str
    label: str
    key: str  # the key that shows it, as displayed ("1")


class Spot(NamedTuple):
    """Where something clickable was drawn: columns [start, end) of the bar."""

    start: int
    end: int
    name: str


def spot_at(spots: Sequence[Spot], x: int) -> Spot | None:
    """The spot drawn at column `x`, if any."""
    return next((spot for spot in spots if spot.start <= x < spot.end), None)


class TabBar(Widget, can_focus=False):
    """The tabs' names with their keys, the active one underlined; a click chooses one."""

    DEFAULT_CSS = """
    TabBar {
        dock: top;
        height: 2;
        & > .tab-bar--tab { color: $foreground 50%; }
        & > .tab-bar--active { color: $foreground; text-style: bold; }
        & > .tab-bar--hover { color: $foreground; }
        & > .tab-bar--key { color: $accent; }
        & > .tab-bar--underline {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-bar--tab",
        "tab-bar--active",
        "tab-bar--hover",
        "tab-bar--key",
        "tab-bar--underline",
    }
    active: reactive[str] = reactive("")
    _hover: reactive[str] = reactive("")

    @dataclass
    class Selected(Message):
        """A tab was clicked."""

        name: str

    def __init__(self, tabs: Sequence[Tab], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = list(tabs)
        self.set_reactive(TabBar.active, active)
        self._spots: list[Spot] = []

    def render(self) -> RenderResult:
        """The tabs' keys and labels on the first line, the active tab underlined on the second;
        where each tab was drawn is kept for the clicks."""
        style = self.get_component_rich_style
        names, self._spots = Text(no_wrap=True, overflow="crop"), []
        active_start = active_end = 0
        labels = self.labels(self.size.width)
        for tab, label in zip(self.tabs, labels, strict=True):
            start = names.cell_len
            chosen = tab.name == self.active
            label_style = style(
                "tab-bar--active"
                if chosen
                else ("tab-bar--hover" if tab.name == self._hover else "tab-bar--tab")
            )
            names.append(" ")
            names.append(tab.key, style=label_style + style("tab-bar--key"))
            names.append(f" {label} " if label else " ", style=label_style)
            self._spots.append(Spot(start, names.cell_len, tab.name))
            if chosen:
                active_start, active_end = start, names.cell_len
        # The underline as Textual's tabs draw it: the active tab's span in the bar's colour.
        bar = style("tab-bar--underline")
        width = max(self.size.width, names.cell_len)
        rest = Style(color=bar.bgcolor)
        underline = Text("━" * active_start, style=rest, no_wrap=True, overflow="crop")
        underline.append("━" * (active_end - active_start), style=Style(color=bar.color))
        underline.append("━" * (width - active_end), style=rest)
        names.truncate(width, overflow="crop")
        underline.truncate(width, overflow="crop")
        return Text("\n", no_wrap=True, overflow="crop").join([names, underline])

    def labels(self, width: int) -> list[str]:
        """The tabs' labels that fit in `width` columns on one line: whole, then cut to
        three letters, then only the active tab's (the others by their keys alone)."""
        short = [tab.label[:3] for tab in self.tabs]
        active_only = [tab.label if tab.name == self.active else "" for tab in self.tabs]
        for labels in ([tab.label for tab in self.tabs], short, active_only):
            drawn = sum(
                cell_len(f" {tab.key} {label} ")
                for tab, label in zip(self.tabs, labels, strict=True)
            )
            if drawn <= width or labels is active_only:
                return labels
        return active_only

    def on_click(self, event: events.Click) -> None:
        """A click on a tab's name asks for that tab."""
        spot = spot_at(self._spots, event.x) if event.y == 0 else None
        if spot is not None:
            event.stop()
            self.post_message(self.Selected(spot.name))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the tab under the pointer."""
        spot = spot_at(self._spots, event.x) if event.y == 0 else None
        self._hover = spot.name if spot else ""

    def on_leave(self) -> None:
        """Drop the highlight when the pointer leaves."""
        self._hover = ""


class Key(NamedTuple):
    """A binding as the key bar shows it: the key a click presses, its action, the key as
    displayed, its description, whether it works here, and its tooltip."""

    key: str  # as pressed, for a click
    action: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    extra: bool = False  # shown only when the others leave room (keys.EXTRA_KEY_IDS)


def key_of(app: App[object], active: ActiveBinding) -> Key:
    """The key bar's entry for an active binding."""
    binding = active.binding
    return Key(
        binding.key,
        binding.action,
        app.get_key_display(binding),
        binding.description,
        active.enabled,
        active.tooltip or binding.tooltip or binding.description,
        binding.id in EXTRA_KEY_IDS,
    )


def keys_shown(screen: Screen[object]) -> tuple[list[Key], Key | None]:
    """The active bindings that ask to be shown, one per action, in binding order; and
    the command palette's (shown apart, as Textual's footer does)."""
    app = screen.app
    active_bindings = screen.active_bindings
    seen: set[str] = set()
    keys: list[Key] = []
    for active in active_bindings.values():
        shown = active.binding.show or active.binding.id in EXTRA_KEY_IDS
        if shown and active.binding.action not in seen:
            seen.add(active.binding.action)
            keys.append(key_of(app, active))
    palette = active_bindings.get(app.COMMAND_PALETTE_BINDING)
    if palette is None or not app.ENABLE_COMMAND_PALETTE:
        return keys, None
    return [k for k in keys if k.key != palette.binding.key], key_of(app, palette)


def fitting(
    widths: Sequence[int], keep: int | None, room: int, extra: Sequence[bool] = ()
) -> list[int]:
    """Indexes of the items drawn in `room` columns, in order: the one at `keep` (help)
    first served, then the others in order while they fit, then the `extra` ones in the
    room that is left."""
    reserved = widths[keep] if keep is not None and widths[keep] <= room else 0
    kept: list[int] = []
    used = reserved
    is_extra = list(extra) + [False] * (len(widths) - len(extra))
    for second_round in (False, True):
        for index, width in enumerate(widths):
            if is_extra[index] != second_round:
                continue
            if index == keep:
                if reserved:
                    kept.append(index)
            elif used + width <= room:
                kept.append(index)
                used += width
    return sorted(kept)


class KeyBar(Widget, can_focus=False):
    """The keys that work here, on one line; a click presses one. Keys that do not fit
    are left out whole (help last of all); the palette key sits at the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
    }
    ALLOW_SELECT = False
    KEEP_ACTION = "help"  # the last key to give up its place
    _hover: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: dict[str, Key] = {}
        self._spots: list[Spot] = []

    def on_mount(self) -> None:
        """Redraw whenever the screen's bindings change."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _item(self, key: Key) -> Text:
        style = self.get_component_rich_style
        hover = style("key-bar--hover") if key.key == self._hover else Style()
        dim = Style(dim=True) if not key.enabled else Style()
        item = Text()
        item.append(f" {key.display} ", style=style("key-bar--key") + dim + hover)
        if key.description:
            item.append(f"{key.description} ", style=style("key-bar--description") + dim + hover)
        return item

    def render(self) -> RenderResult:
        """The keys that fit, in binding order (help given up last), and the palette's key at
        the right end when there is room; where each was drawn is kept for the clicks."""
        keys, palette = keys_shown(self.screen)
        self._keys = {k.key: k for k in keys + ([palette] if palette else [])}
        width = self.size.width
        palette_item = self._item(palette) if palette else Text()
        room = width - palette_item.cell_len - 1 if palette_item.cell_len < width // 3 else width
        items = [self._item(k) for k in keys]
        keep = next((i for i, k in enumerate(keys) if k.action == self.KEEP_ACTION), None)
        kept = fitting([item.cell_len for item in items], keep, room, [k.extra for k in keys])
        line, self._spots = Text(no_wrap=True, overflow="crop", end=""), []
        for index in kept:
            start = line.cell_len
            line.append_text(items[index])
            self._spots.append(Spot(start, line.cell_len, keys[index].key))
        if palette and room < width:
            line.append(" " * (width - line.cell_len - palette_item.cell_len))
            start = line.cell_len
            line.append_text(palette_item)
            self._spots.append(Spot(start, line.cell_len, palette.key))
        return line

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it; on a key that does not work here, it rings the bell."""
        spot = spot_at(self._spots, event.x)
        if spot is None:
            return
        event.stop()
        if self._keys[spot.name].enabled:
            self.app.simulate_key(spot.name)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer, and show its tooltip."""
        spot = spot_at(self._spots, event.x)
        self._hover = spot.name if spot else ""
        key = self._keys.get(self._hover)
        self.tooltip = key.tooltip if key else None

    def on_leave(self) -> None:
        """Drop the highlight when the pointer leaves."""
        self._hover = ""
