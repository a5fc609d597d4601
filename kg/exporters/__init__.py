"""Export formats, one module each, found by name (as rdflib maps serializer names to plugins).

A format module in this package defines::

    NAME = "turtle"            # what users pass to --format
    DESCRIPTION = "…"          # one line for --help
    SUFFIX = ".ttl"            # default file suffix ("" when it writes a folder)

    def export(graph: rdflib.Graph, out: Path, **options) -> list[Path]: ...

``export`` receives the built graph (never the pipeline's internals), so any
format can be produced later from ``graph.ttl`` alone. Adding a format is adding
one file here.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import Graph


def available() -> dict[str, ModuleType]:
    """All export modules, keyed by format name, in name order."""
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "NAME", None)
        if name and callable(getattr(module, "export", None)):
            found[name] = module
    return dict(sorted(found.items()))


def get(name: str) -> ModuleType:
    formats = available()
    if name not in formats:
        raise KeyError(f"unknown export format {name!r}; known: {', '.join(formats)}")
    return formats[name]


def export(graph: Graph, fmt: str, out: str | Path, **options: Any) -> list[Path]:
    """Write ``graph`` in format ``fmt`` to ``out``; returns the files written."""
    return get(fmt).export(graph, Path(out), **options)
