"""Shared by the RDF exporters: rdflib terms to pyoxigraph terms, and sorted quads.

rdflib builds and holds the graph; pyoxigraph's serialisers write the
line-based and TriG formats, because they are fast and emit canonical
N-Triples term syntax. Sorting the quads first makes every export of the same
graph byte-identical.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg.exporters._dataset import iter_quads
from kg.vocab import PREFIXES

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
# rdflib types a triple's subject and predicate as any Node; in a graph the subject is an IRI or a
# blank node and the predicate an IRI, so their converted terms are cast to the kinds ox.Quad and
# ox.Triple take there (which check them again themselves)
OxSubject = ox.NamedNode | ox.BlankNode


def to_ox(term: Node) -> OxTerm:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot export term {term!r}")


def term_memo() -> Callable[[Node], tuple[OxTerm, str]]:
    """``to_ox`` with a memory, also giving each term's N-Triples text (the sort key).

    A graph names far fewer terms than it has triples (60k terms in 176k triples
    for a 5 MB corpus), so converting and spelling each once halves the time.
    """
    memo: dict[Node, tuple[OxTerm, str]] = {}

    def term(node: Node) -> tuple[OxTerm, str]:
        found = memo.get(node)
        if found is None:
            converted = to_ox(node)
            found = memo[node] = (converted, str(converted))
        return found

    return term


def stable(graph: Graph) -> Graph:
    """The graph itself, or when it holds blank nodes a copy with canonical blank-node labels."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def sorted_quads(graph: Graph, *, split: bool) -> list[ox.Quad]:
    """Quads sorted by graph (default first), subject, predicate, object.

    With ``split`` the triples are spread over one named graph per article
    (see ``kg.exporters._dataset``); without, all go to the default graph.
    """
    graph = stable(graph)
    if split:
        source: Iterable = iter_quads(graph)
    else:
        source = ((s, p, o, None) for s, p, o in graph)
    term = term_memo()
    rows = []
    for s, p, o, g in source:
        name = (ox.DefaultGraph(), "") if g is None else (ox.NamedNode(str(g)), "1" + str(ox.NamedNode(str(g))))
        rows.append((name, term(s), term(p), term(o)))
    rows.sort(key=lambda row: (row[0][1], row[1][1], row[2][1], row[3][1]))
    return [ox.Quad(cast(OxSubject, s[0]), cast(ox.NamedNode, p[0]), o[0], g[0]) for g, s, p, o in rows]


def prefixes() -> dict[str, str]:
    return {name: str(ns) for name, ns in sorted(PREFIXES.items())}
