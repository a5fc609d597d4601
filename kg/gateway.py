"""The HTTP front of ``kg serve``: the project's prefixes on every query, and a reload when the graph changes.

oxigraph's server knows neither the project's prefixes nor that ``graph.ttl``
was rebuilt, so ``kg serve`` puts this small proxy in front of it:

- a query (``/query``, ``/sparql``; GET, form POST or ``application/sparql-query``)
  or update gets ``PREFIX`` lines for the project's prefixes it does not declare
  (``kg.query.with_prefixes``), on one line before its text; the line numbers of
  the engine's parse errors are given back as the user wrote them;
- before it forwards a request, and every few seconds in between, it checks
  whether ``graph.ttl`` changed (size and modification time; ``kg build`` replaces
  it in one rename). If so it loads the new Turtle into the store, starts a new
  oxigraph process on it, sends requests there, and stops the old one: a
  request is answered either from the old graph or from the new, never refused.
"""
from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kg.query import syntax_message, with_prefixes

CHECK_EVERY = 2.0  # seconds between the watcher's looks at graph.ttl
_QUERY_PATHS = ("/query", "/sparql", "/update")
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "host", "content-length"}
_ERROR_AT = re.compile(r"error at (\d+):(\d+)")


@dataclass
class Upstream:
    """One oxigraph process serving one store, and what it serves."""

    proc: subprocess.Popen
    port: int
    stat: tuple[int, int]  # (size, mtime_ns) of graph.ttl when its store was built
    scratch: Path | None = None  # a writable server's private copy of the store, removed with it


def graph_stat(ttl: Path) -> tuple[int, int]:
    st = ttl.stat()
    return st.st_size, st.st_mtime_ns


class Gateway(ThreadingHTTPServer):
    """Forwards to the current ``Upstream``; ``start_upstream`` makes a new one for the current graph."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], ttl: Path, start_upstream: Callable[[], Upstream],
                 stop_upstream: Callable[[Upstream], None], announce: Callable[[str], None]) -> None:
        super().__init__(address, _Handler)
        self.ttl = ttl
        self.start_upstream = start_upstream
        self.stop_upstream = stop_upstream
        self.announce = announce
        try:
            self.upstream = start_upstream()
        except BaseException:
            self.server_close()
            raise
        self.exit_code: int | None = None  # set when oxigraph died on its own
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="kg-serve-watch", daemon=True)

    def serve(self) -> None:
        self._watcher.start()
        try:
            self.serve_forever(poll_interval=0.25)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the oxigraph process and the listening socket (again: nothing more happens)."""
        self._stopping.set()
        with self._lock:
            self.stop_upstream(self.upstream)
        self.server_close()

    def current(self) -> Upstream:
        """The upstream for the graph as it is now, reloading first when graph.ttl changed."""
        try:
            stat = graph_stat(self.ttl)
        except OSError:  # between a build's unlink and rename, or removed: keep serving what we have
            return self.upstream
        if stat == self.upstream.stat:
            return self.upstream
        with self._lock:
            if stat != self.upstream.stat and not self._stopping.is_set():
                old = self.upstream
                self.upstream = self.start_upstream()
                self.stop_upstream(old)
                self.announce(f"reloaded: {self.ttl} changed")
            return self.upstream

    def _watch(self) -> None:
        while not self._stopping.wait(CHECK_EVERY):
            try:
                up = self.current()
            except Exception as exc:  # noqa: BLE001 - a graph that does not load: keep the old one, say why
                self.announce(f"kg serve: could not reload {self.ttl}: {exc}")
                continue
            code = up.proc.poll()
            if code is not None and up is self.upstream and not self._stopping.is_set():
                self.announce(f"kg serve: oxigraph exited with status {code}")
                self.exit_code = code or 1
                threading.Thread(target=self.shutdown, daemon=True).start()
                return


class _Handler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # oxigraph logs nothing either; errors reach the client

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._forward()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, body, original = self._with_prefixes(self.path, body)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            up = self.server.current()
        except Exception as exc:  # noqa: BLE001 - the new graph would not load: say so, keep the old
            self.server.announce(f"kg serve: could not reload {self.server.ttl}: {exc}")
            up = self.server.upstream
        conn = http.client.HTTPConnection("127.0.0.1", up.port)
        try:
            conn.request(self.command, path, body=body if body or length else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except OSError as exc:
            self.send_error(502, f"oxigraph did not answer: {exc}")
            return
        finally:
            conn.close()
        if original is not None and response.status == 400 and data.startswith(b"error at "):
            data = _explain(data, original)
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _with_prefixes(self, path: str, body: bytes) -> tuple[str, bytes, str | None]:
        """The request with the project's prefixes added to its query or update, and the text as the
        user wrote it when a line was added (None: nothing changed)."""
        parts = urlsplit(path)
        if parts.path.rstrip("/") not in _QUERY_PATHS:
            return path, body, None
        original: str | None = None

        def fix(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
            nonlocal original
            out = []
            for key, value in pairs:
                if key in ("query", "update"):
                    new = with_prefixes(value)
                    original = value if new != value else original
                    value = new
                out.append((key, value))
            return out

        query = urlencode(fix(parse_qsl(parts.query, keep_blank_values=True)))
        path = urlunsplit(parts._replace(query=query)) if parts.query else path
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if body and kind == "application/x-www-form-urlencoded":
            body = urlencode(fix(parse_qsl(body.decode("utf-8"), keep_blank_values=True))).encode()
        elif body and kind in ("application/sparql-query", "application/sparql-update"):
            text = body.decode("utf-8")
            new = with_prefixes(text)
            original = text if new != text else original
            body = new.encode("utf-8")
        return path, body, original


def _explain(error: bytes, sparql: str) -> bytes:
    """The engine's parse error about the text with the prefix line, as ``kg query`` words it about
    the text the user wrote: the line, a caret under the column, one sentence."""
    text = error.decode("utf-8", "replace")
    m = _ERROR_AT.match(text)
    if m is None:
        return error
    moved = f"error at {max(1, int(m.group(1)) - 1)}:{m.group(2)}{text[m.end():]}"
    return (syntax_message(moved, sparql) + "\n").encode("utf-8")


def remove_scratch(up: Upstream) -> None:
    if up.scratch is not None:
        shutil.rmtree(up.scratch, ignore_errors=True)


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until oxigraph on 127.0.0.1:``port`` answers a query (raises RuntimeError if it dies or is late)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited with status {proc.returncode} before it was ready")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/query?query=ASK%7B%7D")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.1)
    raise RuntimeError(f"oxigraph on port {port} not ready after {timeout:.0f}s")
