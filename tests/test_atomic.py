"""A build killed at any moment, or failing inside an exporter, leaves the previous graph intact
and loadable: every output is written to a temporary name and renamed over the old file."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

import kg.exporters.turtle
from kg.fsutil import atomic_open
from kg.pipeline import build

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OUTPUTS = ("graph.ttl", "graph.html")

# A `kg build` whose fsync of one chosen file announces itself and then hangs, so the test can
# kill the process while that file's temporary copy is fully written but not yet renamed.
SLOW_WRITER = """
import os, sys, time
target = sys.argv[1]
real_fsync = os.fsync
def fsync(fd):
    if target in os.readlink(f"/proc/self/fd/{fd}"):
        print("WRITING", flush=True)
        time.sleep(120)
    real_fsync(fd)
os.fsync = fsync
from kg.cli import main
sys.exit(main(sys.argv[2:]))
"""


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(SEEDS.glob("*.txt"))[:n]:
        shutil.copyfile(p, folder / p.name)
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def loadable(out: Path) -> None:
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 0


def temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*.tmp")]


def whole_seeds(folder: Path) -> Path:
    """All of seeds/: the corpus the session's build (conftest.py ``seed_build``) was made from."""
    big = corpus(folder, 5)
    assert sorted(p.name for p in big.iterdir()) == sorted(p.name for p in SEEDS.glob("*.txt"))
    return big


@pytest.fixture
def previous(tmp_path):
    """An output folder holding a good build of two seed files, and a bigger corpus to rebuild."""
    small, big, out = corpus(tmp_path / "small", 2), whole_seeds(tmp_path / "big"), tmp_path / "out"
    build(small, out, validate=False)
    return out, big, snapshot(out)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see which file is being written")
@pytest.mark.parametrize("target", [".graph.ttl.", ".graph.html.", ".manifest.json."])
def test_killed_mid_write_keeps_previous_graph(previous, target, seed_build):
    out, big, before = previous
    manifest_before = (out / ".kg" / "manifest.json").read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, target, "build", str(big), "--out", str(out), "--quiet", "--no-validate"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "WRITING", proc.stderr.read()
        assert any(target in p.name for p in temporaries(out)), "the temporary file should exist now"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert (out / "graph.html").read_bytes() == before["graph.html"]  # written last
    if target != ".graph.html.":
        assert (out / "graph.ttl").read_bytes() == before["graph.ttl"]
    if target == ".manifest.json.":
        assert (out / ".kg" / "manifest.json").read_text(encoding="utf-8") == manifest_before
    loadable(out)
    json.loads((out / ".kg" / "manifest.json").read_text(encoding="utf-8"))
    # the next build is not disturbed by what the killed one left behind
    result = build(big, out, validate=False)
    assert len({a.source for a in result.kb.articles.values()}) == 5
    assert snapshot(out) == snapshot(seed_build.out)  # a clean build of the same files


def test_killed_at_random_moments(tmp_path, seed_build):
    """Kill real `kg build` runs at random delays: the graph is always one complete build or the other."""
    small, big = corpus(tmp_path / "small", 2), whole_seeds(tmp_path / "big")
    build(small, tmp_path / "ref-small", incremental=False, validate=False)
    complete = {"small": snapshot(tmp_path / "ref-small"), "big": snapshot(seed_build.out)}
    out = tmp_path / "out"
    build(small, out, validate=False)
    rng = random.Random(6)
    for i in range(4):
        folder = (big, small)[i % 2]
        args = [sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--quiet", "--no-validate"]
        if i % 2:
            args.append("--no-cache")
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = snapshot(out)
        assert now["graph.ttl"] in (complete["small"]["graph.ttl"], complete["big"]["graph.ttl"]), i
        assert now["graph.html"] in (complete["small"]["graph.html"], complete["big"]["graph.html"]), i
        loadable(out)
        json.loads((out / ".kg" / "manifest.json").read_text(encoding="utf-8"))
    build(big, out, validate=False)
    assert snapshot(out) == complete["big"]


def test_exporter_failing_mid_write_keeps_previous_graph(previous, monkeypatch):
    out, big, before = previous

    def half_then_fail(path, data):
        with atomic_open(path, "wb", encoding=None) as fh:
            fh.write(data[: len(data) // 2])
            raise RuntimeError("exporter failed half way")

    monkeypatch.setattr(kg.exporters.turtle, "atomic_write_bytes", half_then_fail)
    with pytest.raises(RuntimeError, match="half way"):
        build(big, out, validate=False)
    assert snapshot(out) == before
    assert temporaries(out) == []
    loadable(out)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see which file is being written")
def test_disk_full_during_write_keeps_previous_graph(previous, monkeypatch):
    out, big, before = previous
    real_fsync = os.fsync

    def full(fd):
        if ".graph.ttl." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        build(big, out, validate=False)
    assert snapshot(out) == before
    assert [p for p in temporaries(out) if "graph" in p.name] == []
    loadable(out)
