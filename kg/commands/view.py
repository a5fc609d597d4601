"""``kg view``: write an interactive HTML view of a built graph (or part of it)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.model import ENTITY_TYPES


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "view",
        help="write an interactive HTML view of a built graph",
        description="Write one self-contained, offline HTML page showing the graph: search, filters, "
        "evidence sentences. With --focus, only the neighbourhood of one entity.",
    )
    parser.add_argument("graph", nargs="?", default="out/", metavar="GRAPH",
                        help="graph.ttl, or the folder holding it (default: out/)")
    parser.add_argument("--focus", metavar="NAME", help="centre on the entity with this name or alias")
    parser.add_argument("--depth", metavar="N", type=int, default=2,
                        help="with --focus: how many relation hops to include (default: 2)")
    parser.add_argument("--type", dest="types", metavar="T", nargs="+", action="extend",
                        help=f"only these entity types ({', '.join(ENTITY_TYPES)})")
    parser.add_argument("--out", metavar="FILE", help="where to write the page (default: GRAPH_DIR/view.html)")
    parser.add_argument("--title", help="page title")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from kg.exporters import html
    from kg.graph import graph_file, load_graph
    from kg.subgraph import NodeNotFound, select

    try:
        source = graph_file(args.graph)
        graph = load_graph(source)
    except FileNotFoundError as exc:
        print(f"kg view: {exc}", file=sys.stderr)
        return 2
    try:
        part = select(graph, focus=args.focus, depth=args.depth, types=args.types)
    except NodeNotFound as exc:
        print(f"kg view: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"kg view: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else source.parent / "view.html"
    options = {"title": args.title} if args.title else {}
    written = html.export(part, out, **options)
    nodes, edges = html.read_view(part)
    print(f"wrote {written[0]} ({len(nodes)} entities, {len(edges)} relations)")
    return 0
