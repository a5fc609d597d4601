"""TriG with one named graph per article: the readable twin of the N-Quads export."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.exporters._rdf import prefixes, sorted_quads
from kg.fsutil import atomic_write_bytes

NAME = "trig"
DESCRIPTION = "TriG, one named graph per article (provenance kept)"
SUFFIX = ".trig"


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    data = ox.serialize(sorted_quads(graph, split=True), format=ox.RdfFormat.TRIG, prefixes=prefixes()) or b""
    lines = data.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    body = lines[len(head):]
    atomic_write_bytes(out, b"\n".join(sorted(head) + body))
    return [out]
