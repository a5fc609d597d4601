"""Data files shipped with the package: lexicons, ingest patterns, named queries (``queries/*.rq``), ontology, shapes."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def read_text(name: str) -> str:
    """Text of a resource file, by path relative to this package."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a one-item-per-line lexicon."""
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon (comments and blank lines skipped)."""
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in read_lines(name))
