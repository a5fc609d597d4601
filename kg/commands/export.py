"""``kg export``: write the built graph in another format (see ``kg.exporters``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg import exporters
from kg.graph import load_graph
from kg.graph import GraphNotFound, graph_file


def register(sub: argparse._SubParsersAction) -> None:
    formats = exporters.available()
    lines = "\n".join(f"  {name:<10} {exporter.DESCRIPTION}" for name, exporter in formats.items())
    p = sub.add_parser(
        "export",
        help="write the built graph as N-Triples, N-Quads, TriG, JSON-LD, GraphML, Neo4j CSV or Cypher",
        description="Export the built graph (graph.ttl) to another format.",
        epilog=f"formats:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", "-F", dest="fmt", choices=list(formats), help="output format")
    p.add_argument("--out", "-o", type=Path,
                   help="output file (a folder for neo4j); default: GRAPH_DIR/export/graph.SUFFIX")
    p.add_argument("--graph", "-g", default="out", help="graph.ttl or the folder holding it (default: out/)")
    p.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="format option, e.g. dialect=kuzu for cypher (repeatable)")
    p.add_argument("--list", action="store_true", help="list the formats and exit")
    p.set_defaults(func=run)


def default_out(ttl: Path, fmt: str) -> Path:
    suffix = exporters.get(fmt).SUFFIX
    folder = ttl.parent / "export"
    return folder / fmt if not suffix else folder / f"{ttl.stem}{suffix}"


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name, module in exporters.available().items():
            print(f"{name:<10} {module.DESCRIPTION}")
        return 0
    if not args.fmt:
        print("kg export: --format is required (see --list)", file=sys.stderr)
        return 2
    options = {}
    for item in args.option:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"kg export: --option wants KEY=VALUE, got {item!r}", file=sys.stderr)
            return 2
        options[key.strip()] = value.strip()
    try:
        ttl = graph_file(args.graph)
        graph = load_graph(ttl)
        out = args.out or default_out(ttl, args.fmt)
        written = exporters.export(graph, args.fmt, out, **options)
    except GraphNotFound as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 1
    except exporters.ExportError as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
