"""N-Triples: one triple a line, sorted, for diffing and for any RDF tool."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.exporters._rdf import sorted_quads
from kg.fsutil import atomic_open

NAME = "ntriples"
DESCRIPTION = "N-Triples, sorted (one triple a line)"
SUFFIX = ".nt"


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    triples = [q.triple for q in sorted_quads(graph, split=False)]
    with atomic_open(out, "wb", encoding=None) as fh:
        ox.serialize(triples, fh, format=ox.RdfFormat.N_TRIPLES)
    return [out]
