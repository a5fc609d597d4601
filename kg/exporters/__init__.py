"""Export formats, found by name (as rdflib maps serializer names to plugins).

A format is a module in this package (or, from another installed package, an
entry point of the ``kg.exporters`` group) that satisfies ``Exporter``::

    NAME = "turtle"            # what users pass to --format
    DESCRIPTION = "…"          # one line for --help
    SUFFIX = ".ttl"            # default file suffix ("" when it writes a folder)

    def export(graph: rdflib.Graph, out: Path, **options) -> list[Path]: ...

``export`` receives the built graph (never the pipeline's internals), so any
format can be produced later from ``graph.ttl`` alone; it raises ValueError
for an option value it does not accept. Adding a format to kg is adding one
file here; adding one from another package is declaring, in its pyproject.toml::

    [project.entry-points."kg.exporters"]
    myformat = "mypackage.myformat"      # a module (or module:object) as above

kg's own formats keep their names: an entry point named like one is ignored.
"""
from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rdflib import Graph

from kg.exceptions import KgError
from kg.registry import add_entry_points, scan_folder

if TYPE_CHECKING:
    from kg.registry import Traversable

ENTRY_POINT_GROUP = "kg.exporters"


@runtime_checkable
class Exporter(Protocol):
    """What a format module provides (module attributes, or an object's)."""

    NAME: str
    DESCRIPTION: str
    SUFFIX: str

    def export(self, graph: Graph, out: Path, **options: Any) -> list[Path]: ...


class ExportError(KgError):
    """An unknown format, or an option value the format does not accept."""


def _own(entry: Traversable) -> tuple[str, Exporter] | None:
    module = importlib.import_module(f"{__name__}.{entry.name.removesuffix('.py')}")
    return (module.NAME, module) if isinstance(module, Exporter) else None


def _plugged(obj: object) -> Exporter | None:
    return obj if isinstance(obj, Exporter) else None


def available() -> dict[str, Exporter]:
    """Every format, keyed by name, in name order: kg's own, then those other packages add."""
    return add_entry_points(scan_folder(resources.files(__name__), ".py", _own), ENTRY_POINT_GROUP, _plugged)


def get(name: str) -> Exporter:
    formats = available()
    if name not in formats:
        raise ExportError(f"unknown export format {name!r}; known: {', '.join(formats)}")
    return formats[name]


def export(graph: Graph, fmt: str, out: str | Path, **options: Any) -> list[Path]:
    """Write ``graph`` in format ``fmt`` to ``out``; returns the files written."""
    exporter = get(fmt)
    try:
        return exporter.export(graph, Path(out), **options)
    except ValueError as exc:
        raise ExportError(f"{fmt}: {exc}") from exc
