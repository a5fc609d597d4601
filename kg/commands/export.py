"""``kg export``: write the built graph in another format (see ``kg.exporters``)."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg import exporters
from kg.commands._args import add_graph_option, key_value
from kg.graph import graph_file, load_graph


def register(sub: argparse._SubParsersAction) -> None:
    formats = exporters.available()
    lines = "\n".join(f"  {name:<10} {exporter.DESCRIPTION}" for name, exporter in formats.items())
    p = sub.add_parser(
        "export",
        help="write the built graph as N-Triples, N-Quads, TriG, JSON-LD, GraphML, Neo4j CSV or Cypher",
        description="Export the built graph (graph.ttl) to another format. Installed packages can add "
        f"formats through the {exporters.ENTRY_POINT_GROUP!r} entry-point group.",
        epilog=f"formats:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", "-F", dest="fmt", choices=list(formats), help="output format")
    p.add_argument("--out", "-o", type=Path,
                   help="output file (a folder for neo4j); default: GRAPH_DIR/export/graph.SUFFIX")
    add_graph_option(p)
    p.add_argument("--option", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                   help="format option, e.g. dialect=kuzu for cypher (repeatable)")
    p.add_argument("--list", action="store_true", help="list the formats and exit")
    p.set_defaults(func=run)


def default_out(ttl: Path, fmt: str) -> Path:
    suffix = exporters.get(fmt).SUFFIX
    folder = ttl.parent / "export"
    return folder / fmt if not suffix else folder / f"{ttl.stem}{suffix}"


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name, exporter in exporters.available().items():
            print(f"{name:<10} {exporter.DESCRIPTION}")
        return 0
    if not args.fmt:
        raise exporters.ExportError("--format is required (see --list)")
    ttl = graph_file(args.graph)
    graph = load_graph(ttl)
    out = args.out or default_out(ttl, args.fmt)
    for path in exporters.export(graph, args.fmt, out, **dict(args.option)):
        print(path)
    return 0
