"""``--jobs N`` gives the same bytes as one process, and the fast Turtle writer is deterministic."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg.cli import main
from kg.executors import describe_pipeline, run_extraction
from kg.exporters import turtle
from kg.graph import build_graph
from kg.ingest import read_corpus
from kg.resolve import resolve

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _turtle(jobs: int) -> bytes:
    articles, _ = read_corpus(SEEDS)
    return turtle.serialize(build_graph(resolve(run_extraction(articles, jobs=jobs))))


def test_pool_matches_one_process():
    one = _turtle(1)
    assert _turtle(2) == one
    assert describe_pipeline()


def test_kg_build_jobs_2_is_byte_identical_to_jobs_1(tmp_path, capsys):
    for jobs in (1, 2):
        assert main(["build", str(SEEDS), "--out", str(tmp_path / f"j{jobs}"), "--quiet", "--jobs", str(jobs),
                     "--format", "turtle"]) == 0
    assert (tmp_path / "j2" / "graph.ttl").read_bytes() == (tmp_path / "j1" / "graph.ttl").read_bytes()


def test_scheduler_without_dask_is_refused(tmp_path, capsys):
    code = main(["build", str(SEEDS), "--out", str(tmp_path), "--quiet", "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "dask" in capsys.readouterr().err


_FAST = """
import hashlib, sys
from rdflib import Graph
from kg.exporters import turtle
from kg.graph import bind_prefixes
turtle.FAST_WRITER_MIN_TRIPLES = 0
g = bind_prefixes(Graph()).parse(sys.argv[1], format="turtle")
print(hashlib.sha256(turtle.serialize(g)).hexdigest())
"""


def test_fast_writer_is_byte_identical_across_processes_and_reads_back(tmp_path, monkeypatch):
    source = tmp_path / "graph.ttl"
    source.write_bytes(_turtle(1))
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _FAST, str(source)], env=env, capture_output=True, text=True,
                             check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    monkeypatch.setattr(turtle, "FAST_WRITER_MIN_TRIPLES", 0)
    original = Graph().parse(source, format="turtle")
    data = turtle.serialize(original)
    assert hashlib.sha256(data).hexdigest() in digests
    assert set(Graph().parse(data=data, format="turtle")) == set(original)
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))) == len(original)
