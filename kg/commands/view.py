"""``kg view``: write an interactive HTML view of a built graph (or part of it)."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.commands._args import add_graph_option
from kg.model import ENTITY_TYPES


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "view",
        help="write an interactive HTML view of a built graph",
        description="Write one self-contained, offline HTML page showing the graph: search, filters, "
        "evidence sentences. With --focus, only the neighbourhood of one entity.",
    )
    add_graph_option(parser, old_positional=True)
    parser.add_argument("--focus", metavar="NAME", help="centre on the entity with this name or alias")
    parser.add_argument("--depth", metavar="N", type=_depth, default=2,
                        help="with --focus: how many relation hops to include (default: 2)")
    parser.add_argument("--type", dest="types", metavar="T", nargs="+", action="extend", type=_entity_type,
                        help=f"only these entity types ({', '.join(ENTITY_TYPES)})")
    parser.add_argument("--out", metavar="FILE", help="where to write the page (default: GRAPH_DIR/view.html)")
    parser.add_argument("--title", help="page title")
    parser.add_argument("--isolated", choices=("apart", "mixed"), default="apart",
                        help="entities with no relation: in a grid below the network (apart, default) or laid "
                             "out among the rest (mixed)")
    parser.set_defaults(func=run)
    return parser


def _depth(text: str) -> int:
    try:
        hops = int(text)
    except ValueError:
        hops = -1
    if hops < 0:
        raise argparse.ArgumentTypeError(f"want a number of hops (0 or more), got {text!r}")
    return hops


def _entity_type(text: str) -> str:
    from kg.subgraph import normalise_types

    try:
        names = normalise_types([text]) or []
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return names[0]


def run(args: argparse.Namespace) -> int:
    from kg.exporters import html
    from kg.graph import graph_file, load_graph
    from kg.subgraph import select

    source = graph_file(args.graph)
    part = select(load_graph(source), focus=args.focus, depth=args.depth, types=args.types)
    out = Path(args.out) if args.out else source.parent / "view.html"
    options = {"title": args.title, "isolated": args.isolated} if args.title else {"isolated": args.isolated}
    written = html.export(part, out, **options)
    nodes, edges = html.read_view(part)
    print(f"wrote {written[0]} ({len(nodes)} entities, {len(edges)} relations)")
    return 0
