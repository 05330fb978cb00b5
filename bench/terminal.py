"""What a user sees in a real terminal: the first screen, and a filter keystroke reaching
the screen, for atctui and for a minimal Textual app (an input, a table and a status
line), interleaved round by round.

A tmux server of its own runs each app in a pane; a control-mode client (`tmux -C`)
receives everything the app writes to its terminal as `%output` lines, each timestamped
as it arrives. The first screen is from starting the app to the output holding its
status line; a keystroke is from `send-keys` to the output holding the status line that
the key changed. Run from a shell where `tmux` is installed:

    python bench/terminal.py --rounds 7 [--size 120x40] [--src OTHER/src]
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE_SRC = Path(__file__).resolve().parent.parent / "src"

MINIMAL = r"""
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static

ROWS = [(f"Row {i}", f"Place {i % 7}", str(2000 + i % 26)) for i in range(48)]


class Minimal(App[None]):
    CSS = "DataTable { height: 1fr; } #status { height: 1; }"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter")
        yield DataTable()
        yield Static("", id="status")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Place", "Year")
        self.show("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def show(self, text: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        kept = [r for r in ROWS if text.lower() in " ".join(r).lower()]
        table.add_rows(kept)
        self.query_one("#status", Static).update(f"{len(kept)} of {len(ROWS)} rows q={text}|")


Minimal().run()
"""

# What each app shows once it is ready, and after "m" is typed into its filter.
READY = {"atctui": re.compile(r"\d+ rows"), "minimal": re.compile(r"\d+ of \d+ rows q=\|")}
AFTER_M = {"atctui": re.compile(r"filter: m\b"), "minimal": re.compile(r"rows q=m\|")}


class ControlClient:
    """A tmux control-mode client of a private server: runs commands, collects output."""

    def __init__(self, socket: str, session: str, size: tuple[int, int]) -> None:
        self.socket = socket
        self.session = session
        width, height = size
        subprocess.run(
            ["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", str(width),
             "-y", str(height), "sleep 100000"],
            check=True,
        )  # fmt: skip
        self.process = subprocess.Popen(
            ["tmux", "-L", socket, "-C", "attach", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        os.set_blocking(self.stdout.fileno(), False)
        self._buffer = b""
        self.command(f"refresh-client -C {width}x{height}")

    def command(self, line: str) -> None:
        self.stdin.write(line.encode() + b"\n")
        self.stdin.flush()

    def drain(self) -> None:
        """Forget what the pane has written so far."""
        self.wait_for(None, 0.05)

    def wait_for(self, pattern: re.Pattern[str] | None, timeout: float) -> float | None:
        """When the pane's screen came to hold `pattern`: the arrival time (perf_counter)
        of the last output before a capture of the screen that shows it; None on timeout
        (or after `timeout` when no pattern). The screen is captured after output, and
        again while output keeps coming."""
        deadline = time.perf_counter() + timeout
        capturing = dirty = False
        captured: list[str] = []
        last_output = 0.0
        while time.perf_counter() < deadline:
            if pattern is not None and dirty and not capturing:
                capturing, dirty = True, False
                taken_after = last_output
                self.command(f"capture-pane -p -t {self.session}")
            ready, _, _ = select.select([self.stdout], [], [], 0.005)
            if not ready:
                continue
            now = time.perf_counter()
            self._buffer += self.stdout.read() or b""
            *lines, self._buffer = self._buffer.split(b"\n")
            for line in lines:
                if line.startswith(b"%output "):
                    dirty, last_output = True, now
                elif line.startswith(b"%begin"):
                    captured = []
                elif line.startswith((b"%end", b"%error")):
                    if capturing and pattern is not None:
                        capturing = False
                        if pattern.search("\n".join(captured)):
                            return taken_after
                elif capturing:
                    captured.append(line.decode("utf-8", "replace"))
        return None

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)
        self.process.kill()
        self.process.wait()


def one_round(
    client: ControlClient, name: str, command: str, env_prefix: str
) -> tuple[float, float]:
    """Seconds from start to the first screen, and from typing "/m" (or "m") to the
    screen showing the filter's result."""
    client.drain()
    start = time.perf_counter()
    client.command(f"respawn-pane -k -t {client.session} {env_prefix}{command}")
    ready = client.wait_for(READY[name], 30)
    if ready is None:
        raise RuntimeError(f"{name}: no first screen within 30 s")
    time.sleep(0.5)  # settled: the first screen's later repaints are not the key's
    if name == "atctui":
        client.command(f"send-keys -t {client.session} /")
        time.sleep(0.3)
    client.drain()
    pressed = time.perf_counter()
    client.command(f"send-keys -t {client.session} m")
    shown = client.wait_for(AFTER_M[name], 10)
    if shown is None:
        raise RuntimeError(f"{name}: the keystroke never reached the screen")
    client.command(f"send-keys -t {client.session} q")
    return ready - start, shown - pressed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--src", type=Path, default=HERE_SRC, help="the atctui tree to run")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    width, height = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory() as work:
        minimal = Path(work) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        settings = Path(work) / "no-settings.toml"
        common = f"env ATCTUI_CONFIG={settings} PYTHONPYCACHEPREFIX={work}/cache "
        apps = {
            "atctui": (f"{sys.executable} -m atctui", f"{common}PYTHONPATH={args.src} "),
            "minimal": (f"{sys.executable} {minimal}", common),
        }
        client = ControlClient(f"atctui-bench-{os.getpid()}", "bench", (width, height))
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in apps}
        try:
            for name, (command, prefix) in apps.items():  # warm-up: bytecode, disk cache
                one_round(client, name, command, prefix)
            for _ in range(args.rounds):
                for name, (command, prefix) in apps.items():
                    figures[name].append(one_round(client, name, command, prefix))
        finally:
            client.close()
    first = {n: statistics.median(f[0] for f in runs) for n, runs in figures.items()}
    key = {n: statistics.median(f[1] for f in runs) for n, runs in figures.items()}
    for name in apps:
        print(
            f"{name:8} first screen {first[name]:.3f} s ({first[name] / first['minimal']:.2f}x)"
            f"   keystroke to screen {key[name] * 1000:.1f} ms"
            f" ({key[name] / key['minimal']:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
