"""Whole-process speed and memory of ``kg build`` as a user runs it, against spaCy and jieba.

Each corpus copies every file of ``seeds/`` N times under distinct names (1x, 10x,
100x: about 50 KB, 0.5 MB and 5 MB of text), so every copy is a new article. Every
measurement is one separate process, timed from outside as ``/usr/bin/time`` would
see it (start-up, imports, dictionary and model loading included): wall time, CPU
time (user + system, steadier than wall time when others share the cores), and
the peak resident set of its largest process (``getrusage(RUSAGE_CHILDREN)`` of a
wrapper that runs only that command). ``--repeat N`` runs all rows N times, round
after round (so a busy moment disturbs them alike), and reports each row's median,
or with ``--stat min`` its least disturbed run. Rows:

- ``kg build CORPUS --out FRESH --quiet --no-cache`` through the ``kg`` console
  script of each install: ``default`` (``pip install -e .``, the README's quick
  start) and ``fast`` (``pip install -e '.[fast]'``); on the default install also
  ``--no-validate``, and, when ``kg build --help`` lists ``--ner``, one row per
  ``--ner`` choice (``lac``: statistical NER; ``rules``: rules only); at the
  largest scale, a process that only validates that build's graph
  (``validate_graph``, and with ``--pyshacl`` also pyshacl alone);
- ``architecture``: a spaCy pipeline with ``zh_core_web_sm``'s architecture
  (``spacy init config -l zh -p tagger,parser,ner -o efficiency``: tok2vec,
  tagger, parser, NER; jieba segmenter), initialised on two invented sentences
  (speed does not depend on the weights' values) and saved once; the timed
  process loads it and runs ``nlp.pipe`` over the corpus texts, 8 at a time
  (spaCy's default batch of 1000 took 3.6x the memory at 10x, for no speed);
- ``jieba``: a process that loads jieba's dictionary and runs ``jieba.lcut`` over
  the same texts.

It then prints the ratios the targets name: build / architecture at 100x (default,
with NER, rules only), the validation share of a default build, time(100x) /
time(10x), peak RSS at 100x. ``--stages`` times each pipeline stage in one process
(default install, largest corpus); ``--profile`` cProfiles a 10x build. Not a test:
numbers depend on the machine and its load (recorded before and after).

    python bench/build_bench.py --make-venvs /tmp/kg-venvs       # creates both installs once
    python bench/build_bench.py --default /tmp/kg-venvs/default --fast /tmp/kg-venvs/fast --stages \\
        --repeat 3 --stat min                                      # on a shared machine
    python bench/build_bench.py --scales 1 10 --json /tmp/bench.json   # this interpreter's kg only
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Runs a command and prints its wall time and the peak RSS of its largest process, as JSON.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": wall, "code": code, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mb": usage.ru_maxrss / 1024}))
"""

_TEXTS = """
import sys
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
"""

_JIEBA = _TEXTS + """
import jieba
jieba.setLogLevel(60)
for text in texts:
    jieba.lcut(text)
"""

_ARCHITECTURE_MAKE = """
import sys
import spacy
from spacy.cli.init_config import init_config
from spacy.tokens import Doc
from spacy.training import Example

config = init_config(lang="zh", pipeline=["tagger", "parser", "ner"], optimize="efficiency", gpu=False)
config["nlp"]["tokenizer"]["segmenter"] = "jieba"
nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
SENTENCES = [  # invented: words, tags, heads, dependency labels, entities
    (["张三", "在", "某市", "工作", "。"], ["NR", "P", "NR", "VV", "PU"], [3, 2, 3, 3, 3],
     ["nsubj", "case", "obl", "ROOT", "punct"], ["B-PERSON", "O", "B-GPE", "O", "O"]),
    (["某某", "公司", "成立", "党支部", "。"], ["NR", "NN", "VV", "NN", "PU"], [1, 2, 2, 2, 2],
     ["compound", "nsubj", "ROOT", "dobj", "punct"], ["B-ORG", "I-ORG", "O", "O", "O"]),
]
examples = []
for words, tags, heads, deps, ents in SENTENCES:
    ref = Doc(nlp.vocab, words=words, spaces=[False] * len(words), tags=tags, heads=heads, deps=deps, ents=ents)
    examples.append(Example(nlp.make_doc(ref.text), ref))
nlp.initialize(lambda: examples)
nlp.to_disk(sys.argv[1])
"""

_ARCHITECTURE_RUN = _TEXTS + """
import spacy
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, batch_size=8):  # articles of ~4k characters: larger batches only cost memory
    pass
"""

_VALIDATE = """
import sys
from kg.validate import validate_graph
print(len(validate_graph(sys.argv[1], engine=sys.argv[2]).violations))
"""

_STAGES = """
import gc, json, sys, time
t0 = time.perf_counter()
from kg import exporters
from kg.executors import get_nlp, run_extraction
from kg.graph import build_graph
from kg.ingest import read_corpus
from kg.pipeline import GC_THRESHOLDS
from kg.resolve import resolve
from kg.validate import validate_graph
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
    def load():
        import jieba
        jieba.setLogLevel(60)
        jieba.initialize()
        return get_nlp("auto")
    step("load pipeline (spaCy, jieba dictionary, lexicons, gazetteer)", load)
    extractions = step("extract", lambda: run_extraction(articles))
    kb = step("resolve", lambda: resolve(extractions))
    graph = step("graph (rdflib)", lambda: build_graph(kb))
    times["triples"] = len(graph)
    step("turtle", lambda: exporters.get("turtle").export(graph, out + "/graph.ttl"))
    step("html", lambda: exporters.get("html").export(graph, out + "/graph.html"))
    del graph
    gc.collect()
    step("SHACL validation", lambda: validate_graph(out + "/graph.ttl"))  # as kg build does
    print(json.dumps(times))
if __name__ == "__main__":
    main()
"""


@dataclass(frozen=True)
class Install:
    """One installation of kg: its name, interpreter and console script."""

    name: str
    python: Path
    kg: Path

    @classmethod
    def at(cls, name: str, where: Path) -> Install:
        """``where``: a virtual environment, its ``python``, or its ``kg`` script."""
        where = where.absolute()  # not resolve(): a venv's python is a symlink out of the venv
        bin_dir = where / "bin" if where.is_dir() else where.parent
        python, kg = bin_dir / "python", bin_dir / "kg"
        if not python.exists() or not kg.exists():
            raise SystemExit(f"{where}: no python and kg script in {bin_dir} (pip install -e . there first)")
        return cls(name, python, kg)

    @classmethod
    def current(cls) -> Install:
        """This interpreter and the kg script beside it (or ``python -m kg``)."""
        python = Path(sys.executable)
        kg = python.parent / "kg"
        return cls("this", python, kg if kg.exists() else python)

    def build_command(self, *args: str) -> list[str]:
        base = [str(self.kg)] if self.kg != self.python else [str(self.python), "-m", "kg"]
        return [*base, "build", *args]


def make_venvs(folder: Path) -> dict[str, Install]:
    """A ``default`` (``pip install -e .``) and a ``fast`` (``.[fast]``) environment, made once."""
    installs = {}
    for name, spec in (("default", str(ROOT)), ("fast", f"{ROOT}[fast]")):
        venv = folder / name
        if not (venv / "bin" / "kg").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-e", spec], check=True)
        installs[name] = Install.at(name, venv)
    return installs


MEASURED_NER = ("lac", "rules")  # the statistical layer, and the rules alone ("model" needs zh_core_web_sm)


def ner_choices(install: Install) -> list[str]:
    """The ``kg build --ner`` layers measured (of those this install offers), or none when it has no such option."""
    out = subprocess.run(install.build_command("--help"), capture_output=True, text=True, cwd=ROOT, check=False).stdout
    if "--ner" not in out:
        return []
    found = re.search(r"--ner\s+\{([^}]*)\}", out)
    offered = found.group(1).split(",") if found else list(MEASURED_NER)
    return [n for n in MEASURED_NER if n in offered]


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


def measure(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] not in (0, 1):  # kg build: 1 means some files were skipped
        raise SystemExit(f"exit {result['code']}: {' '.join(cmd)}")
    return result


def interleaved(jobs: list[tuple[str, str, list[str], Path | None]], repeat: int, stat: str) -> list[dict]:
    """Run every job ``repeat`` times, one round of all jobs after another, so that what else runs
    on the machine disturbs them alike. Per job: wall and CPU seconds by ``stat`` (median, or
    min: the least disturbed run), the largest peak RSS, the load average, and every run."""
    runs: list[list[dict]] = [[] for _ in jobs]
    for _ in range(repeat):
        for i, (_, _, cmd, fresh) in enumerate(jobs):
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            runs[i].append(measure(cmd) | {"load": os.getloadavg()[0]})
    pick = statistics.median if stat == "median" else min
    return [{"seconds": pick(r["seconds"] for r in rs), "cpu_s": pick(r["cpu_s"] for r in rs),
             "peak_rss_mb": max(r["peak_rss_mb"] for r in rs), "load": statistics.mean(r["load"] for r in rs),
             "runs": rs} for rs in runs]


def profile(install: Install, corpus: Path, work: Path, top: int) -> list[dict]:
    """The project's functions by cumulative time in a cProfile'd one-process build, then the
    library functions with the most own time (where the inner loops are)."""
    import pstats

    prof = work / "build.prof"
    subprocess.run([str(install.python), "-m", "cProfile", "-o", str(prof), "-m", "kg", "build", str(corpus),
                    "--out", str(work / "profile-out"), "--quiet", "--no-cache"], cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL)
    stats = pstats.Stats(str(prof))
    ours: list[dict] = []
    theirs: list[dict] = []
    package = str(ROOT / "kg")
    for (file, line, name), (_, calls, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = Path(file).relative_to(ROOT).as_posix() if file.startswith(package) else "/".join(Path(file).parts[-2:])
        row = {"function": f"{where}:{line}({name})", "calls": calls, "own_s": own, "cum_s": cum}
        (ours if file.startswith(package) else theirs).append(row)
    ours.sort(key=lambda r: -r["cum_s"])
    theirs.sort(key=lambda r: -r["own_s"])
    return ours[:top] + theirs[: top // 2]


def child_json(args: list[str]) -> dict:
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(args: argparse.Namespace, work: Path) -> dict:
    installs = make_venvs(args.make_venvs) if args.make_venvs else {}
    if args.default:
        installs["default"] = Install.at("default", args.default)
    if args.fast:
        installs["fast"] = Install.at("fast", args.fast)
    if not installs:
        installs["this"] = Install.current()
    main = installs.get("default") or next(iter(installs.values()))
    ner = ner_choices(main)
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                "platform": platform.platform(), "load_before": os.getloadavg()},
                    "installs": {k: str(v.python) for k, v in installs.items()}, "ner_choices": ner,
                    "stat": args.stat, "repeat": args.repeat, "rows": [], "ratios": {}}
    model = work / "architecture-model"
    if not model.exists():
        subprocess.run([str(main.python), "-c", _ARCHITECTURE_MAKE, str(model)], check=True, cwd=ROOT,
                       capture_output=True)
    for copies in args.scales:
        corpus, chars = make_corpus(work / "corpora", copies)
        sized = {"copies": copies, "files": 5 * copies, "chars": chars,
                 "mb": sum(p.stat().st_size for p in corpus.glob("*.txt")) / 2**20}
        jobs: list[tuple[str, str, list[str], Path | None]] = [
            (main.name, "architecture", [str(main.python), "-c", _ARCHITECTURE_RUN, str(corpus), str(model)], None),
            (main.name, "jieba", [str(main.python), "-c", _JIEBA, str(corpus)], None)]
        for install in installs.values():
            variants: list[tuple[str, list[str]]] = [("kg build", [])]
            if install is main:
                variants.append(("kg build --no-validate", ["--no-validate"]))
                variants += [(f"kg build --ner {n}", ["--ner", n]) for n in ner]
            for n_jobs in args.jobs:
                for what, extra in variants:
                    out = work / "out" / f"x{copies}-{install.name}-j{n_jobs}-{len(extra)}{'-'.join(extra)}"
                    cmd = install.build_command(str(corpus), "--out", str(out), "--quiet", "--no-cache",
                                                "--jobs", str(n_jobs), *extra)
                    jobs.append((install.name, what + (f" --jobs {n_jobs}" if n_jobs != 1 else ""), cmd, out))
                    if install is main and not extra and n_jobs == args.jobs[0] and copies == max(args.scales):
                        for engine in ("auto", "pyshacl") if args.pyshacl else ("auto",):
                            jobs.append((main.name, f"validate_graph(engine={engine!r}) of that build",
                                         [str(main.python), "-c", _VALIDATE, str(out), engine], None))
        for result, (install_name, what, _, _) in zip(interleaved(jobs, args.repeat, args.stat), jobs, strict=True):
            result.update(sized, install=install_name, what=what, chars_per_s=chars / result["seconds"])
            report["rows"].append(result)
            print(f"{copies}x {install_name} {what}: {result['seconds']:.1f} s (CPU {result['cpu_s']:.1f} s), "
                  f"{result['peak_rss_mb']:.0f} MB", file=sys.stderr)
    report["ratios"] = ratios(report["rows"], main.name)
    if args.stages:
        corpus = work / "corpora" / f"x{max(args.scales)}"
        out = work / "stages"
        out.mkdir(parents=True, exist_ok=True)
        stages = child_json([str(main.python), "-c", _STAGES, str(corpus), str(out)])
        report["stages"] = {"install": main.name, "copies": max(args.scales), "seconds": stages}
        total = sum(v for k, v in stages.items() if k != "triples")
        report["ratios"][f"validation share of the stages at {max(args.scales)}x"] = stages["SHACL validation"] / total
    if args.profile:
        corpus, _ = make_corpus(work / "corpora", 10)
        report["profile_10x"] = profile(main, corpus, work, 16)
    report["machine"]["load_after"] = os.getloadavg()
    return report


def ratios(rows: list[dict], main: str) -> dict:
    """The numbers the targets name, from rows of the same run: each ratio of wall times, and of
    CPU times (steadier when other processes share the cores)."""
    def pick(key: str, what: str, copies: int, install: str = main) -> float | None:
        found = [r[key] for r in rows if r["what"] == what and r["copies"] == copies and r["install"] == install]
        return found[0] if found else None

    out: dict = {}
    top = max((r["copies"] for r in rows), default=0)
    for key, unit in (("seconds", "wall"), ("cpu_s", "CPU")):
        arch = pick(key, "architecture", top)
        for what in sorted({r["what"] for r in rows if r["what"].startswith("kg build")}):
            for install in sorted({r["install"] for r in rows if r["what"] == what}):
                t = pick(key, what, top, install)
                if arch and t:
                    out[f"{install}: {what} / architecture at {top}x, {unit}"] = t / arch
        build, bare = pick(key, "kg build", top), pick(key, "kg build --no-validate", top)
        if build and bare:
            out[f"validation share of a default build at {top}x (1 - no-validate / build), {unit}"] = 1 - bare / build
        alone = pick(key, "validate_graph(engine='auto') of that build", top)
        if build and alone:
            out[f"a process that only validates the {top}x graph / kg build, {unit}"] = alone / build
        ten = pick(key, "kg build", 10)
        if build and ten and top > 10:
            out[f"time({top}x) / time(10x), kg build, {unit}"] = build / ten
    peaks = [r["peak_rss_mb"] for r in rows if r["copies"] == top and r["what"].startswith("kg build")]
    if peaks:
        out[f"peak RSS of any kg build at {top}x (MB)"] = max(peaks)
    return out


def format_report(report: dict) -> str:
    m = report["machine"]
    lines = [f"Python {m['python']}, {m['cpus']} CPUs, {report['stat']} of {report['repeat']} run(s), load average "
             f"{m['load_before'][0]:.1f} before, "
             f"{m['load_after'][0]:.1f} after; installs: "
             + ", ".join(f"{k} ({v})" for k, v in report["installs"].items())
             + f"; kg build --ner: {', '.join(report['ner_choices']) or 'not available'}", "",
             "| install | command | corpus | MB | wall s | chars/s | CPU s | peak RSS MB | / architecture | / jieba |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    refs = {(r["copies"], r["what"]): r["seconds"] for r in report["rows"] if r["what"] in ("architecture", "jieba")}
    for r in report["rows"]:
        arch, jieba = refs.get((r["copies"], "architecture")), refs.get((r["copies"], "jieba"))
        x_arch = f"{r['seconds'] / arch:.2f}" if arch else ""
        x_jieba = f"{r['seconds'] / jieba:.1f}" if jieba else ""
        lines.append(f"| {r['install']} | {r['what']} | {r['copies']}x | {r['mb']:.2f} | {r['seconds']:.1f} | "
                     f"{r['chars_per_s']:,.0f} | {r['cpu_s']:.1f} | {r['peak_rss_mb']:.0f} | {x_arch} | {x_jieba} |")
    lines.append("")
    lines += [f"- {k}: {v:.2f}" for k, v in report["ratios"].items()]
    if "stages" in report:
        s = report["stages"]
        lines.append(f"\nstages, {s['install']} install, {s['copies']}x, one process: " + ", ".join(
            f"{k} {v:.2f} s" if k != "triples" else f"{v:,} triples" for k, v in s["seconds"].items()))
    if "profile_10x" in report:
        lines += ["", ("10x build, one process (cProfile): kg functions by cumulative time, then library "
                       "functions by own time"), "| function | calls | own s | cum s |", "|---|---:|---:|---:|"]
        lines += [f"| {r['function']} | {r['calls']} | {r['own_s']:.2f} | {r['cum_s']:.2f} |"
                  for r in report["profile_10x"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--default", type=Path, metavar="VENV",
                    help="the default install (pip install -e .): a venv, its python or its kg script")
    ap.add_argument("--fast", type=Path, metavar="VENV", help="the kg[fast] install, likewise")
    ap.add_argument("--make-venvs", type=Path, metavar="DIR",
                    help="create DIR/default and DIR/fast (once) and measure both")
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1])
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement (peak RSS: the largest)")
    ap.add_argument("--stat", choices=("median", "min"), default="median",
                    help="which run's wall and CPU time to report (min: the least disturbed, on a busy machine)")
    ap.add_argument("--pyshacl", action="store_true",
                    help="also time validate_graph(engine='pyshacl') of the largest default build (slow)")
    ap.add_argument("--stages", action="store_true", help="time each pipeline stage on the largest corpus")
    ap.add_argument("--profile", action="store_true", help="cProfile a one-process build of the 10x corpus")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--work", type=Path, help="folder for corpora, the spaCy model and outputs (default: temporary)")
    args = ap.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = run(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
