"""A standalone Cypher script of ``MERGE`` statements that a Cypher database runs as it is.

``dialect="neo4j"`` (default) targets Neo4j 5: a uniqueness constraint on
``Resource.iri``, then every node merged on its IRI with its type as a second
label, then every relationship merged between two IRIs, one statement a line.
Run it with ``cypher-shell --file graph.cypher``; running it again changes
nothing.

``dialect="kuzu"`` targets Kuzu, which needs a schema first: one node table
per type (a node with two types goes to the first, in ``kg.model`` order) and
one relationship table per type listing the FROM/TO pairs that occur. Kuzu
reads ``\\n`` in a string as ``n``, so its strings keep raw control characters
and a statement may span lines; Neo4j strings use escapes.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.exporters._property_graph import (
    EDGE_SCHEMA,
    NODE_SCHEMA,
    PGEdge,
    PGNode,
    PropertyGraph,
    number_text,
    property_graph,
)
from kg.fsutil import atomic_open

NAME = "cypher"
DESCRIPTION = "standalone Cypher MERGE script (--option dialect=neo4j|kuzu)"
SUFFIX = ".cypher"
DIALECTS = ("neo4j", "kuzu")
COMMON_LABEL = "Resource"

_NEO4J_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_KUZU_TYPES = {"string": "STRING", "string[]": "STRING[]", "int": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}


def string_literal(text: str, dialect: str = "neo4j") -> str:
    """A single-quoted Cypher string that reads back as exactly ``text``."""
    if dialect == "kuzu":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    out = []
    for ch in text:
        if ch in _NEO4J_ESCAPES:
            out.append(_NEO4J_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def value_literal(value: object, dialect: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_literal(v, dialect) for v in value) + "]"
    return string_literal(str(value), dialect)


def name(identifier: str) -> str:
    """A backquoted label, type or table name."""
    return "`" + identifier.replace("`", "``") + "`"


def _assignments(var: str, props: Mapping[str, object], schema: dict[str, str], dialect: str) -> list[str]:
    sets = []
    for key in schema:
        value = props.get(key)
        if key == "iri" or value is None or value == []:
            continue
        sets.append(f"{var}.{key} = {value_literal(value, dialect)}")
    return sets


def _node_pattern(node_type: str, iri: str, dialect: str, var: str) -> str:
    label = name(node_type) if dialect == "kuzu" else COMMON_LABEL
    return f"({var}:{label} {{iri: {string_literal(iri, dialect)}}})"


def schema_statements(pg: PropertyGraph) -> list[str]:
    """Kuzu DDL: a node table per type, a relationship table per type with its FROM/TO pairs."""
    columns = ", ".join(f"{k} {_KUZU_TYPES[t]}" for k, t in NODE_SCHEMA.items())
    out = [f"CREATE NODE TABLE IF NOT EXISTS {name(t)}({columns}, PRIMARY KEY (iri));" for t in pg.node_types()]
    type_of = {n.iri: n.type for n in pg.nodes}
    edge_columns = "".join(f", {k} {_KUZU_TYPES[t]}" for k, t in EDGE_SCHEMA.items())
    for rel in pg.edge_types():
        pairs = sorted({(type_of[e.start], type_of[e.end]) for e in pg.edges if e.type == rel})
        ends = ", ".join(f"FROM {name(a)} TO {name(b)}" for a, b in pairs)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {name(rel)}({ends}{edge_columns});")
    return out


def node_statement(node: PGNode, dialect: str) -> str:
    sets = _assignments("n", node.props, NODE_SCHEMA, dialect)
    if dialect == "neo4j":
        sets.insert(0, "n:" + ":".join(name(t) for t in node.types))
    tail = f" SET {', '.join(sets)}" if sets else ""
    return f"MERGE {_node_pattern(node.type, node.iri, dialect, 'n')}{tail};"


def edge_statement(edge: PGEdge, types: dict[str, str], dialect: str) -> str:
    sets = _assignments("r", edge.props, EDGE_SCHEMA, dialect)
    tail = f" SET {', '.join(sets)}" if sets else ""
    a = _node_pattern(types[edge.start], edge.start, dialect, "a")
    b = _node_pattern(types[edge.end], edge.end, dialect, "b")
    return f"MATCH {a}, {b} MERGE (a)-[r:{name(edge.type)}]->(b){tail};"


def script(graph: Graph, dialect: str = "neo4j") -> str:
    """The whole script as text."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown Cypher dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    pg = property_graph(graph)
    lines = [f"// kg graph as Cypher ({dialect}): {len(pg.nodes)} nodes, {len(pg.edges)} relationships"]
    if dialect == "kuzu":
        lines += schema_statements(pg)
    else:
        lines.append(f"CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:{COMMON_LABEL}) REQUIRE n.iri IS UNIQUE;")
    lines += [node_statement(n, dialect) for n in pg.nodes]
    types = {n.iri: n.type for n in pg.nodes}
    lines += [edge_statement(e, types, dialect) for e in pg.edges]
    return "\n".join(lines) + "\n"


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    text = script(graph, str(options.get("dialect", "neo4j")))
    with atomic_open(out, "w") as fh:
        fh.write(text)
    return [out]
