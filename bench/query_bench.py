"""Named-query latency: the embedded oxigraph store against rdflib's SPARQL engine.

Runs every named query (bound the same way ``kg query`` binds it) on two
graphs, in one run:

- the seeds graph: ``kg.pipeline.build`` over ``seeds/`` (``--source pipeline``,
  the default), or the hand-written test fixture (``--source fixture``);
- a large graph of at least ``--triples`` triples (default 1,000,000): the
  pipeline over many copies of the seed files under distinct names, so each
  copy is a new set of articles (entities merge, provenance grows), or with
  ``--source fixture`` the fixture's article-derived triples replicated under
  renamed article and statement IRIs.

For each graph it reports the one-off costs (oxigraph bulk load into the
on-disk store, rdflib Turtle parse), then per query the median latency of
each engine and the ratio rdflib / oxigraph. Results go to stdout as a
Markdown table and, with ``--json``, to a file. Not a test: numbers depend on
the machine.

    python bench/query_bench.py                       # pipeline, 1M triples
    python bench/query_bench.py --source fixture      # no NLP pipeline needed
    python bench/query_bench.py --triples 200000 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import rdflib

ROOT = Path(__file__).resolve().parent.parent
# the kg of this checkout, installed or not: so the imports below come after this line (E402)
sys.path.insert(0, str(ROOT))

from kg import query as q  # noqa: E402
from kg import store  # noqa: E402
from kg.exporters._dataset import article_graphs  # noqa: E402
from kg.exporters._rdf import to_ox  # noqa: E402
from kg.vocab import KG, KGR  # noqa: E402

SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "query"))
from query_args import ARGS, FIXTURE  # noqa: E402  (the tests' fixture and arguments)

# arguments that find something in both the seeds graph and the fixture


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


# --------------------------------------------------------------------------- graphs


def seeds_graph(work: Path, source: str, jobs: int) -> Path:
    if source == "fixture":
        out = work / "small"
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURE, out / "graph.ttl")
        return out / "graph.ttl"
    from kg.pipeline import build

    out = work / "small"
    build(SEEDS, out, formats=("turtle",), jobs=jobs, incremental=False, validate=False)
    return out / "graph.ttl"


def copies_needed(small: Path, target: int) -> int:
    """How many copies of the seed articles reach ``target`` triples.

    Entities and their facts are shared between copies; what each copy adds is
    its articles, their statements and the mentions of entities in them.
    """
    g = rdflib.Graph().parse(small)
    _, named = article_graphs(g)
    own = (str(KGR["article/"]), str(KGR["statement/"]))
    per_copy = {t for triples in named.values() for t in triples
                if str(t[0]).startswith(own) or t[1] == KG.mentionedIn}
    shared = len(g) - len(per_copy)
    return max(1, math.ceil(1.01 * (target - shared) / max(len(per_copy), 1)))


def large_graph_pipeline(work: Path, copies: int, jobs: int) -> Path:
    from kg.pipeline import build

    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for k in range(copies):
        for f in seeds:
            shutil.copy(f, corpus / f"c{k:05d}_{f.name}")
    out = work / "large"
    build(corpus, out, formats=("turtle",), jobs=jobs, incremental=False, validate=False, progress=True)
    return out / "graph.ttl"


def large_graph_fixture(work: Path, small: Path, copies: int) -> Path:
    """Replicate the article-derived triples under renamed article/statement IRIs (N-Triples is Turtle)."""
    g = rdflib.Graph().parse(small)
    _, named = article_graphs(g)
    derived = sorted(set().union(*map(set, named.values())))
    shared = sorted(set(g) - set(derived))
    out = work / "large" / "graph.ttl"
    out.parent.mkdir(parents=True, exist_ok=True)
    renamed = (str(KGR["article/"]), str(KGR["statement/"]))

    def rename(term: rdflib.term.Node, k: int) -> rdflib.term.Node:
        if isinstance(term, rdflib.URIRef) and str(term).startswith(renamed):
            return rdflib.URIRef(f"{term}-c{k:05d}")
        return term

    with out.open("w", encoding="utf-8") as fh:
        for s, p, o in shared:
            fh.write(f"{nt(s)} {nt(p)} {nt(o)} .\n")
        for k in range(copies):
            for s, p, o in derived:
                fh.write(f"{nt(rename(s, k))} {nt(p)} {nt(rename(o, k))} .\n")
    return out


def nt(term: rdflib.term.Node) -> str:
    """N-Triples syntax for a term (pyoxigraph's, which escapes newlines in literals)."""
    return str(to_ox(term))


# --------------------------------------------------------------------------- timing


def _rdflib_worker(graph: rdflib.Graph, text: str, repeat: int, budget: float, conn) -> None:
    """Child process: time ``text`` on the inherited graph; send back (row count, timings)."""
    times, rows = [], 0
    for _ in range(repeat + 1):
        t, res = timed(lambda: list(graph.query(text)))
        times.append(t)
        rows = len(res)
        if sum(times) > budget:
            break
    conn.send((rows, times))
    conn.close()


def time_rdflib(graph: rdflib.Graph, text: str, repeat: int, budget: float,
                timeout: float) -> tuple[int, list[float]] | None:
    """Run rdflib in a forked child (it shares the parsed graph) so a slow query can be cut off."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_worker, args=(graph, text, repeat, budget, child))
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            return parent.recv()
        return None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()


def bench_graph(label: str, ttl: Path, repeat: int, rdflib_budget: float, rdflib_timeout: float) -> dict:
    print(f"\n== {label}: {ttl}", flush=True)
    if store.store_dir(ttl).exists():
        shutil.rmtree(store.store_dir(ttl))
    load_ox, _ = timed(lambda: store.ensure_store(ttl))
    ox_store = store.open_store(ttl)
    triples = len(ox_store)
    load_rdflib, g = timed(lambda: rdflib.Graph().parse(ttl, format="turtle"))
    print(f"triples {triples:,}; oxigraph bulk load {load_ox:.1f} s; rdflib parse {load_rdflib:.1f} s", flush=True)

    results = []
    for name in q.named_queries():
        text = q.prepare_named(name, ARGS.get(name, []))
        ox_times, rows = [], 0
        for _ in range(repeat + 1):  # first run warms caches, not counted
            t, value = timed(lambda text=text: q.comparable(q.run(ox_store, text)))
            ox_times.append(t)
            rows = len(value[1])
        ox_median = statistics.median(ox_times[1:])
        got = time_rdflib(g, text, repeat, rdflib_budget, rdflib_timeout)
        entry: dict = {"query": name, "rows": rows, "oxigraph_ms": ox_median * 1000}
        if got is None:
            entry.update(rdflib_ms=None, rdflib_runs=0, ratio=None, note=f"rdflib > {rdflib_timeout:.0f} s")
            ratio_text = f">{rdflib_timeout / ox_median:,.0f}"
        else:
            rl_rows, rl_times = got
            if rl_rows != rows:
                raise SystemExit(f"{name}: rdflib found {rl_rows} rows, oxigraph {rows}")
            counted = rl_times[1:] or rl_times
            rl_median = statistics.median(counted)
            entry.update(rdflib_ms=rl_median * 1000, rdflib_runs=len(counted), ratio=rl_median / ox_median)
            ratio_text = f"{entry['ratio']:,.0f}"
        results.append(entry)
        rl_text = "timeout" if entry["rdflib_ms"] is None else f"{entry['rdflib_ms']:.1f} ms"
        print(f"  {name:<28} rows {rows:>5}  oxigraph {ox_median * 1000:9.2f} ms  "
              f"rdflib {rl_text:>14}  x{ratio_text}", flush=True)
    return {"label": label, "graph": str(ttl), "triples": triples,
            "oxigraph_load_s": load_ox, "rdflib_parse_s": load_rdflib, "queries": results}


def markdown(runs: list[dict]) -> str:
    small, large = runs
    lines = [
        (f"| query | rows (seeds) | oxigraph ms | rdflib ms | ratio | rows ({large['triples']:,} triples) "
         f"| oxigraph ms | rdflib ms | ratio |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    def cells(r: dict, digits: int) -> str:
        if r["rdflib_ms"] is None:
            return f"{r['oxigraph_ms']:.{digits}f} | {r['note']} | — |"
        return f"{r['oxigraph_ms']:.{digits}f} | {r['rdflib_ms']:,.{digits}f} | {r['ratio']:,.0f}× |"

    for a, b in zip(small["queries"], large["queries"], strict=True):
        lines.append(f"| {a['query']} | {a['rows']} | {cells(a, 2)} {b['rows']} | {cells(b, 1)}")
    lines.append("")
    for r in runs:
        lines.append(f"- {r['label']}: {r['triples']:,} triples; oxigraph bulk load {r['oxigraph_load_s']:.1f} s "
                     f"(once, then reused), rdflib parse {r['rdflib_parse_s']:.1f} s (every process)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", choices=("pipeline", "fixture"), default="pipeline",
                   help="build graphs with kg.pipeline.build over seed copies (default) or replicate the fixture")
    p.add_argument("--triples", type=int, default=1_000_000, help="size of the large graph (at least)")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per query and engine (after one warm-up)")
    p.add_argument("--rdflib-budget", type=float, default=120.0,
                   help="stop repeating an rdflib query once its runs took this many seconds")
    p.add_argument("--rdflib-timeout", type=float, default=900.0,
                   help="give up on an rdflib query after this many seconds (reported as a lower bound)")
    p.add_argument("--jobs", type=int, default=2, help="extraction processes for the pipeline")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="scratch folder")
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    small = seeds_graph(args.work, args.source, args.jobs)
    copies = copies_needed(small, args.triples)
    print(f"large graph: {copies} copies of the seed articles ({args.source})", flush=True)
    t, large = timed(lambda: large_graph_pipeline(args.work, copies, args.jobs) if args.source == "pipeline"
                     else large_graph_fixture(args.work, small, copies))
    print(f"built in {t:.0f} s", flush=True)
    runs = [bench_graph(label, ttl, args.repeat, args.rdflib_budget, args.rdflib_timeout)
            for label, ttl in (("seeds", small), ("large", large))]
    table = markdown(runs)
    print("\n" + table)
    meta = {"python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
            "rdflib": rdflib.__version__, "machine": platform.machine(), "source": args.source,
            "copies": copies, "seconds": time.perf_counter() - started}
    print(f"\n{meta}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "runs": runs}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
