"""Options and argument types that several commands share, so they read the same everywhere."""
from __future__ import annotations

import argparse

DEFAULT_GRAPH = "out"


def add_graph_option(parser: argparse.ArgumentParser, *, old_positional: bool = False) -> None:
    """``--graph DIR`` (``-g``): the built graph a command reads.

    ``old_positional`` also reads the graph as an optional positional argument, the form
    ``kg view`` and ``kg validate`` took before ``--graph``; it is left out of the help.
    """
    parser.add_argument("--graph", "-g", default=DEFAULT_GRAPH, metavar="DIR",
                        help="the built graph: the folder holding graph.ttl, or the graph file itself "
                             f"(any RDF file rdflib reads by suffix; default: {DEFAULT_GRAPH})")
    if old_positional:
        # same dest, no default: only sets the graph when given
        parser.add_argument("graph", nargs="?", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def key_value(text: str) -> tuple[str, str]:
    """An argparse ``type=`` for ``KEY=VALUE`` arguments: the key without surrounding spaces, the value as given."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"want KEY=VALUE, got {text!r}")
    return key.strip(), value
