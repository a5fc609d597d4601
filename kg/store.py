"""The embedded SPARQL store: a pyoxigraph database kept beside ``graph.ttl``.

Parsing Turtle is the slow part of answering a query, so the first query over a
graph loads it into an on-disk oxigraph store (``out/graph.oxigraph/``) and
later queries open that store directly. The store is a cache of the Turtle,
never the other way round: it records the SHA-256 of the Turtle it was built
from and is rebuilt whenever ``graph.ttl`` changes. Size and modification time
are checked first so an unchanged file is not re-hashed on every query.

rdflib stays the library for building and serialising graphs; this module only
answers queries.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph

from kg.cache import file_sha256
from kg.fsutil import atomic_write_text
from kg.graph import graph_file

KEY_FILE = "kg-source.json"  # written inside the store directory; rocksdb ignores it
STORE_FORMAT = 1  # bump when the way the store is filled changes


def store_dir(ttl: str | Path) -> Path:
    """Where the store for ``ttl`` lives: ``graph.ttl`` -> ``graph.oxigraph/``."""
    ttl = Path(ttl)
    return ttl.with_name(ttl.stem + ".oxigraph")


def _read_key(directory: Path) -> dict:
    try:
        return json.loads((directory / KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _stat_key(ttl: Path) -> dict:
    st = ttl.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def is_fresh(ttl: str | Path) -> bool:
    """True when the store beside ``ttl`` was built from exactly this Turtle.

    Updates the recorded modification time when only that changed (a ``touch``
    or a rebuild that wrote identical bytes), so the hash is computed once.
    """
    ttl = Path(ttl)
    directory = store_dir(ttl)
    key = _read_key(directory)
    if key.get("format") != STORE_FORMAT or key.get("pyoxigraph") != pyoxigraph.__version__:
        return False
    stat = _stat_key(ttl)
    if key.get("size") == stat["size"] and key.get("mtime_ns") == stat["mtime_ns"]:
        return True
    if key.get("size") != stat["size"] or key.get("sha256") != file_sha256(ttl):
        return False
    key.update(stat)
    atomic_write_text(directory / KEY_FILE, json.dumps(key, sort_keys=True, indent=1) + "\n")
    return True


@contextlib.contextmanager
def _build_lock(ttl: Path) -> Iterator[None]:
    """Serialise rebuilds of one store between processes (no-op where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock = ttl.with_name(f".{store_dir(ttl).name}.lock")
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_store(ttl: str | Path) -> Path:
    """Load ``ttl`` into a fresh store and swap it in place of the old one."""
    ttl = Path(ttl)
    target = store_dir(ttl)
    stat = _stat_key(ttl)
    sha = file_sha256(ttl)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=ttl.parent))
    try:
        store = pyoxigraph.Store(str(tmp / "db"))
        with open(ttl, "rb") as fh:
            store.bulk_load(fh, format=pyoxigraph.RdfFormat.TURTLE)
        triples = len(store)
        store.flush()
        del store
        key = {
            "format": STORE_FORMAT,
            "pyoxigraph": pyoxigraph.__version__,
            "source": ttl.name,
            "sha256": sha,
            "triples": triples,
            **stat,
        }
        atomic_write_text(tmp / "db" / KEY_FILE, json.dumps(key, sort_keys=True, indent=1) + "\n")
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp / "db", target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_store(ttl: str | Path, *, rebuild: bool = False) -> Path:
    """The store directory for ``ttl``, (re)built first when it is missing or stale."""
    ttl = Path(ttl)
    if not rebuild and is_fresh(ttl):
        return store_dir(ttl)
    with _build_lock(ttl):
        if not rebuild and is_fresh(ttl):  # another process built it while we waited
            return store_dir(ttl)
        return build_store(ttl)


def open_store(graph: str | Path = "out", *, rebuild: bool = False) -> pyoxigraph.Store:
    """A read-only store over ``graph`` (a ``graph.ttl`` or the folder holding it).

    Read-only so that any number of ``kg query`` runs and a ``kg serve`` can
    share the store at once.
    """
    ttl = graph_file(graph)
    try:
        directory = ensure_store(ttl, rebuild=rebuild)
    except PermissionError:
        # a graph in a folder we may not write to: query it from memory instead
        store = pyoxigraph.Store()
        with open(ttl, "rb") as fh:
            store.bulk_load(fh, format=pyoxigraph.RdfFormat.TURTLE)
        return store
    return pyoxigraph.Store.read_only(str(directory))


def triple_count(graph: str | Path = "out") -> int:
    """Triples in the store, as recorded when it was built."""
    directory = ensure_store(graph_file(graph))
    return int(_read_key(directory).get("triples", 0))
