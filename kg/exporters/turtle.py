"""Turtle: the graph as ``graph.ttl``, the file every other format can be made from."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.fsutil import atomic_write_bytes

NAME = "turtle"
DESCRIPTION = "RDF Turtle (graph.ttl), readable by any RDF tool"
SUFFIX = ".ttl"


def serialize(graph: Graph) -> bytes:
    """Turtle bytes for ``graph``; the same triples always give the same bytes."""
    data = graph.serialize(format="turtle", encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    out = Path(out)
    if out.is_dir():
        out = out / "graph.ttl"
    return [atomic_write_bytes(out, serialize(graph))]
