"""Two runs over the same input give byte-identical Turtle, HTML and N-Quads, whatever the
process's hash seed (set and dict order must never leak into the output)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kg import exporters

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def formats() -> list[str]:
    found = ["turtle", "html"]
    if "nquads" in exporters.available():
        found.append("nquads")
    return found


def run_build(out: Path, seed: str, *extra: str) -> None:
    args = [sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--quiet", "--no-validate", *extra]
    for fmt in formats():
        args += ["--format", fmt]
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_two_runs_are_byte_identical(tmp_path):
    run_build(tmp_path / "a", "1", "--no-cache")
    run_build(tmp_path / "b", "2", "--no-cache")
    a, b = outputs(tmp_path / "a"), outputs(tmp_path / "b")
    expected = {"graph.ttl", "graph.html"} | ({"graph.nq"} if "nquads" in formats() else set())
    assert expected <= set(a)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs between two runs"


def test_cached_run_is_byte_identical_to_clean(tmp_path):
    run_build(tmp_path / "a", "3")
    run_build(tmp_path / "a", "4")  # every extraction from the cache, in another process
    run_build(tmp_path / "b", "5", "--no-cache")
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_names_ending_alike_resolve_the_same_whatever_the_hash_seed(tmp_path):
    """Two bodies end with the same four characters as a third mention: which full name the
    short one joins once followed the set order, i.e. the hash seed."""
    text = tmp_path / "tie.txt"
    text.write_text("麦东区分局现企业由散到聚堡江——东区分局牌培优行动、能力提绝脉东区分局合作社》\n", encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run([sys.executable, "-m", "kg", "extract", str(text), "--json"], capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
