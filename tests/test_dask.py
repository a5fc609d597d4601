"""Extraction as Dask tasks on a 2-worker LocalCluster (loopback only) gives the local build's bytes."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'kg[dask]')")

from kg.cli import main  # noqa: E402
from kg.executors import run_extraction  # noqa: E402
from kg.exporters import turtle  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.resolve import resolve  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_local_cluster_build_is_identical(tmp_path, seed_articles, seed_extractions):
    articles = list(seed_articles)
    local = list(seed_extractions)  # conftest.py: the same articles extracted in this process
    remote = run_extraction(articles, jobs=2, executor="dask")
    assert [x.article.id for x in remote] == [a.id for a in articles]
    assert turtle.serialize(build_graph(resolve(remote))) == turtle.serialize(build_graph(resolve(local)))


def test_existing_scheduler(tmp_path, seed_build):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert main(["build", str(SEEDS), "--out", str(tmp_path / "dask"), "--quiet", "--format", "turtle",
                     "--executor", "dask", "--scheduler", cluster.scheduler_address]) == 0
    # the local reference: the session's build of the same seeds in this process (conftest.py)
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (seed_build.out / "graph.ttl").read_bytes()


def test_unreachable_scheduler_is_reported(tmp_path, capsys):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["build", str(SEEDS), "--out", str(tmp_path), "--quiet", "--executor", "dask",
                     "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
