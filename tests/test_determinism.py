"""Two runs over the same input give byte-identical outputs in every export format, whatever the
process's hash seed (set and dict order must never leak into the output)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Every format `kg build --format` writes, and a file each must write. Listed, not discovered: an
# exporter that disappears fails the build here instead of leaving the check silently smaller.
FORMATS = {
    "turtle": "graph.ttl",
    "html": "graph.html",
    "nquads": "graph.nq",
    "ntriples": "graph.nt",
    "trig": "graph.trig",
    "jsonld": "graph.jsonld",
    "graphml": "graph.graphml",
    "cypher": "graph.cypher",
    "neo4j": "neo4j/load.cypher",
}


def build_args(out: Path, *extra: str) -> list[str]:
    args = [sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--quiet", "--no-validate", *extra]
    for fmt in FORMATS:
        args += ["--format", fmt]
    return args


def run_side_by_side(*runs: tuple[list[str], str]) -> list[str]:
    """Run each (argv, PYTHONHASHSEED) in its own process, all at once; their standard outputs."""
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}) for args, seed in runs]
    outs = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
            outs.append(out)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return outs


def outputs(out: Path) -> dict[str, bytes]:
    """Every file the build wrote, by relative path; not the build cache (.kg)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".kg" not in p.relative_to(out).parts}


class Runs(NamedTuple):
    a: dict[str, bytes]
    b: dict[str, bytes]
    a_dir: Path  # its outputs and its build cache (.kg)


@pytest.fixture(scope="module")
def clean_runs(tmp_path_factory) -> Runs:
    """Two first builds of seeds/ in two processes: hash seed 1 writing the build cache, hash seed 2
    with --no-cache."""
    root = tmp_path_factory.mktemp("clean-runs")
    run_side_by_side((build_args(root / "a"), "1"), (build_args(root / "b", "--no-cache"), "2"))
    return Runs(outputs(root / "a"), outputs(root / "b"), root / "a")


def test_two_runs_are_byte_identical(clean_runs, seed_build):
    a, b, _ = clean_runs
    assert set(FORMATS.values()) <= set(a)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs between two runs"
    # the session's library build, in this process with its own hash seed (conftest.py), agrees
    for name in ("graph.ttl", "graph.html"):
        assert a[name] == (seed_build.out / name).read_bytes(), f"{name} differs from the library build"


def test_cached_run_is_byte_identical_to_clean(tmp_path, clean_runs):
    out = tmp_path / "a"
    shutil.copytree(clean_runs.a_dir / ".kg", out / ".kg")  # the first run's cache (hash seed 1), not its outputs
    assert (out / ".kg" / "manifest.json").is_file()
    (summary,) = run_side_by_side((build_args(out), "3"))  # in another process
    assert re.search(r"(?<!\d)0 extracted", summary), summary  # every extraction from the cache
    assert outputs(out) == clean_runs.b  # the clean run's (--no-cache, hash seed 2)


def test_names_ending_alike_resolve_the_same_whatever_the_hash_seed(tmp_path):
    """Two bodies end with the same four characters as a third mention: which full name the
    short one joins once followed the set order, i.e. the hash seed."""
    text = tmp_path / "tie.txt"
    text.write_text("麦东区分局现企业由散到聚堡江——东区分局牌培优行动、能力提绝脉东区分局合作社》\n", encoding="utf-8")
    args = [sys.executable, "-m", "kg", "extract", str(text), "--json"]
    outputs = run_side_by_side(*((args, seed) for seed in ("0", "1", "2", "3")))
    assert len(outputs) == 4 and len(set(outputs)) == 1
