"""`atctui serve`: textual-serve's server, answering only the person who started it.

textual-serve alone answers anyone who can reach its port, and any web page the user
visits can reach 127.0.0.1: its script could open the websocket and type into the app.
This server adds, before every handler:

- a secret token, made at start and printed in the URL (`/?token=…`, as Jupyter does).
  Every request without it gets 403. The page itself is opened with the token in its
  URL; that visit sets an HttpOnly, SameSite=Strict cookie holding the token, which the
  page's static files, its websocket and its downloads then carry (textual-serve's
  script adds `?width=…` to the websocket URL itself, so the URL cannot carry the token).
  A request may also give `?token=…` itself (scripts, tests);
- the Host header must name the address the server was started on (DNS rebinding:
  a hostile name resolved to 127.0.0.1 is refused); when started on a wildcard address
  (0.0.0.0, ::), any IP address or `localhost` with the right port;
- a websocket upgrade must come with an `Origin` that is this server's own.

Each page's app process is started without a shell, isolated from the working directory
(`python -I`), tied to the server so that it dies with it (`atctui.lifeline`), and at
most `max_apps` of them run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import shlex
import signal
import sys
from asyncio.subprocess import PIPE, Process
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from aiohttp.typedefs import Handler
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from atctui.lifeline import SERVED_BY
from atctui.textsafe import printable

log = logging.getLogger("atctui.serve")

TOKEN = "token"  # the query parameter
TOKEN_IN_QUERY = re.compile(r"(?<=[?&])token=[^&\s\"]*")
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
STOP_SECONDS = 5.0  # how long an app process has to quit when its page closes
# The largest terminal a page may ask for: a page asking for 20000x20000 made its app
# process grow by gigabytes, and block writing screens nobody read.
MAX_WIDTH, MAX_HEIGHT = 1000, 500


def terminal_size(width: int, height: int) -> tuple[int, int]:
    """A page's terminal size, within sane bounds."""
    return max(10, min(width, MAX_WIDTH)), max(5, min(height, MAX_HEIGHT))


BUSY = "atctui is busy: it runs {count} sessions, its limit (--max-apps, serve_max_apps)"
BUSY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>atctui is busy</title></head>
<body style="font-family: monospace; background: #0c181f; color: #eee; margin: 3em">
<h1>atctui is busy</h1>
<p>It already runs {count} sessions, one per open page: its limit
(<code>atctui serve --max-apps</code>, the setting <code>serve_max_apps</code>).</p>
<p>Close one of its pages, then reload this one.</p>
</body></html>
"""


def app_command(data: Sequence[Path] = ()) -> list[str]:
    """The command of one page's app process: this Python, isolated (`-I`: neither the
    working directory nor PYTHON* variables decide what `atctui` is), on the same data."""
    command = [sys.executable, "-I", "-m", "atctui"]
    for path in data:
        command += ["--data", str(path.resolve())]
    return command


def host_header(host: str, port: int) -> str:
    """The Host header a browser sends for `host` and `port` (IPv6 in brackets)."""
    name = f"[{host}]" if ":" in host else host
    return name if port == 80 else f"{name}:{port}"


def content_disposition(file_name: str, inline: bool) -> str:
    """A Content-Disposition header for any file name: an ASCII fallback, and the name
    itself percent-encoded (RFC 6266); textual-serve's own is not quoted."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", file_name) or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"


class HideToken(logging.Filter):
    """Keeps the token out of the access log: a URL's `token=…` is logged without it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the token hidden; no record is dropped."""
        record.msg = TOKEN_IN_QUERY.sub("token=…", record.getMessage())
        record.args = ()
        return True


class AppProcess(AppService):
    """One page's app process: started without a shell, told which server it belongs to
    (so that it dies with it), and killed if it does not quit when its page closes."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment[SERVED_BY] = str(os.getpid())
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=self._build_environment(width=width, height=height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def start(self, width: int, height: int) -> None:
        """Start the app at the page's size, within bounds."""
        await super().start(*terminal_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Resize the app's terminal, within bounds."""
        await super().set_terminal_size(*terminal_size(width, height))

    async def stop(self) -> None:
        """Ask the app to quit, kill it if it has not within STOP_SECONDS, and reap it;
        whatever asking fails with (a closed page's socket, a process blocked writing),
        the process is killed."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(super().stop(), STOP_SECONDS)
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class AtcServer(Server):
    """textual-serve's Server with a token, Host and Origin checks, and a cap on the
    app processes; it serves `argv`, one process per page."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        max_apps: int = 8,
        token: str | None = None,
    ) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title="atctui")
        self.argv = list(argv)
        self.token = token or secrets.token_urlsafe(32)
        self.max_apps = max_apps
        # Cookies are not kept apart by port: each server's cookie has its own name.
        self.cookie = f"atctui-token-{port}"
        self.apps = 0  # app processes running or starting
        self.sockets: set[web.WebSocketResponse] = set()

    @property
    def url(self) -> str:
        """The address to open, token included."""
        host = "127.0.0.1" if self.host in WILDCARD_HOSTS else self.host
        return f"http://{host_header(host, self.port)}/?{TOKEN}={self.token}"

    def host_allowed(self, host: str) -> bool:
        """Whether a Host header names this server. On a wildcard address, an IP address
        or localhost: only a DNS name can be rebound to this machine."""
        host = host.lower()
        if host == host_header(self.host, self.port).lower():
            return True
        if self.host not in WILDCARD_HOSTS:
            return False
        try:
            parts = urlsplit(f"//{host}")
            name, port = parts.hostname or "", parts.port or 80
        except ValueError:
            return False
        if port != self.port:
            return False
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return name == "localhost"
        return True

    def token_valid(self, given: str) -> bool:
        """Whether `given` is the token, compared in constant time."""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse (403) a foreign Host, a missing or wrong token, a foreign Origin."""
        host = request.headers.get("Host", "")
        if not self.host_allowed(host):
            raise web.HTTPForbidden(text="atctui: not the address this server was started on\n")
        given = request.query.get(TOKEN) or request.cookies.get(self.cookie) or ""
        if not self.token_valid(given):
            raise web.HTTPForbidden(
                text="atctui: open the address printed by `atctui serve`, with its token\n"
            )
        upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        if upgrade or request.path == "/ws":
            # Browsers always send Origin on a websocket; a page of another site sends
            # its own, which is refused even with the cookie.
            if request.headers.get("Origin", "").lower() != f"http://{host}".lower():
                raise web.HTTPForbidden(text="atctui: websocket from another origin\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `announce` prints the address once the server listens."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every page's websocket, so that each app process is asked to quit."""
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"atctui: server stopped")

    def announce(self, *_: object) -> None:
        """Print the address with its token, on stderr."""
        print(f"atctui: serving on {self.url} (ctrl+c stops)", file=sys.stderr, flush=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT or SIGTERM; raises OSError when the address is taken."""
        self.debug = debug
        self.initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(HideToken())
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,  # called once the address is bound
        )

    def busy(self) -> web.Response:
        """The page shown instead of the app when `max_apps` are running."""
        page = BUSY_PAGE.format(count=self.apps)
        return web.Response(
            status=503, text=page, content_type="text/html", headers={"Retry-After": "10"}
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page; its URLs name the host it was asked by (checked by `guard`)."""
        if self.apps >= self.max_apps:
            return self.busy()
        host = request.headers["Host"]
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{host}/ws",
            "config": {"static": {"url": f"http://{host}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if TOKEN in request.query:
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict")
        response.headers["Referrer-Policy"] = "no-referrer"  # the URL holds the token
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One page's session: an app process, unless `max_apps` are already running."""
        websocket = web.WebSocketResponse(heartbeat=15)
        if self.apps >= self.max_apps:
            await websocket.prepare(request)
            reason = BUSY.format(count=self.apps)
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=reason.encode())
            return websocket
        self.apps += 1  # before any await: two pages at once cannot both pass the cap
        self.sockets.add(websocket)
        app: AppProcess | None = None

        async def close() -> None:
            """Close the page's websocket when its app exits."""
            await websocket.close()

        try:
            await websocket.prepare(request)
            app = AppProcess(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            width = to_int(request.query.get("width", "80"), 80)
            await app.start(width, to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, app)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:  # a page's message that is not the protocol's, say
            # One line, the error as text: what a page sends is data, never a traceback.
            log.warning("atctui: session ended: %s", printable(f"{type(exc).__name__}: {exc}"))
        finally:
            if app is not None:
                await app.stop()
            self.sockets.discard(websocket)
            self.apps -= 1
        return websocket

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivers (an export, a copy): served once, never rendered as a
        page of this origin (nosniff, a sandbox CSP), its name quoted."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="atctui: no such download\n") from None
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response = web.StreamResponse(
            headers={
                "Content-Type": content_type,
                "Content-Disposition": content_disposition(
                    meta.file_name, inline=meta.open_method == "browser"
                ),
                "X-Content-Type-Options": "nosniff",
                "Content-Security-Policy": "sandbox",
                "Cache-Control": "no-store",
            }
        )
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response
