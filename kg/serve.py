"""A SPARQL 1.1 Protocol endpoint over the built graph, using oxigraph's own server.

The ``oxigraph`` package ships a server binary that speaks the SPARQL 1.1
Protocol and Graph Store Protocol and has a query page for browsers. ``kg
serve`` makes sure the store beside ``graph.ttl`` is fresh, runs that binary on
it on an inner loopback port, and answers on the public address through a small
proxy (``kg.gateway``) that predeclares the project's prefixes and reloads the
graph when ``kg build`` rewrites it:

- read-only (``oxigraph serve-read-only``) by default, so it can share the
  store with ``kg query`` and update requests are refused;
- with ``allow_update``, on a scratch copy of the store (``oxigraph serve``),
  so updates never leak into the cache that mirrors ``graph.ttl``; they are
  dropped when the server stops, or when a rebuilt graph is loaded.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph

from kg.exceptions import KgError
from kg.graph import graph_file
from kg.store import ensure_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServeError(KgError, RuntimeError):
    """The server could not be started."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to this Python first (a venv), then on PATH."""
    here = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class Endpoint:
    """URLs of a running server."""

    host: str
    port: int

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def store(self) -> str:
        return self.base + "/store"


def wait_ready(endpoint: Endpoint, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    """Block until the endpoint answers a query; fail if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    probe = endpoint.query + "?query=" + urllib.parse.quote("ASK {}")
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ServeError(f"oxigraph exited with status {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
        time.sleep(0.1)
    raise ServeError(f"{endpoint.base} not ready after {timeout:.0f}s ({last})")


def server_command(location: Path, host: str, port: int, allow_update: bool, timeout_s: int | None = None) -> list[str]:
    cmd = [oxigraph_binary(), "serve" if allow_update else "serve-read-only",
           "--location", str(location), "--bind", f"{host}:{port}"]
    if timeout_s:
        cmd += ["--timeout-s", str(timeout_s)]
    return cmd


def _scratch_copy(store: Path) -> Path:
    """A private copy of the store for a writable server (removed by the caller)."""
    scratch = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    pyoxigraph.Store.read_only(str(store)).backup(str(scratch / "db"))
    return scratch


def stop(proc: subprocess.Popen, grace: float = 10.0) -> int:
    """Stop the server (SIGTERM, then SIGKILL after ``grace`` seconds) and reap it.

    SIGTERM rather than SIGINT: a process started from a non-interactive shell's
    background job inherits an ignored SIGINT.
    """
    if proc.poll() is None:
        try:
            proc.terminate()
            return proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
        except ProcessLookupError:
            pass
    return proc.wait()


def _relay(stream: IO[bytes]) -> None:
    """oxigraph's messages to our stderr, but its "Listening for requests at" line, which would name
    the inner port: only kg's lines say where to connect."""
    for line in stream:
        if not line.startswith(b"Listening for requests"):
            sys.stderr.buffer.write(line)
            sys.stderr.flush()


def serve(
    graph: str | Path = "out",
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_update: bool = False,
    timeout_s: int | None = None,
    announce: Callable[[str], None] = print,
) -> int:
    """Run the endpoint in the foreground until Ctrl-C or SIGTERM; returns an exit status.

    Raises ServeError when the server does not come up (the port is taken, say).
    """
    from kg.gateway import Gateway, Upstream, graph_stat, remove_scratch, wait_port

    ttl = graph_file(graph)
    ensure_store(ttl)  # a graph that does not load fails here, before anything listens
    if port == 0:
        port = free_port(host)
    endpoint = Endpoint(host, port)

    def start_upstream() -> Upstream:
        stat = graph_stat(ttl)
        location = ensure_store(ttl)
        scratch = _scratch_copy(location) if allow_update else None
        inner = free_port("127.0.0.1")
        cmd = server_command(scratch / "db" if scratch else location, "127.0.0.1", inner, allow_update, timeout_s)
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        threading.Thread(target=_relay, args=(proc.stderr,), daemon=True).start()
        up = Upstream(proc, inner, stat, scratch)
        try:
            wait_port(inner, up.proc)
        except RuntimeError as exc:
            stop_upstream(up)
            raise ServeError(str(exc)) from None
        except BaseException:  # Ctrl-C while it starts: leave no oxigraph behind
            stop_upstream(up)
            raise
        return up

    def stop_upstream(up: Upstream) -> None:
        stop(up.proc)
        remove_scratch(up)

    def on_signal(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    gateway: Gateway | None = None
    try:
        try:
            gateway = Gateway((host, port), ttl, start_upstream, stop_upstream, announce)
        except OSError as exc:
            raise ServeError(f"cannot listen on {endpoint.base}: {exc.strerror or exc}") from None
        mode = "read-write (updates go to a scratch copy, dropped on exit)" if allow_update else "read-only"
        announce(f"SPARQL endpoint: {endpoint.query}  ({mode})")
        if allow_update:
            announce(f"SPARQL update:   {endpoint.update}")
        announce(f"Query page:      {endpoint.base}/")
        announce("Prefixes kg:, kgr:, rdf:, rdfs:, skos:, prov:, dcterms:, schema:, org:, xsd: are predeclared.")
        announce(f"Reloads by itself when {ttl} changes (kg build).")
        announce("Press Ctrl-C to stop.")
        gateway.serve()
        return 1 if gateway.exit_code else 0
    except KeyboardInterrupt:
        announce("stopped")
        return 0
    finally:
        if gateway is not None:  # also when Ctrl-C came before it served: stop oxigraph
            gateway.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
