"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the built graph (see ``kg.serve``)."""
from __future__ import annotations

import argparse

from kg.commands._args import add_graph_option
from kg.serve import DEFAULT_HOST, DEFAULT_PORT, serve


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the graph as a SPARQL 1.1 endpoint (oxigraph; read-only by default)",
        description="Serve the built graph over the SPARQL 1.1 Protocol with oxigraph's server, "
        "which also offers a query page in the browser. Ctrl-C stops it.",
    )
    add_graph_option(p)
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update and Graph Store writes (on a scratch copy, dropped on exit)")
    p.add_argument("--timeout", type=int, default=None, metavar="SECONDS", help="per-query time limit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    def say(line: str) -> None:
        print(line, flush=True)

    return serve(args.graph, host=args.host, port=args.port, allow_update=args.allow_update,
                 timeout_s=args.timeout, announce=say)
