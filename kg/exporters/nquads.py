"""N-Quads with one named graph per article, so each fact keeps its source article."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.exporters._rdf import sorted_quads
from kg.fsutil import atomic_open

NAME = "nquads"
DESCRIPTION = "N-Quads, one named graph per article (provenance kept), sorted"
SUFFIX = ".nq"


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    with atomic_open(out, "wb", encoding=None) as fh:
        ox.serialize(sorted_quads(graph, split=True), fh, format=ox.RdfFormat.N_QUADS)
    return [out]
