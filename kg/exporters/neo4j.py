"""Neo4j: CSV files in the ``neo4j-admin database import`` header format, plus ``load.cypher``.

One node file per label set (``nodes_Place.csv``…) and one relationship file
per type (``rels_locatedIn.csv``…). Headers use the import tool's typed
columns (``iri:ID``, ``name:string``, ``aliases:string[]``, ``mentions:int``,
``:LABEL``; ``:START_ID``, ``:END_ID``, ``:TYPE``), so the same files load
two ways:

- offline, fastest: ``neo4j-admin database import full`` (see the README
  written beside the files for the exact command), or
- into a running database: ``load.cypher`` (``LOAD CSV`` + ``MERGE``).

Array elements and labels are separated by U+001F (unit separator), which
cannot occur in names or sentences, so values holding ``;``, ``,``, quotes or
newlines survive; fields are quoted RFC 4180 style (``""`` for a quote).
Every node also gets the label ``Resource``, on which ``iri`` is unique.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.exporters._property_graph import (
    EDGE_SCHEMA,
    NODE_SCHEMA,
    PGNode,
    number_text,
    property_graph,
)
from kg.fsutil import atomic_open, atomic_write_text

NAME = "neo4j"
DESCRIPTION = "Neo4j import CSVs (neo4j-admin header format) + load.cypher for LOAD CSV (writes a folder)"
SUFFIX = ""

COMMON_LABEL = "Resource"
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


def node_header() -> list[str]:
    cols = []
    for key, kind in NODE_SCHEMA.items():
        cols.append("iri:ID" if key == "iri" else f"{key}:{kind}")
    return cols + [":LABEL"]


def edge_header() -> list[str]:
    return [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{kind}" for k, kind in EDGE_SCHEMA.items()]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def labels(node: PGNode) -> list[str]:
    return [COMMON_LABEL, *node.types]


def _writer(fh: Any) -> Any:
    return csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def _cypher_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def load_script(node_files: dict[str, list[str]], edge_files: dict[str, str]) -> str:
    """The LOAD CSV script: constraint first, then nodes, then relationships, in file-name order."""
    d = "'\\u001f'"
    out = [
        "// Load the CSV files beside this script into a running Neo4j 5 database:",
        "// copy them into the database's import folder, then run",
        "//   cypher-shell -u neo4j -p <password> --file load.cypher",
        f"CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:{COMMON_LABEL}) REQUIRE n.iri IS UNIQUE;",
        "",
    ]
    for name, node_labels in sorted(node_files.items()):
        sets = [f"n:{':'.join(f'`{label}`' for label in node_labels[1:])}"] if len(node_labels) > 1 else []
        for key, kind in NODE_SCHEMA.items():
            if key == "iri":
                continue
            col = f"row.`{key}:{kind}`"
            if kind == "string[]":
                sets.append(f"n.{key} = split({col}, {d})")
            elif kind == "int":
                sets.append(f"n.{key} = toInteger({col})")
            elif kind == "double":
                sets.append(f"n.{key} = toFloat({col})")
            elif kind == "boolean":
                sets.append(f"n.{key} = toBoolean({col})")
            else:
                sets.append(f"n.{key} = {col}")
        out += [
            f"LOAD CSV WITH HEADERS FROM {_cypher_string('file:///' + name)} AS row",
            "CALL {",
            "  WITH row",
            f"  MERGE (n:{COMMON_LABEL} {{iri: row.`iri:ID`}})",
            "  SET " + ",\n      ".join(sets),
            "} IN TRANSACTIONS OF 5000 ROWS;",
            "",
        ]
    for name, rel in sorted(edge_files.items()):
        sets = [f"r.{key} = split(row.`{key}:{kind}`, {d})" for key, kind in EDGE_SCHEMA.items()]
        out += [
            f"LOAD CSV WITH HEADERS FROM {_cypher_string('file:///' + name)} AS row",
            "CALL {",
            "  WITH row",
            f"  MATCH (a:{COMMON_LABEL} {{iri: row.`:START_ID`}}), (b:{COMMON_LABEL} {{iri: row.`:END_ID`}})",
            f"  MERGE (a)-[r:`{rel}`]->(b)",
            "  SET " + ",\n      ".join(sets),
            "} IN TRANSACTIONS OF 5000 ROWS;",
            "",
        ]
    return "\n".join(out)


def readme(node_files: dict[str, list[str]], edge_files: dict[str, str]) -> str:
    nodes = " ".join(f"--nodes={name}" for name in sorted(node_files))
    rels = " ".join(f"--relationships={name}" for name in sorted(edge_files))
    return f"""# Loading these files into Neo4j

Offline bulk import into a new, empty database (Neo4j 5; stop the database first):

    neo4j-admin database import full --array-delimiter={ARRAY_DELIMITER_OPTION} --multiline-fields=true \\
        {nodes} \\
        {rels} \\
        --overwrite-destination=true neo4j

Or into a running database with LOAD CSV: copy the CSV files into the database's
`import` folder, set `dbms.import.csv.legacy_quote_escaping=false` in neo4j.conf
(a backslash before a quote is data here, not an escape), then run

    cypher-shell -u neo4j -p <password> --file load.cypher

Arrays (aliases, evidence, articles) and multiple labels are separated by U+001F.
"""


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    pg = property_graph(graph)
    out.mkdir(parents=True, exist_ok=True)
    groups: dict[tuple[str, ...], list[PGNode]] = {}
    for node in pg.nodes:
        groups.setdefault(node.types, []).append(node)
    written: list[Path] = []
    node_files: dict[str, list[str]] = {}
    for types, nodes in sorted(groups.items()):
        name = f"nodes_{'_'.join(types)}.csv"
        node_files[name] = labels(nodes[0])
        with atomic_open(out / name, "w") as fh:
            w = _writer(fh)
            w.writerow(node_header())
            for node in nodes:
                w.writerow([_cell(node.props.get(k)) for k in NODE_SCHEMA] + [_cell(labels(node))])
        written.append(out / name)
    edge_files: dict[str, str] = {}
    for rel in pg.edge_types():
        name = f"rels_{rel}.csv"
        edge_files[name] = rel
        with atomic_open(out / name, "w") as fh:
            w = _writer(fh)
            w.writerow(edge_header())
            for e in pg.edges:
                if e.type == rel:
                    w.writerow([e.start, e.end, e.type] + [_cell(e.props.get(k)) for k in EDGE_SCHEMA])
        written.append(out / name)
    for stale in sorted(out.glob("nodes_*.csv")) + sorted(out.glob("rels_*.csv")):
        if stale.name not in node_files and stale.name not in edge_files:
            stale.unlink()
    written.append(atomic_write_text(out / "load.cypher", load_script(node_files, edge_files)))
    written.append(atomic_write_text(out / "README.md", readme(node_files, edge_files)))
    return written
