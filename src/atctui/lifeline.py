"""An app process started by `atctui serve` ends with the server that started it.

A server killed from under its app processes (SIGKILL, a crash, an OOM kill) runs no
clean-up, and an app process of textual-serve goes on rendering for nobody. Two ties,
because either alone has a hole:

- on Linux the kernel kills the app process when the server dies
  (`prctl(PR_SET_PDEATHSIG, SIGKILL)`);
- on every system, a thread of the app ends it as soon as its parent is no longer the
  server (the orphan was adopted by another process) or its standard input, the pipe
  the server writes into, is closed.

No Textual or aiohttp here: the app process imports this before anything else.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time

SERVED_BY = "ATCTUI_SERVED_BY"  # the server's pid, set in the environment of its apps
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_SECONDS = 0.2


def tie_to_server() -> bool:
    """When this process was started by `atctui serve` (ATCTUI_SERVED_BY names its pid),
    make it end with that server; returns whether it was. Exits at once when the server
    is already gone."""
    raw = os.environ.pop(SERVED_BY, None)  # popped: not inherited by our own children
    if raw is None:
        return False
    try:
        server = int(raw)
    except ValueError:
        return False
    _die_with_parent()
    # The server may have died between our fork and the prctl: then nothing would kill us.
    if os.getppid() != server:
        print(
            f"atctui: {SERVED_BY}={server} names a server that is not this process's "
            "parent (gone, or the variable was set by hand): not starting",
            file=sys.stderr,
        )
        os._exit(1)
    threading.Thread(target=_watch, args=(server,), name="atctui-lifeline", daemon=True).start()
    return True


def _die_with_parent() -> None:
    """Ask Linux to send us SIGKILL when the parent dies; elsewhere the watchdog alone."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # an unusual libc: the watchdog still holds


def _stdin_closed(poller: select.poll | None) -> bool:
    """Whether the server's end of our standard input is closed, without reading it (the
    web driver's own thread reads it)."""
    if poller is None:
        return False
    # Registered for no event: poll still reports a hang-up or an error.
    return any(events & (select.POLLHUP | select.POLLERR) for _, events in poller.poll(0))


def _watch(server: int) -> None:
    """The watchdog: ends the process once the server is gone."""
    poller: select.poll | None = None
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(0, 0)  # file descriptor 0: the pipe from the server
    while True:
        if os.getppid() != server or _stdin_closed(poller):
            os._exit(1)  # no one is left to show anything to: no clean-up is owed
        time.sleep(POLL_SECONDS)
