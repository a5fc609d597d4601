"""``--jobs N`` gives the same bytes as one process, and the fast Turtle writer is deterministic."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from kg import executors
from kg.cli import main
from kg.executors import describe_pipeline, run_extraction
from kg.exporters import turtle
from kg.graph import build_graph
from kg.nlp import model_available
from kg.resolve import resolve

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _turtle(articles, jobs: int) -> bytes:
    return turtle.serialize(build_graph(resolve(run_extraction(articles, jobs=jobs))))


def test_pool_matches_one_process(seed_articles, seed_extractions, seed_build, monkeypatch):
    one = turtle.serialize(build_graph(resolve(list(seed_extractions))))  # conftest.py: extracted in this process
    assert one == (seed_build.out / "graph.ttl").read_bytes()
    # the pool names the pipeline from a worker: this process has none loaded while it runs
    with monkeypatch.context() as m:
        m.setattr(executors, "_CACHE", {})
        m.setattr(executors, "_DESCRIPTIONS", {})
        assert _turtle(seed_articles, 2) == one
        from_workers = describe_pipeline()
        assert executors._CACHE == {}
    assert describe_pipeline() == from_workers  # what this process's own pipeline says
    blank = describe_pipeline("blank")
    assert blank.startswith("blank zh + jieba segmenter"), blank
    assert from_workers == blank or from_workers.startswith("zh_core_web_sm "), from_workers
    if not model_available():  # without zh_core_web_sm the default is the blank pipeline
        assert from_workers == blank


def test_kg_build_jobs_2_is_byte_identical_to_jobs_1(tmp_path, capsys, seed_build):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "j2"), "--quiet", "--jobs", "2",
                 "--format", "turtle"]) == 0
    # one process: the session's build of the same seeds in this process (conftest.py)
    assert (tmp_path / "j2" / "graph.ttl").read_bytes() == (seed_build.out / "graph.ttl").read_bytes()


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


def test_fast_writer_is_byte_identical_across_processes_and_reads_back(monkeypatch, seed_build):
    source = seed_build.out / "graph.ttl"  # read only; conftest.py
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
