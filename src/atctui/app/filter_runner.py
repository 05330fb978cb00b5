"""Builds a panel's views off the event loop when they are large, newest request first.

A small view is built at once, at every keystroke. A large one is built in a worker
thread so that keys keep working; one build runs at a time, and requests made meanwhile
leave only the newest waiting, which starts when the running one ends (whose result is
then dropped). Every request has a generation; a result is shown only if no newer
request was made since.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from atctui.views import View

Make = Callable[[], View]


class FilterRunner:
    """The builds of one panel's views, in order, the stale ones dropped."""

    def __init__(self, owner: Widget, show: Callable[[View], None]) -> None:
        self.owner = owner  # runs the workers and calls back on the event loop
        self.show = show  # called with each view that is still the newest asked for
        self.generation = 0
        self.busy = False  # a build is running in a thread
        self._pending: tuple[Make, int] | None = None

    def request(self, make: Make, *, in_thread: bool) -> None:
        """Build a view with `make` (in a thread when asked) and show it, unless a newer
        request comes first."""
        self.generation += 1
        if not in_thread:
            self.busy = False
            self._pending = None
            self.show(make())
            return
        if self.busy:
            self._pending = (make, self.generation)
        else:
            self._start(make, self.generation)

    def invalidate(self) -> None:
        """Drop whatever is on its way: the panel shows something else now."""
        self.generation += 1
        self._pending = None

    def _start(self, make: Make, generation: int) -> None:
        self.busy = True

        def work() -> None:
            """Build the view in the thread, and hand it to the event loop."""
            view = make()
            self.owner.app.call_from_thread(self._finished, view, generation)

        self.owner.run_worker(work, thread=True, group="filter", exit_on_error=False)

    def _finished(self, view: View, generation: int) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start(*pending)  # a newer request was made while this one ran
            return
        self.busy = False
        if generation == self.generation:
            self.show(view)
