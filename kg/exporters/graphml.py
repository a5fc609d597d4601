"""GraphML via networkx, for Gephi, yEd and Cytoscape.

Node ids are IRIs; nodes carry ``type``, ``label`` and ``aliases`` (a JSON
array, so names with separators survive), plus ``adminCode``/``adminLevel``
for places, ``title``/``sourceFile``/``date``/``publisher`` for articles, and
``measure``/``value``/``unit``/``approx``/``asOf``/``evidence``/``article`` for
quantities (linked to their entity by ``HAS_QUANTITY`` edges). Edges carry ``type``
(and ``label``, which Gephi shows) and, for extracted relations, the number of
supporting statements and their evidence sentences (JSON arrays).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.exporters._property_graph import property_graph
from kg.fsutil import atomic_open

NAME = "graphml"
DESCRIPTION = "GraphML (networkx) for Gephi, yEd, Cytoscape: type, label, aliases as attributes"
SUFFIX = ".graphml"


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The property graph as a networkx MultiDiGraph with GraphML-friendly (scalar) attributes."""
    pg = property_graph(graph)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()  # nodes by IRI
    for node in pg.nodes:
        attrs: dict[str, Any] = {
            "type": node.type,
            "types": ";".join(node.types),
            "label": str(node.props.get("name") or node.props.get("title") or _quantity_label(node.props)),
            "aliases": json.dumps(node.props.get("aliases", []), ensure_ascii=False),
        }
        for key in ("adminCode", "adminLevel", "title", "sourceFile", "mentions", "date", "publisher",
                    "measure", "value", "unit", "approx", "asOf", "evidence", "article"):
            if key in node.props:
                attrs[key] = node.props[key]
        g.add_node(node.iri, **attrs)
    for edge in pg.edges:
        attrs = {"type": edge.type, "label": edge.type}
        if edge.props:
            attrs["support"] = len(edge.props.get("evidence", [])) or len(edge.props.get("articles", []))
            attrs["derivation"] = ";".join(edge.props.get("derivation", []))
            attrs["evidence"] = json.dumps(edge.props.get("evidence", []), ensure_ascii=False)
            attrs["articles"] = json.dumps(edge.props.get("articles", []), ensure_ascii=False)
        g.add_edge(edge.start, edge.end, key=edge.type, **attrs)
    return g


def _quantity_label(props: dict[str, Any]) -> str:
    """A quantity's label: its measure and amount (党组织 337个)."""
    if "value" not in props:
        return ""
    value = props["value"]
    number = str(int(value)) if isinstance(value, float) and value == int(value) else str(value)
    return f"{props.get('measure', '')} {number}{props.get('unit', '')}".strip()


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    g = to_networkx(graph)
    with atomic_open(out, "wb", encoding=None) as fh:
        nx.write_graphml(g, fh, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return [out]
