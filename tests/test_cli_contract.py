"""The CLI's one error contract: KgError messages and exit codes from kg.cli.main, the same in every
command; --graph everywhere; --version; KEY=VALUE arguments; closed pipes; exporters from entry points."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg import exporters
from kg.cli import main
from kg.commands import export as export_command
from kg.commands._args import key_value
from kg.evaluation.score import EvalError
from kg.exceptions import EXIT_BROKEN_PIPE, EXIT_CODES, EXIT_INTERRUPTED, EXIT_PARTIAL, EXIT_USAGE, KgError
from kg.executors import ExecutorError
from kg.exporters import ExportError, turtle
from kg.graph import GraphNotFound, build_graph
from kg.ingest import IngestError
from kg.query import QueryError
from kg.serve import ServeError
from kg.subgraph import NodeNotFound

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
GRAPH_COMMANDS = ("export", "query", "serve", "validate", "view")


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    turtle.export(build_graph(fx.sample_kb()), out / "graph.ttl")
    return out


def one_line(err: str, command: str) -> str:
    """The single stderr line of a failed command, checked for the ``kg COMMAND: `` form."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kg {command}: ") and "Traceback" not in err
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kg {kg.__version__}\n"


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for code, meaning in EXIT_CODES:
        assert re.search(rf"^  {code} +{re.escape(meaning)}$", out, re.M), (code, out)


def test_readme_documents_the_same_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, re.M))
    assert {int(c) for c in rows} == {code for code, _ in EXIT_CODES}


def test_every_library_error_is_a_kg_error() -> None:
    for cls in (IngestError, EvalError, QueryError, ServeError, ExecutorError, GraphNotFound, NodeNotFound,
                 ExportError):
        assert issubclass(cls, KgError), cls
    missing = GraphNotFound("no graph at x")
    assert isinstance(missing, FileNotFoundError) and missing.exit_code == EXIT_USAGE
    assert str(missing) == "no graph at x"
    assert str(IngestError("a.txt", "empty file")) == "a.txt: empty file"


@pytest.mark.parametrize("command", GRAPH_COMMANDS)
def test_no_graph_is_exit_2_in_every_command(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = {"export": ["--format", "ntriples"], "query": ["ASK {}"]}.get(command, [])
    assert main([command, "--graph", str(tmp_path / "nowhere"), *extra]) == EXIT_USAGE
    assert "no graph at " in one_line(capsys.readouterr().err, command)


@pytest.mark.parametrize("argv", [
    ["build", "--jobs", "many"],
    ["eval", "tests/gold"],  # --texts is required
    ["extract"],
    ["export", "--format", "nope"],
    ["query", "--format", "xml", "ASK {}"],
    ["serve", "--port", "http"],
    ["validate", "--engine", "jena"],
    ["view", "--depth", "far"],
    ["frobnicate"],
])
def test_bad_usage_is_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_USAGE
    assert "error:" in capsys.readouterr().err


def test_graph_option_reads_the_graph_in_every_command(built: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--graph", str(built), "--format", "ntriples", "--out", str(tmp_path / "g.nt")]) == 0
    assert main(["query", "-g", str(built), "ASK { ?s ?p ?o }"]) == 0
    assert main(["view", "-g", str(built), "--out", str(tmp_path / "v.html")]) == 0
    assert main(["validate", "-g", str(built / "graph.ttl")]) in (0, EXIT_PARTIAL)
    out = capsys.readouterr().out
    assert "true" in out and "v.html" in out and "conforms:" in out


def test_key_value() -> None:
    assert key_value("dialect=kuzu") == ("dialect", "kuzu")
    assert key_value(" a =王小明") == ("a", "王小明")
    assert key_value("q=x=y") == ("q", "x=y")
    assert key_value("empty=") == ("empty", "")
    for bad in ("dialect", "=value", "  =x"):
        with pytest.raises(argparse.ArgumentTypeError, match="KEY=VALUE"):
            key_value(bad)


def test_key_value_arguments_of_export_and_query(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-g", str(built), "-F", "cypher", "--option", "dialect"]) == EXIT_USAGE
    assert "argument --option: want KEY=VALUE, got 'dialect'" in capsys.readouterr().err
    assert main(["query", "-g", str(built), "--name", "admin-chain", "--param", "place"]) == EXIT_USAGE
    assert "argument --param/-p: want KEY=VALUE, got 'place'" in capsys.readouterr().err
    assert main(["export", "-g", str(built), "-F", "cypher", "--option", "dialect=gremlin"]) == EXIT_USAGE
    assert "gremlin" in one_line(capsys.readouterr().err, "export")
    assert main(["query", "-g", str(built), "--name", "admin-chain", "--param", "place=安丘市",
                 "--format", "csv"]) == 0
    assert "潍坊市" in capsys.readouterr().out


def test_extract_of_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == EXIT_USAGE
    assert one_line(capsys.readouterr().err, "extract") == f"kg extract: {empty}: empty file"
    assert main(["extract", str(tmp_path / "none.txt"), "--json"]) == EXIT_USAGE
    assert one_line(capsys.readouterr().err, "extract").endswith("none.txt: no such file")


def test_extract_into_a_closed_pipe_prints_no_traceback() -> None:
    """``kg extract … | head -1``: the reader is gone before kg writes; no traceback, exit 141."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "kg", "extract", str(SEED), "--json"], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=300, check=False)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == "" and done.returncode == EXIT_BROKEN_PIPE


def test_main_maps_errors_to_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Partial(KgError):
        exit_code = EXIT_PARTIAL

    def raising(exc: BaseException):
        def run(args: argparse.Namespace) -> int:
            raise exc
        return run

    cases = [(Partial("half done"), EXIT_PARTIAL, "kg export: half done"),
             (PermissionError(13, "Permission denied", "out/x"), EXIT_USAGE, "kg export: [Errno 13] Permission denied"),
             (KeyboardInterrupt(), EXIT_INTERRUPTED, "interrupted")]
    for exc, code, message in cases:
        monkeypatch.setattr(export_command, "run", raising(exc))
        assert main(["export", "--list"]) == code
        assert capsys.readouterr().err.startswith(message)


FAKE_FORMAT = '''\
NAME = "fake"
DESCRIPTION = "a format another package adds (test)"
SUFFIX = ".fake"


def export(graph, out, **options):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"{len(graph)} triples {sorted(options.items())}\\n", encoding="utf-8")
    return [out]
'''


@pytest.fixture()
def fake_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed distribution declaring exporters in the kg.exporters group: one good, one that
    tries to replace turtle, one that does not import, one that is no exporter."""
    site = tmp_path / "site"
    dist = site / "kg_fake_format-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / "kg_fake_format.py").write_text(FAKE_FORMAT, encoding="utf-8")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: kg-fake-format\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[kg.exporters]\nfake = kg_fake_format\nturtle = kg_fake_format\n"
        "broken = kg_no_such_module\nnotone = kg_fake_format:DESCRIPTION\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))


def test_exporter_from_an_entry_point(fake_plugin: None, built: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    formats = exporters.available()
    assert "fake" in formats and "broken" not in formats and "notone" not in formats
    assert formats["turtle"] is turtle  # kg's own formats keep their names
    assert main(["export", "--list"]) == 0
    assert "a format another package adds (test)" in capsys.readouterr().out
    out = tmp_path / "g.fake"
    assert main(["export", "-g", str(built), "--format", "fake", "--out", str(out), "--option", "k=v"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_text(encoding="utf-8") == f"{len(build_graph(fx.sample_kb()))} triples [('k', 'v')]\n"
    assert main(["export", "-g", str(built), "--format", "fake"]) == 0
    assert (built / "export" / "graph.fake").is_file()


def test_without_the_plugin_the_format_is_unknown(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "fake" not in exporters.available()
    with pytest.raises(ExportError, match="unknown export format 'fake'"):
        exporters.get("fake")
