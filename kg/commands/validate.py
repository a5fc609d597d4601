"""``kg validate --graph DIR``: check a built graph against the SHACL shapes and list what is wrong."""
from __future__ import annotations

import argparse

from kg.commands._args import add_graph_option
from kg.exceptions import EXIT_OK, EXIT_PARTIAL, KgError


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "validate",
        help="check a built graph against the SHACL shapes (shapes.ttl)",
        description="Run the SHACL shapes (shapes.ttl) over a built graph and print each violation on one "
        "line, as pyshacl words it: the entity's label and IRI, the property, and what is wrong. By "
        "default a SHACL screen in Python (kg.screen) checks every node first and pyshacl re-checks only "
        "the nodes it flags, which is several times faster on large graphs. A graph that does not conform "
        "exits with status 1.",
    )
    add_graph_option(parser, old_positional=True)
    parser.add_argument("--engine", choices=["auto", "pyshacl"], default="auto",
                        help="auto: kg.screen screens, pyshacl explains (default); pyshacl: pyshacl checks every node")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from kg.validate import validate_graph

    try:
        report = validate_graph(args.graph, engine=args.engine)
    except (SyntaxError, ValueError) as exc:  # rdflib's parse errors derive from these; say which file
        raise KgError(f"cannot read {args.graph}: {exc}") from exc
    print(report.text())
    return EXIT_OK if report.conforms else EXIT_PARTIAL
