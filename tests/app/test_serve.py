"""`atctui serve` for real: the server on loopback, driven as a page would drive it.

Most tests talk to the server with aiohttp, as textual-serve's page script does: its
websocket carries JSON `["stdin", keys]` and `["resize", {...}]` to the app, and brings
back the screen (bytes) and meta messages (JSON text, such as a download's key). They
check what a hostile page could do (no token, a wrong one, another Origin or Host), the
downloads that replace disk writes, the cap on app processes, and that app processes
end with the server.

One test opens the page in headless Chromium. textual-serve draws the terminal on a
canvas, so the page's DOM holds no text: the test drives Chromium over its DevTools
protocol, a script added before the page loads keeps what the app sends to the page over
its WebSocket, and the test reads the screen's text from it. The page's own script
(static/js/textual.js) is served locally; only a web font is fetched from the internet,
and the page falls back to a local monospace font.
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
import time
from codecs import getincrementaldecoder
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import screen_lines
from textual.widgets import Input, Select, Static

from atctui.app.main import AtcApp
from atctui.dataset import Dataset

aiohttp = pytest.importorskip("aiohttp", reason="textual-serve (and aiohttp) not installed")

CHROMIUM = next(
    (p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium): "
    "the served page cannot be opened",
)
SECONDS = 30  # the longest any step may take: a failing test fails, it does not hang
TOKEN = re.compile(r"\?token=([A-Za-z0-9_-]+)")

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
def running(
    command: list[str], log: Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in a process group of its own, and end the whole group afterwards:
    the server starts an app process per page, which must not outlive the test."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=cwd,
            env=env,
        )  # fmt: skip
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
                    if "Participants" in text and "70 rows" in text:
                        break
                    await asyncio.sleep(0.1)
                return text


@needs_chromium
async def test_the_served_page_shows_the_app(tmp_path: Path) -> None:
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        token = await token_of(tmp_path / "server.log", port)
        text = await screen_text_in_browser(
            f"http://127.0.0.1:{port}/?token={token}",
            tmp_path / "profile",
            tmp_path / "chromium.log",
        )
    log = (tmp_path / "server.log").read_text(errors="replace")
    leftover = subprocess.run(["pgrep", "-f", f"--port {port}"], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "the server outlived the test"
    # The tabs, and the Timeline's status line over the bundled data, reached the page:
    # its static files and its websocket were let in by the cookie the token's visit set.
    for expected in ("Timeline", "Participants", "Exercises", "70 rows"):
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


# --- the server, driven as its page drives it ----------------------------------------


def server_command(port: int, *options: str) -> list[str]:
    # -I: the server itself never imports a package planted in its working directory.
    return [
        sys.executable, "-I", "-m", "atctui", "serve",
        "--host", "127.0.0.1", "--port", str(port), *options,
    ]  # fmt: skip


async def token_of(log: Path, port: int) -> str:
    """Wait until the server answers, and return the token it printed ('' if none)."""
    async with aiohttp.ClientSession() as http:
        for _ in range(SECONDS * 10):
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"http://127.0.0.1:{port}/"):
                    found = TOKEN.search(log.read_text(errors="replace"))
                    return found[1] if found else ""
            await asyncio.sleep(0.1)
    raise AssertionError(f"no server answered within {SECONDS} s:\n{log.read_text()[-2000:]}")


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            _, _, rest = stat.read_text().rpartition(")")
            state, ppid = rest.split()[:2]
            if int(ppid) == pid and state != "Z":
                found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs: not gone, and not a zombie that no one has reaped yet."""
    try:
        _, _, rest = Path(f"/proc/{pid}/stat").read_text().rpartition(")")
    except OSError:
        return False
    return rest.split()[0] != "Z"


class Session:
    """One page's websocket: keys go in as textual.js sends them; the screen's text and
    the JSON messages (downloads, ...) that come back are kept."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.text = ""
        self.messages: list[Any] = []
        self._decode = getincrementaldecoder("utf-8")(errors="replace").decode

    async def keys(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def _receive(self) -> None:
        message = await self.ws.receive()
        if message.type == aiohttp.WSMsgType.BINARY:
            self.text = ANSI.sub("", self.text + self._decode(message.data))
        elif message.type == aiohttp.WSMsgType.TEXT:
            self.messages.append(json.loads(message.data))
        else:
            raise AssertionError(f"the websocket ended: {message}; screen: {self.text[-500:]}")

    async def wait_for(self, text: str) -> None:
        """Wait until `text` is on the screen, then forget the screen so far."""
        async with asyncio.timeout(SECONDS):
            while text not in self.text:
                await self._receive()
        self.text = self.text[self.text.index(text) + len(text) :]

    async def wait_for_message(self, kind: str) -> Any:
        async with asyncio.timeout(SECONDS):
            while not any(m[0] == kind for m in self.messages):
                await self._receive()
        return next(m for m in self.messages if m[0] == kind)


def ws_url(port: int, token: str) -> str:
    return f"ws://127.0.0.1:{port}/ws?token={token}&width=120&height=40"


@contextlib.asynccontextmanager
async def session(
    http: Any, port: int, token: str, **options: Any
) -> Any:  # an AsyncIterator[Session]
    """A page's session: its websocket, the app running in it (the Timeline's status)."""
    options.setdefault("origin", f"http://127.0.0.1:{port}")
    async with http.ws_connect(ws_url(port, token), max_msg_size=0, **options) as ws:
        await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
        page = Session(ws)
        await page.wait_for("70 rows")
        yield page


async def handshake_status(http: Any, url: str, **options: Any) -> int:
    """The HTTP status a websocket upgrade gets: 101 when it is let in."""
    try:
        async with http.ws_connect(url, **options):
            return 101
    except aiohttp.WSServerHandshakeError as exc:
        return int(exc.status)


async def test_without_the_token_every_request_is_refused(tmp_path: Path) -> None:
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        await token_of(tmp_path / "server.log", port)
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            for path in ("/", "/?fontsize=12", "/static/js/textual.js", "/download/x", "/ws"):
                async with http.get(base + path) as response:
                    assert response.status == 403, path
            websocket = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
            assert await handshake_status(http, websocket, origin=base) == 403


async def test_a_wrong_token_is_refused(tmp_path: Path) -> None:
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        token = await token_of(tmp_path / "server.log", port) or "no-token-printed"
        base = f"http://127.0.0.1:{port}"
        wrong = [
            "wrong", token[:-1], token + "x", token[:-1] + ("a" if token[-1] != "a" else "b"),
            "ключ",
        ]  # fmt: skip
        async with aiohttp.ClientSession() as http:
            for bad in wrong:
                for path in ("/", "/static/js/textual.js", "/download/x"):
                    async with http.get(base + path, params={"token": bad}) as response:
                        assert response.status == 403, (path, bad)
                # The cookie is checked as strictly as the query.
                cookie = {"Cookie": f"atctui-token-{port}={bad}"}
                async with http.get(base + "/static/js/textual.js", headers=cookie) as response:
                    assert response.status == 403, bad
                assert await handshake_status(http, ws_url(port, bad), origin=base) == 403


async def test_a_websocket_from_another_origin_is_refused_even_with_the_token(
    tmp_path: Path,
) -> None:
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        token = await token_of(tmp_path / "server.log", port)
        async with aiohttp.ClientSession() as http:
            url = ws_url(port, token)
            for origin in ("http://evil.example", "null", f"http://127.0.0.1:{port + 1}"):
                assert await handshake_status(http, url, origin=origin) == 403, origin
            assert await handshake_status(http, url) == 403  # no Origin: not a browser page
            assert await handshake_status(http, url, origin=f"http://127.0.0.1:{port}") == 101


async def test_a_request_for_another_host_is_refused(tmp_path: Path) -> None:
    """DNS rebinding: a page of evil.example, its name now resolved to 127.0.0.1, reaches
    the server with its own name in Host."""
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        token = await token_of(tmp_path / "server.log", port)
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            for host in (f"evil.example:{port}", f"localhost:{port}", "127.0.0.1"):
                headers = {"Host": host}
                async with http.get(f"{base}/?token={token}", headers=headers) as response:
                    assert response.status == 403, host
                status = await handshake_status(
                    http, ws_url(port, token), headers=headers, origin=f"http://{host}"
                )
                assert status == 403, host
            async with http.get(f"{base}/?token={token}") as response:
                assert response.status == 200


async def test_with_the_token_the_page_and_its_app_run(tmp_path: Path) -> None:
    port = free_port()
    with running(server_command(port), tmp_path / "server.log"):
        token = await token_of(tmp_path / "server.log", port)
        assert f"http://127.0.0.1:{port}/?token={token}" in (tmp_path / "server.log").read_text()
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/?token={token}") as response:
                assert response.status == 200
                page = await response.text()
                set_cookie = response.headers["Set-Cookie"]
            assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
            assert f"atctui-token-{port}={token}" in set_cookie
            assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
            # The page's own requests carry the cookie, not the token.
            cookie = {"Cookie": f"atctui-token-{port}={token}"}
            async with http.get(f"{base}/static/js/textual.js", headers=cookie) as response:
                assert response.status == 200
            url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
            async with http.ws_connect(url, headers=cookie, origin=base, max_msg_size=0) as ws:
                await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
                await Session(ws).wait_for("70 rows")
            async with session(http, port, token) as page_session:
                await page_session.keys("2")
                await page_session.wait_for("Participants")
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert log.count(token) == 1, "the token was logged, not only printed once"


async def test_the_cap_on_app_processes_holds(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with running(server_command(port, "--max-apps", "2"), log) as server:
        token = await token_of(log, port)
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            async with session(http, port, token), session(http, port, token) as second:
                assert len(children(server.pid)) == 2
                async with http.get(f"{base}/?token={token}") as response:
                    assert response.status == 503
                    assert "atctui is busy" in await response.text()
                async with http.ws_connect(ws_url(port, token), origin=base) as third:
                    closed = await asyncio.wait_for(third.receive(), SECONDS)
                    assert closed.type == aiohttp.WSMsgType.CLOSE
                    assert closed.data == aiohttp.WSCloseCode.TRY_AGAIN_LATER
                    assert "busy" in closed.extra and "--max-apps" in closed.extra
                assert len(children(server.pid)) == 2, "a process was started over the cap"
                await second.ws.close()
                for _ in range(SECONDS * 10):  # the closed page's process ends...
                    if len(children(server.pid)) == 1:
                        break
                    await asyncio.sleep(0.1)
                assert len(children(server.pid)) == 1
                async with session(http, port, token):  # ...and its place is free again
                    assert len(children(server.pid)) == 2


async def test_app_processes_end_when_the_server_is_killed(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with running(server_command(port), log) as server:
        token = await token_of(log, port)
        async with aiohttp.ClientSession() as http:
            async with session(http, port, token), session(http, port, token):
                apps = children(server.pid)
                assert len(apps) == 2
                os.kill(server.pid, signal.SIGKILL)  # the server only: no clean-up runs
                deadline = time.monotonic() + 5
                while any(map(alive, apps)) and time.monotonic() < deadline:
                    await asyncio.sleep(0.1)
                assert not [pid for pid in apps if alive(pid)], "orphan app processes"


async def test_a_package_planted_in_the_working_directory_is_not_imported(
    tmp_path: Path,
) -> None:
    cwd = tmp_path / "downloads"
    (cwd / "atctui").mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    (cwd / "atctui" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    port = free_port()
    log = tmp_path / "server.log"
    with running(server_command(port), log, cwd=cwd):
        token = await token_of(log, port)
        async with aiohttp.ClientSession() as http, session(http, port, token):
            pass
    assert not marker.exists(), "a package in the working directory was imported"


# An app process whose server is gone: each tie alone ends it.
TIED_APP = """
import sys, time
from atctui import lifeline
if sys.argv[1] != "pdeathsig":
    lifeline._die_with_parent = lambda: None  # the watchdog alone
else:
    lifeline._watch = lambda server: None  # the kernel alone
assert lifeline.tie_to_server()
print("tied", flush=True)
time.sleep(60)
"""
SERVER = """
import os, subprocess, sys, time
stdin = subprocess.DEVNULL if sys.argv[2] == "watchdog-parent" else subprocess.PIPE
app = subprocess.Popen(
    [sys.executable, "-c", sys.argv[1], sys.argv[2]], stdin=stdin, stdout=subprocess.PIPE,
    env={**os.environ, "ATCTUI_SERVED_BY": str(os.getpid())},
)
assert app.stdout.readline() == b"tied\\n"
print(app.pid, flush=True)
if sys.argv[2] == "watchdog-stdin":
    app.stdin.close()  # the server lives on, but no longer talks to the app
time.sleep(60)
"""


@pytest.mark.parametrize("tie", ["pdeathsig", "watchdog-parent", "watchdog-stdin"])
def test_each_tie_alone_ends_an_app_whose_server_is_gone(tie: str) -> None:
    if tie == "pdeathsig" and not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, TIED_APP, tie], stdout=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        app = int(server.stdout.readline())
        if tie != "watchdog-stdin":
            server.kill()
            server.wait(timeout=10)
        deadline = time.monotonic() + 5
        while alive(app) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(app), f"the app outlived its server ({tie})"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def test_max_apps_must_be_a_positive_number(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "serve", "--max-apps", "0"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "--max-apps: must be at least 1" in result.stderr


def test_serve_max_apps_setting_from_the_file_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from atctui.settings import Settings, load_settings, show

    assert Settings().serve_max_apps == 8
    assert "serve_max_apps = 8" in show(Settings())
    settings_file = tmp_path / "settings.toml"
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    settings_file.write_text("serve_max_apps = 3\n", encoding="utf-8")
    assert load_settings() == (Settings(serve_max_apps=3), [])
    monkeypatch.setenv("ATCTUI_SERVE_MAX_APPS", "4")  # a number, though a variable is text
    assert load_settings() == (Settings(serve_max_apps=4), [])
    for bad in ("four", "0"):
        monkeypatch.setenv("ATCTUI_SERVE_MAX_APPS", bad)
        settings, problems = load_settings()
        assert settings.serve_max_apps == 8  # a bad setting is left out, as any other
        assert [str(p).split(":")[0] for p in problems] == ["ATCTUI_SERVE_MAX_APPS"]
    monkeypatch.delenv("ATCTUI_SERVE_MAX_APPS")
    settings_file.write_text('serve_max_apps = "3"\n', encoding="utf-8")
    settings, problems = load_settings()
    assert settings.serve_max_apps == 8 and len(problems) == 1


def test_download_names_are_quoted() -> None:
    from atctui.serve import content_disposition

    header = content_disposition('rapport "x"; final.txt', inline=False)
    assert header == (
        'attachment; filename="rapport__x___final.txt"; '
        "filename*=UTF-8''rapport%20%22x%22%3B%20final.txt"
    )


# --- the app in a browser: downloads, never the server's disk -----------------------


async def test_export_in_the_browser_is_a_download_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    port = free_port()
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    log = tmp_path / "server.log"
    with running(server_command(port), log, cwd=cwd, env=env):
        token = await token_of(log, port)
        async with aiohttp.ClientSession() as http, session(http, port, token) as page:
            # Each key once the screen shows the one before it took effect.
            await page.keys("/")
            await page.wait_for("to filter")  # the filter bar's placeholder
            await page.keys("moldova")
            await page.wait_for("14 of 70 rows")
            await page.keys("\r")
            await page.wait_for("e Export")  # the table's keys again
            await page.keys("e")
            await page.wait_for("Export timeline: 14 rows")
            await page.keys("\x13")  # ctrl+s: export, from the format the dialog opens on
            _, key = await page.wait_for_message("deliver_file_start")
            url = f"http://127.0.0.1:{port}/download/{key}"
            async with http.get(url, params={"token": token}) as response:
                assert response.status == 200
                body = await response.text()
                disposition = response.headers["Content-Disposition"]
                assert response.headers["X-Content-Type-Options"] == "nosniff"
    expected = subprocess.run(
        [sys.executable, "-m", "atctui", "export", "timeline", "--query", "moldova",
         "--width", "120"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert body == expected
    assert disposition.startswith('attachment; filename="atctui-timeline-')
    assert list(cwd.iterdir()) == [] and list(home.iterdir()) == []


@pytest.fixture
def in_browser(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The app as textual-serve runs it (`is_web`); what it delivers is kept."""
    delivered: list[dict[str, Any]] = []

    def deliver_text(self: AtcApp, file: Any, **options: Any) -> str:
        delivered.append({"content": file.read(), **options})
        return "key"

    monkeypatch.setattr(AtcApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(AtcApp, "deliver_text", deliver_text)
    return delivered


async def test_in_a_browser_export_asks_a_file_name_and_delivers(
    dataset: Dataset, tmp_path: Path, in_browser: list[dict[str, Any]]
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert not screen.query("#path"), "a path field in the browser"
        hint = str(screen.query_one("#export-hint", Static).content)
        assert "nothing is written on the server" in hint
        name = screen.query_one("#name", Input)
        await pilot.press("tab")  # from the format to the name
        assert app.focused is name
        for bad in ("../.bashrc", "/root/.bashrc", "a\\b.txt", ".."):
            name.value = bad
            await pilot.press("enter", "wait:100")
            assert app.screen is screen, f"{bad!r} was accepted"
            assert "without folders" in str(screen.query_one("#export-message", Static).content)
        screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        name.value = "my [bold]report.csv"
        await pilot.press("enter", "wait:200")
        assert app.screen is not screen
        await pilot.press("e")
        app.screen.query_one("#format", Select).value = "svg"
        await pilot.pause()
        await pilot.press("ctrl+s", "wait:200")
    csv_export, svg_export = in_browser
    assert csv_export["save_filename"] == "my [bold]report.csv"
    assert csv_export["mime_type"] == "text/csv"
    assert csv_export["content"].startswith("id,Date,Kind")
    assert svg_export["save_filename"].endswith(".svg")
    assert svg_export["content"].lstrip().startswith("<svg")
    assert list(tmp_path.iterdir()) == [], "a file was written"


@pytest.mark.parametrize("size", [(100, 30), (40, 12)], ids=["100x30", "40x12"])
async def test_in_a_browser_the_dialog_names_its_fields_as_on_a_terminal(
    dataset: Dataset, in_browser: list[dict[str, Any]], size: tuple[int, int]
) -> None:
    """Before: a select and a name field without labels, as on a terminal."""
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        lines = screen_lines(app)
        assert any(re.search(r"\bFormat\b.*\btext\b", line) for line in lines), lines
        assert any(re.search(r"\bFile\b.*atctui-timeline-", line) for line in lines), lines
        assert not app.screen.query("#path")  # still a download's name only
        await pilot.press("tab", "enter", "wait:100")  # enter in the name: the download
    assert in_browser and in_browser[0]["save_filename"].startswith("atctui-timeline-")


async def test_in_a_browser_copies_are_delivered(
    dataset: Dataset, in_browser: list[dict[str, Any]]
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y", "Y", "wait:100")
        assert app.clipboard == ""  # nothing went to a terminal's clipboard
    view, record = in_browser
    assert view["content"].startswith("Timeline") and view["open_method"] == "browser"
    assert view["save_filename"].startswith("atctui-timeline-")
    assert record["save_filename"].startswith("atctui-") and record["content"].strip()


async def test_a_page_asking_for_a_huge_terminal_gets_a_bounded_one_and_its_process_ends(
    tmp_path: Path,
) -> None:
    """Before: ws?width=20000&height=20000 grew the app by gigabytes, and once the page
    closed its process stayed blocked writing screens, holding its place under the cap."""
    port = free_port()
    log = tmp_path / "server.log"
    with running(server_command(port, "--max-apps", "1"), log) as server:
        token = await token_of(log, port)
        base = f"http://127.0.0.1:{port}"
        huge = f"ws://127.0.0.1:{port}/ws?token={token}&width=20000&height=20000"
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(huge, origin=base, max_msg_size=0) as ws:
                await ws.send_str(json.dumps(["resize", {"width": 20000, "height": 20000}]))
                await asyncio.sleep(2)
                (pid,) = children(server.pid)
                columns = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                assert b"COLUMNS=1000" in columns and b"ROWS=500" in columns
            for _ in range(SECONDS * 10):  # the page is gone: so is its process
                if not children(server.pid):
                    break
                await asyncio.sleep(0.1)
            assert not children(server.pid)
            async with session(http, port, token):  # and its place under the cap is free
                assert len(children(server.pid)) == 1


async def test_in_a_browser_the_command_is_delivered_and_no_filter_is_saved(
    dataset: Dataset,
    in_browser: list[dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """C delivers the reproducing command; S writes nothing in the server's settings."""
    settings_file = tmp_path / "settings.toml"
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"moldova", "enter", "C", "S", "wait:100")
        assert app.clipboard == ""
        messages = [n.message for n in app._notifications]
        assert "In a browser, nothing is saved on the server." in messages
    (command,) = in_browser
    assert command["content"] == "atctui export timeline --query moldova --width 100\n"
    assert not settings_file.exists()


@pytest.mark.parametrize("frame", ["not json", '["resize", {}]', '["stdin", 5]'])
async def test_a_malformed_message_from_a_page_ends_its_session_in_one_line(
    tmp_path: Path, frame: str
) -> None:
    """Before: each of these put a full traceback in the server's log (attack report 5)."""
    port = free_port()
    log = tmp_path / "server.log"
    with running(server_command(port), log):
        token = await token_of(log, port)
        async with aiohttp.ClientSession() as http:
            url = ws_url(port, token)
            async with http.ws_connect(url, origin=f"http://127.0.0.1:{port}") as ws:
                await ws.send_str(frame)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(ws.receive(), 5)  # until the server closes it
        for _ in range(SECONDS * 10):
            if "session ended" in log.read_text(encoding="utf-8"):
                break
            await asyncio.sleep(0.1)
    written = log.read_text(encoding="utf-8")
    assert "atctui: session ended:" in written
    assert "Traceback" not in written and "╭" not in written
