"""kg serve: a real oxigraph endpoint on 127.0.0.1, answering like kg query; read-only unless asked."""
from __future__ import annotations

import json
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg import query as q
from kg import store
from kg.serve import free_port

from query_args import ARGS, FIXTURE  # tests/fixtures/query, put on sys.path by conftest.py

pytestmark = pytest.mark.slow

STARTUP_TIMEOUT = 60


@dataclass
class Server:
    proc: subprocess.Popen
    url: str  # the query endpoint, as printed
    lines: list[str]
    output: queue.Queue  # further output lines; None once the process closed stdout

    def rest(self, timeout: float = 30) -> list[str]:
        """Output after start-up, up to the end (call once the process is stopping)."""
        more = []
        while (line := self.output.get(timeout=timeout)) is not None:
            more.append(line)
        return more

    @property
    def base(self) -> str:
        return self.url.rsplit("/", 1)[0]


def _reader(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line.rstrip("\n"))
    sink.put(None)


def start(graph_dir: Path, *extra: str) -> Server:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(graph_dir), "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=STARTUP_TIMEOUT)
            if line is None:
                raise AssertionError(f"kg serve exited: {seen}")
            seen.append(line)
            if line == "Press Ctrl-C to stop.":
                url = next(x for x in seen if x.startswith("SPARQL endpoint: ")).split()[2]
                assert url == f"http://127.0.0.1:{port}/query"
                return Server(proc, url, seen, lines)
    except BaseException:
        stop(Server(proc, "", seen, lines))
        raise


def stop(server: Server) -> int:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGINT)
        try:
            return server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
    return server.proc.wait()


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE, tmp_path / "graph.ttl")
    return tmp_path


@pytest.fixture
def server(graph_dir: Path) -> Iterator[Server]:
    s = start(graph_dir)
    try:
        yield s
    finally:
        stop(s)


def http_query(url: str, sparql: str) -> dict:
    data = urllib.parse.urlencode({"query": sparql}).encode()
    req = urllib.request.Request(url, data=data, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read())


def http_update(base: str, sparql: str) -> int:
    data = urllib.parse.urlencode({"update": sparql}).encode()
    req = urllib.request.Request(base + "/update", data=data,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def embedded_json(graph_dir: Path, sparql: str) -> dict:
    return json.loads(q.format_result(q.run(store.open_store(graph_dir), sparql), "json"))


INSERT = 'INSERT DATA { <https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "插入"@zh }'
ASK = 'ASK { <https://example.org/x> ?p ?o }'


def test_named_queries_over_http_match_kg_query(server: Server, graph_dir: Path) -> None:
    for name in q.named_queries():
        text = q.prepare_named(name, ARGS.get(name, []))
        over_http = http_query(server.url, text)
        assert over_http == embedded_json(graph_dir, text), name
        assert over_http["results"]["bindings"], name


def test_read_only_refuses_updates(server: Server, graph_dir: Path) -> None:
    assert http_update(server.base, INSERT) >= 400
    assert http_query(server.url, ASK)["boolean"] is False
    req = urllib.request.Request(server.base + "/store?default", data=b"<a:b> <a:b> <a:b> .",
                                 headers={"Content-Type": "application/n-triples"}, method="POST")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(req, timeout=30)


def test_allow_update_uses_a_scratch_copy(graph_dir: Path) -> None:
    s = start(graph_dir, "--allow-update")
    try:
        assert any("/update" in line for line in s.lines)
        assert http_update(s.base, INSERT) < 300
        assert http_query(s.url, ASK)["boolean"] is True
    finally:
        assert stop(s) == 0
    # the cache that mirrors graph.ttl is untouched
    assert store.is_fresh(graph_dir / "graph.ttl")
    assert embedded_json(graph_dir, ASK)["boolean"] is False


def test_ctrl_c_stops_cleanly(graph_dir: Path) -> None:
    s = start(graph_dir)
    port = int(s.url.split(":")[2].split("/")[0])
    s.proc.send_signal(signal.SIGINT)
    assert s.proc.wait(timeout=30) == 0
    out = "\n".join(s.rest())
    assert "Traceback" not in out and "stopped" in out
    with socket.socket() as sock:  # nothing listens any more
        assert sock.connect_ex(("127.0.0.1", port)) != 0
    assert not _oxigraph_serving(graph_dir)  # and the oxigraph child behind it is gone too


def _oxigraph_serving(graph_dir: Path) -> list[str]:
    """Command lines of oxigraph processes serving a store of ``graph_dir`` (Linux: from /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(b"oxigraph" in a for a in argv[:1]) and any(str(graph_dir).encode() in a for a in argv):
            found.append(b" ".join(argv).decode(errors="replace"))
    return found


def test_port_in_use_is_reported(graph_dir: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "kg", "serve", "-g", str(graph_dir), "--port", str(port)],
                           capture_output=True, text=True, timeout=STARTUP_TIMEOUT, check=False)
    assert r.returncode == 2 and "kg serve:" in r.stderr and "Traceback" not in r.stderr


def test_endpoint_predeclares_prefixes_and_explains_parse_errors(server: Server) -> None:
    answer = http_query(server.url, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Place ; rdfs:label ?l }")
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 0
    # a query's own PREFIX wins
    assert http_query(server.url, "PREFIX kg: <https://example.org/> ASK { ?s a kg:Place }")["boolean"] is False
    with pytest.raises(urllib.error.HTTPError) as caught:
        http_query(server.url, "SELECT ?s WHERE {\n  ?s a foo:Place }")
    assert caught.value.code == 400
    first, line, caret = caught.value.read().decode("utf-8").rstrip("\n").split("\n")
    assert first.startswith("syntax error at line 2, column ") and "unknown prefix 'foo:'" in first
    assert line == "    ?s a foo:Place }" and caret.index("^") == line.index("foo:")


def _triples(url: str) -> int:
    answer = http_query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_a_rebuild_under_a_running_server_is_served(tmp_path: Path) -> None:
    from kg.pipeline import build

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    shutil.copy(seeds[0], corpus)
    build(corpus, out, validate=False, model="blank")
    s = start(out)
    try:
        before = _triples(s.url)
        assert before == store.triple_count(out)
        for seed in seeds[1:]:
            shutil.copy(seed, corpus)
        build(corpus, out, validate=False, model="blank")  # more input: a bigger graph.ttl, renamed in place
        after = store.triple_count(out)
        assert after > before
        assert _triples(s.url) == after  # the first request after the rebuild already sees it
    finally:
        assert stop(s) == 0
    assert any(line.startswith("reloaded: ") for line in s.rest())
