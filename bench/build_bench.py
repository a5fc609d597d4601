"""End-to-end ``kg build`` speed and memory on the seed articles repeated 1x, 10x and 100x.

Each corpus copies every file of ``seeds/`` N times under distinct names, so
every copy is a new article (about 50 KB, 0.5 MB and 5 MB of text). In one
run on one machine it reports, per corpus and ``--jobs`` value:

- wall time of ``kg build CORPUS --out FRESH_DIR --quiet --jobs J`` in a child
  process (a fresh output folder, so nothing comes from the incremental cache),
  characters per second, and the largest resident set of any process of that
  build (``getrusage(RUSAGE_CHILDREN)`` of a wrapper that only runs the build);
- the floor: the same text segmented by bare ``jieba.lcut`` (dictionary
  already loaded), and the ratio build / jieba;
- scaling: time(100x) / time(10x) (10 would be linear);
- start-up: ``kg build seeds/`` against ``python -c "import spacy"``;
- with ``--stages``: seconds per pipeline stage on the largest corpus;
- with ``--profile``: the functions where a 10x build spends its time (cProfile).

Results go to stdout as Markdown tables and, with ``--json``, to a file. Not a
test: numbers depend on the machine and on what else runs on it (the load
average is recorded).

    python bench/build_bench.py                         # 1x, 10x, 100x; --jobs 1 and 2
    python bench/build_bench.py --scales 1 10 --jobs 1 --json /tmp/bench.json
    python bench/build_bench.py --stages --profile
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KG = [sys.executable, "-m", "kg"]

# Runs a command and prints its wall time and the peak RSS of its largest process, as JSON.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t
print(json.dumps({"seconds": wall, "code": code,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_JIEBA = """
import json, sys, time
from pathlib import Path
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t = time.perf_counter()
for text in texts:
    jieba.lcut(text)
print(json.dumps({"seconds": time.perf_counter() - t, "chars": sum(map(len, texts))}))
"""

_STAGES = """
import json, sys, time
t0 = time.perf_counter()
from kg import exporters
from kg.executors import run_extraction
from kg.graph import build_graph
from kg.ingest import read_corpus
from kg.resolve import resolve
from kg.shards import write_shards
from kg.pipeline import GC_THRESHOLDS
import gc
gc.set_threshold(*GC_THRESHOLDS)  # as kg.pipeline.build does
out = sys.argv[2]
times = {"imports": time.perf_counter() - t0}
def step(name, fn):
    t = time.perf_counter()
    value = fn()
    times[name] = time.perf_counter() - t
    return value
def main():
    articles, _ = step("ingest", lambda: read_corpus(sys.argv[1]))
    extractions = step("extract (jobs=%s)" % sys.argv[3], lambda: run_extraction(articles, jobs=int(sys.argv[3])))
    kb = step("resolve", lambda: resolve(extractions))
    graph = step("graph (rdflib)", lambda: build_graph(kb))
    times["triples"] = len(graph)
    step("turtle", lambda: exporters.get("turtle").export(graph, out + "/graph.ttl"))
    step("html", lambda: exporters.get("html").export(graph, out + "/graph.html"))
    step("shards", lambda: write_shards(kb, out + "/shards"))
    try:
        from kg.validate import validate_graph
    except ImportError:
        validate_graph = None
    if validate_graph is not None:
        step("SHACL validation", lambda: validate_graph(out + "/graph.ttl"))  # as kg build does
    print(json.dumps(times))
if __name__ == "__main__":
    main()
"""


def make_corpus(root: Path, copies: int) -> tuple[Path, int]:
    """``copies`` copies of every seed file under distinct names; returns (folder, characters)."""
    folder = root / f"x{copies}"
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(copies):
            (folder / f"r{i:03d}_{seed.name}").write_text(text, encoding="utf-8")
            chars += len(text)
    return folder, chars


def child_json(args: list[str]) -> dict:
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(cmd: list[str]) -> dict:
    result = child_json([sys.executable, "-c", _MEASURE, *cmd])
    if result["code"] not in (0, 1):
        raise SystemExit(f"exit {result['code']}: {' '.join(cmd)}")
    return result


def median_run(cmd: list[str], repeat: int, fresh: Path | None = None) -> dict:
    runs = []
    for _ in range(repeat):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        runs.append(measure(cmd))
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def profile(corpus: Path, work: Path, top: int) -> list[dict]:
    """The project's functions by cumulative time in a cProfile'd one-process build, then the
    library functions with the most own time (where the inner loops are)."""
    import pstats

    prof = work / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "kg", "build", str(corpus),
                    "--out", str(work / "profile-out"), "--quiet"], cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL)
    stats = pstats.Stats(str(prof))
    ours, theirs = [], []
    package = str(ROOT / "kg")
    for (file, line, name), (_, calls, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = Path(file).relative_to(ROOT).as_posix() if file.startswith(package) else "/".join(Path(file).parts[-2:])
        row = {"function": f"{where}:{line}({name})", "calls": calls, "own_s": own, "cum_s": cum}
        (ours if file.startswith(package) else theirs).append(row)
    ours.sort(key=lambda r: -r["cum_s"])
    theirs.sort(key=lambda r: -r["own_s"])
    return ours[:top] + theirs[: top // 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement (median; peak RSS: max)")
    ap.add_argument("--stages", action="store_true", help="time each pipeline stage on the largest corpus")
    ap.add_argument("--profile", action="store_true", help="cProfile a one-process build of the 10x corpus")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--work", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    args = ap.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                "platform": platform.platform(), "load_before": os.getloadavg()},
                    "startup": {}, "corpora": [], "ratios": {}}
    try:
        spacy = median_run([sys.executable, "-c", "import spacy"], 3)
        seeds = median_run([*KG, "build", str(SEEDS), "--out", str(work / "seeds-out"), "--quiet"], 3,
                           fresh=work / "seeds-out")
        report["startup"] = {"import_spacy_s": spacy["seconds"], "kg_build_seeds_s": seeds["seconds"]}
        for copies in args.scales:
            corpus, chars = make_corpus(work / "corpora", copies)
            floor = child_json([sys.executable, "-c", _JIEBA, str(corpus)])
            size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
            row = {"copies": copies, "files": 5 * copies, "mb": size / 2**20, "chars": chars,
                   "jieba_s": floor["seconds"], "builds": {}}
            for jobs in args.jobs:
                out = work / "out" / f"x{copies}-j{jobs}"
                run = median_run([*KG, "build", str(corpus), "--out", str(out), "--quiet", "--jobs", str(jobs)],
                                 args.repeat, fresh=out)
                run["chars_per_s"] = chars / run["seconds"]
                run["x_jieba"] = run["seconds"] / floor["seconds"]
                row["builds"][str(jobs)] = run
                print(f"x{copies} jobs={jobs}: {run['seconds']:.1f} s, {run['peak_rss_mb']:.0f} MB", file=sys.stderr)
            report["corpora"].append(row)
        by = {r["copies"]: r for r in report["corpora"]}
        if 10 in by and 100 in by:
            report["ratios"]["scaling_100_over_10"] = {
                j: by[100]["builds"][j]["seconds"] / by[10]["builds"][j]["seconds"] for j in by[100]["builds"]}
        if args.stages:
            largest = max(args.scales)
            corpus = work / "corpora" / f"x{largest}"
            report["stages"] = {}
            for jobs in args.jobs:
                out = work / "stages" / f"j{jobs}"
                out.mkdir(parents=True, exist_ok=True)
                report["stages"][str(jobs)] = child_json([sys.executable, "-c", _STAGES, str(corpus), str(out),
                                                          str(jobs)])
        if args.profile:
            corpus, _ = make_corpus(work / "corpora", 10)
            report["profile_10x"] = profile(corpus, work, 16)
    finally:
        report["machine"]["load_after"] = os.getloadavg()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def format_report(report: dict) -> str:
    m = report["machine"]
    lines = [f"Python {m['python']}, {m['cpus']} CPUs, load average {m['load_before'][0]:.1f} before, "
             f"{m['load_after'][0]:.1f} after", ""]
    s = report["startup"]
    if s:
        lines += [f"start-up: kg build seeds/ {s['kg_build_seeds_s']:.2f} s; python -c 'import spacy' "
                  f"{s['import_spacy_s']:.2f} s", ""]
    lines += ["| corpus | MB | chars | jobs | build s | chars/s | peak RSS MB | jieba.lcut s | build / jieba |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in report["corpora"]:
        for jobs, run in row["builds"].items():
            lines.append(f"| {row['copies']}x | {row['mb']:.2f} | {row['chars']:,} | {jobs} | {run['seconds']:.1f} | "
                         f"{run['chars_per_s']:,.0f} | {run['peak_rss_mb']:.0f} | {row['jieba_s']:.2f} | "
                         f"{run['x_jieba']:.1f} |")
    for jobs, ratio in report["ratios"].get("scaling_100_over_10", {}).items():
        lines.append(f"\nscaling, jobs={jobs}: time(100x) / time(10x) = {ratio:.1f}")
    for jobs, stages in report.get("stages", {}).items():
        lines.append(f"\nstages of the largest corpus, jobs={jobs}: " + ", ".join(
            f"{k} {v:.2f} s" if k != "triples" else f"{v:,} triples" for k, v in stages.items()))
    if "profile_10x" in report:
        lines += ["", "10x build, one process (cProfile): kg functions by cumulative time, then library "
                  "functions by own time", "| function | calls | own s | cum s |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {r['function']} | {r['calls']} | {r['own_s']:.2f} | {r['cum_s']:.2f} |"
                  for r in report["profile_10x"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
