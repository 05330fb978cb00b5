"""`atctui serve` for real: the server on loopback, the page opened in headless Chromium.

textual-serve draws the terminal on a canvas, so the page's DOM holds no text. The test
drives Chromium over its DevTools protocol: a script added before the page loads keeps
what the app sends to the page over its WebSocket, and the test reads the screen's text
from it. The page's own script (static/js/textual.js) is served locally; only a web font
is fetched from the internet, and the page falls back to a local monospace font.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="textual-serve (and aiohttp) not installed")

CHROMIUM = next(
    (p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium): "
    "the served page cannot be opened",
)

# Keeps every message the page receives over WebSockets, decoded, in window.__received.
KEEP_MESSAGES = """
(() => {
  window.__received = "";
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  function Recording(...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", async (event) => {
      let data = event.data;
      if (data instanceof Blob) data = await data.arrayBuffer();
      window.__received += typeof data === "string" ? data : decoder.decode(data);
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Recording;
})();
"""
ANSI = re.compile(
    r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running(command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in a process group of its own, and end the whole group afterwards:
    the server starts an app process per page, which must not outlive the test."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=10)
                    break
                except subprocess.TimeoutExpired:
                    continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # children that ignored SIGTERM


async def wait_for_http(session: Any, url: str, seconds: float) -> Any:
    for _ in range(int(seconds * 10)):
        with contextlib.suppress(aiohttp.ClientError):
            async with session.get(url) as response:
                if response.status == 200:
                    return await response.json() if "json" in url else await response.text()
        await asyncio.sleep(0.1)
    raise AssertionError(f"nothing answered at {url} within {seconds} s")


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page's WebSocket."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def __call__(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        await self.socket.send_str(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == call_id:
                assert "error" not in message, message
                result: dict[str, Any] = message.get("result", {})
                return result


async def screen_text_in_browser(app_url: str, profile: Path, log: Path) -> str:
    debug_port = free_port()
    assert CHROMIUM is not None
    browser = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", f"--user-data-dir={profile}", f"--remote-debugging-port={debug_port}",
        "--window-size=1280,800", "about:blank",
    ]  # fmt: skip
    with running(browser, log):
        async with aiohttp.ClientSession() as http:
            targets = await wait_for_http(http, f"http://127.0.0.1:{debug_port}/json/list", 30)
            page = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                devtools = DevTools(ws)
                await devtools("Page.enable")
                await devtools("Page.addScriptToEvaluateOnNewDocument", source=KEEP_MESSAGES)
                await devtools("Page.navigate", url=app_url)
                text = ""
                for _ in range(300):  # up to 30 s: the server starts an app per page
                    result = await devtools(
                        "Runtime.evaluate", expression="window.__received || ''", returnByValue=True
                    )
                    text = ANSI.sub("", result["result"].get("value", ""))
                    if "Participants" in text and "48 rows" in text:
                        break
                    await asyncio.sleep(0.1)
                return text


async def test_the_served_page_shows_the_app(tmp_path: Path) -> None:
    port = free_port()
    server = [sys.executable, "-m", "atctui", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(server, tmp_path / "server.log"):
        async with aiohttp.ClientSession() as http:
            page = await wait_for_http(http, f"http://127.0.0.1:{port}/", 30)
        assert "textual.js" in page
        text = await screen_text_in_browser(
            f"http://127.0.0.1:{port}/", tmp_path / "profile", tmp_path / "chromium.log"
        )
    log = (tmp_path / "server.log").read_text(errors="replace")
    leftover = subprocess.run(["pgrep", "-f", f"--port {port}"], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "the server outlived the test"
    # The tabs, and the Timeline's status line over the bundled data, reached the page.
    for expected in ("Timeline", "Participants", "Exercises", "48 rows"):
        assert expected in text, f"{expected!r} not on the page; server log:\n{log[-2000:]}"


def test_serve_without_textual_serve_says_how_to_get_it(tmp_path: Path) -> None:
    blocker = tmp_path / "block" / "textual_serve"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('blocked for the test')\n")
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "serve", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(blocker.parent)},
    )  # fmt: skip
    assert result.returncode == 2
    assert "pip install 'atctui[serve]'" in result.stderr and "Traceback" not in result.stderr
