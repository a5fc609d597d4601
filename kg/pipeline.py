"""The library API behind the CLI: extract one file, or build a graph from a corpus.

    from kg.pipeline import build, extract_file_json
    result = build("seeds/", "out/")          # writes out/graph.ttl and out/graph.html
    extract_file_json("seeds/000_….txt")      # gold-shaped dict for one file

The stages run in order (ingest -> extract -> resolve -> graph -> exports), each
in its own module; nothing here knows how a stage works inside.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.executors import get_nlp, run_extraction

from kg.model import ENTITY_TYPES, METHOD_GAZETTEER, RELATION_TYPES, Article, Extraction, KnowledgeBase, Skipped
from kg.resolve import resolve


def extract_articles(articles: Iterable[Article], model: str = "auto", progress: bool = False) -> list[Extraction]:
    """Extract articles in this process (see ``kg.executors`` for parallel runs)."""
    return run_extraction(list(articles), model, progress=progress)


def to_gold_shape(doc: str, extractions: list[Extraction]) -> dict:
    """Merge the extractions of one file's articles into the gold JSON shape."""
    entities: dict[tuple[str, str], dict] = {}
    relations: dict[tuple[str, str, str], dict] = {}
    for ex in extractions:
        for e in ex.entities:
            key = (e.type, e.name)
            item = entities.setdefault(key, {"name": e.name, "type": e.type, "aliases": set(), "mentions": []})
            item["aliases"] |= e.aliases
            for m in e.mentions[:3]:
                sent = ex.sentences[m.sentence] if 0 <= m.sentence < len(ex.sentences) else ""
                item["mentions"].append({"article": ex.article.id, "text": m.text, "rule": m.rule,
                                         "sentence": sent.strip()})
        for r in ex.relations:
            if r.method == METHOD_GAZETTEER:
                continue
            relations.setdefault((r.head, r.rel, r.tail), {"head": r.head, "rel": r.rel, "tail": r.tail,
                                                            "evidence": r.evidence, "rule": r.rule})
    ents = []
    for item in sorted(entities.values(), key=lambda x: (ENTITY_TYPES.index(x["type"]), x["name"])):
        item["aliases"] = sorted(a for a in item["aliases"] if a != item["name"])
        ents.append(item)
    rels = sorted(relations.values(), key=lambda r: (RELATION_TYPES.index(r["rel"]), r["head"], r["tail"]))
    return {"doc": doc, "entities": ents, "relations": rels}


def extract_file_json(path: str | Path, model: str = "auto") -> dict:
    """What the pipeline finds in one file, in the gold files' JSON shape."""
    from kg.ingest import read_file

    path = Path(path)
    articles = read_file(path, root=path.parent)
    return to_gold_shape(path.name, extract_articles(articles, model))


@dataclass
class BuildResult:
    kb: KnowledgeBase
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    model: str = ""

    def summary(self) -> str:
        kb = self.kb
        types = Counter(n.type for n in kb.nodes.values())
        rels = Counter(e.rel for e in kb.edges.values())
        lines = [f"articles: {len(kb.articles)} (from {len({a.source for a in kb.articles.values()})} files)"]
        lines.append("entities: " + ", ".join(f"{t} {types.get(t, 0)}" for t in ENTITY_TYPES)
                     + f" (total {len(kb.nodes)})")
        lines.append("relations: " + ", ".join(f"{r} {rels.get(r, 0)}" for r in RELATION_TYPES)
                     + f" (total {len(kb.edges)})")
        if kb.skipped:
            lines.append(f"skipped: {len(kb.skipped)} file(s)")
            lines.extend(f"  {s.path}: {s.reason}" for s in kb.skipped)
        else:
            lines.append("skipped: none")
        lines.extend(f"wrote {p}" for p in self.outputs)
        lines.append(f"pipeline: {self.model}; {self.seconds:.1f} s")
        return "\n".join(lines)


def build(input_path: str | Path, out_dir: str | Path = "out", formats: tuple[str, ...] = ("turtle", "html"),
          model: str = "auto", progress: bool = False, jobs: int = 1, executor: str = "local",
          scheduler: str | None = None) -> BuildResult:
    """Run the whole pipeline over a folder (or file) and write the graph and its views.

    Stages: ingest -> extraction (``kg.executors``: here, a process pool or Dask) ->
    resolution -> graph -> one exporter per format (written atomically).
    """
    from kg import exporters
    from kg.graph import build_graph
    from kg.ingest import read_corpus
    from kg.nlp import describe

    started = time.perf_counter()
    articles, skipped = read_corpus(input_path)
    extractions = run_extraction(articles, model, jobs=jobs, executor=executor, scheduler=scheduler,
                                 progress=progress)
    kb = resolve(extractions)
    kb.skipped = list(skipped)
    graph = build_graph(kb)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs: list[Path] = []
    names = {"turtle": "graph.ttl", "html": "graph.html"}
    for fmt in formats:
        module = exporters.get(fmt)
        target = out / names.get(fmt, f"graph{module.SUFFIX}")
        outputs.extend(module.export(graph, target))
    return BuildResult(kb, outputs, time.perf_counter() - started, describe(get_nlp(model)))


__all__ = ["build", "extract_file_json", "extract_articles", "to_gold_shape", "BuildResult", "Skipped"]
