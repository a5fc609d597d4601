"""``kg query``: SPARQL 1.1 over the built graph, ad hoc or by name."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg import query as q
from kg.commands._args import add_graph_option, key_value
from kg.store import open_store
from kg.textwidth import display_width

EPILOG = """\
examples:
  kg query --list
  kg query --name party-orgs-by-place 济宁市
  kg query --name entities-in-place Enterprise 山东省 --format csv
  kg query --name evidence --param a=王小明 --param b=华宇建材党支部
  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  kg query --file my.rq --format json

The prefixes kg, kgr, rdf, rdfs, owl, skos, prov, dcterms, xsd, org and schema are
predeclared: a query uses them without PREFIX lines (its own PREFIX lines win).
A query that does not parse prints the line, a caret under the column and what is wrong.
A name that is no entity's label or alias is reported on stderr with the names it may mean.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run SPARQL over the built graph (ad hoc or a named query)",
        description="Run a SPARQL 1.1 query over the built graph in an embedded oxigraph store "
        "kept beside graph.ttl (rebuilt automatically when graph.ttl changes).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("args", nargs="*", metavar="ARG", help="the query text, or with --name the query's arguments")
    add_graph_option(p)
    p.add_argument("--name", "-n", help="run a named query (see --list)")
    p.add_argument("--param", "-p", action="append", default=[], type=key_value, metavar="NAME=VALUE",
                   help="a named query argument by name (repeatable)")
    p.add_argument("--file", "-f", type=Path, help="read the query from a file ('-' for stdin)")
    p.add_argument("--list", action="store_true", help="list the named queries and exit")
    p.add_argument("--format", choices=q.FORMATS, default="table",
                   help="table (default), or the SPARQL 1.1 csv, tsv or json results format")
    p.add_argument("--max-width", type=int, default=48, metavar="N",
                   help="clip table cells to N columns (0: never; default 48)")
    p.add_argument("--show", action="store_true", help="print the query with its arguments bound instead of running it")
    p.add_argument("--rebuild", action="store_true", help="rebuild the store from graph.ttl first")
    p.set_defaults(func=run)


def _list() -> int:
    entries = q.listing()
    width = max(display_width(name) for name, _, _ in entries)
    for name, params, description in entries:
        print(f"{name.ljust(width)}  {description}")
        if params:
            print(f"{' ' * width}    params: {params}")
    return 0


def _query_text(args: argparse.Namespace) -> str:
    if args.name:
        return q.bind(args.named.text, args.bindings)
    if args.param:
        raise q.QueryError("--param only applies to --name queries")
    if args.file is not None:
        if args.args:
            raise q.QueryError("give the query either as text or with --file, not both")
        if str(args.file) == "-":
            return sys.stdin.read()
        try:
            return args.file.read_text(encoding="utf-8")
        except OSError as exc:
            raise q.QueryError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    if len(args.args) == 1:
        return args.args[0]
    if not args.args and not sys.stdin.isatty():
        return sys.stdin.read()
    raise q.QueryError("give one query (quote it), --file, --name or --list")


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list()
    if args.name:
        args.named = q.get_named_query(args.name)
        args.bindings = q.bind_arguments(args.named, args.args, dict(args.param))
    sparql = _query_text(args)
    if args.show:
        sys.stdout.write(sparql if sparql.endswith("\n") else sparql + "\n")
        return 0
    store = open_store(args.graph, rebuild=args.rebuild)
    if args.name:
        for message in q.unknown_names(store, args.named, args.bindings):
            print(f"kg query: {message}", file=sys.stderr)
    data = q.format_result(q.run(store, sparql), args.format, args.max_width)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0
