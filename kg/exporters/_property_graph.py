"""The RDF graph seen as a property graph, shared by the GraphML, Neo4j and Cypher exports.

Nodes are the resources typed with a ``kg:`` class (the entity types,
``kg:Article`` and ``kg:Quantity``; ``kg:Statement`` is provenance, not a node).
Literal-valued properties become node properties (a quantity's ``measure``,
``value``, ``unit``, ``approx``, ``asOf``, ``evidence`` and ``article``; an
article's ``date`` and ``publisher``). Every other triple between two nodes is an
edge typed by the predicate's local name (``locatedIn``, ``implements``,
``mentionedIn``, ``creator``…), except ``kg:hasQuantity``, which is
``HAS_QUANTITY`` as property-graph users expect; the ``kg:Statement`` records
that reify an edge become its ``derivation``/``articles``/``evidence`` list
properties. A quantity's article is a property, not an edge: provenance, like a
statement's.
Everything is sorted, so every format built from it is deterministic.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.model import ENTITY_TYPES
from kg.vocab import KG

ARTICLE = "Article"
QUANTITY = "Quantity"
NODE_TYPES: tuple[str, ...] = ENTITY_TYPES + (ARTICLE, QUANTITY)
# (the tables below are keyed by Node, the type rdflib gives a triple's predicate)
# edge types renamed from the predicate's local name
EDGE_NAMES: dict[Node, str] = {KG.hasQuantity: "HAS_QUANTITY"}

# RDF property -> (node property, is a list)
NODE_PROPERTIES: dict[Node, tuple[str, bool]] = {
    RDFS.label: ("name", False),
    SKOS.altLabel: ("aliases", True),
    KG.adminCode: ("adminCode", False),
    KG.adminLevel: ("adminLevel", False),
    DCTERMS.title: ("title", False),
    KG.sourceFile: ("sourceFile", False),
    DCTERMS.date: ("date", False),
    DCTERMS.publisher: ("publisher", False),
    KG.measure: ("measure", False),
    KG.value: ("value", False),
    KG.unit: ("unit", False),
    KG.approximate: ("approx", False),
    KG.asOf: ("asOf", False),
}
# provenance of a quantity, kept on the quantity node
QUANTITY_PROPERTIES: dict[Node, str] = {KG.evidence: "evidence", PROV.wasDerivedFrom: "article"}
# node property -> value type, in column order
NODE_SCHEMA: dict[str, str] = {
    "iri": "string",
    "name": "string",
    "aliases": "string[]",
    "adminCode": "string",
    "adminLevel": "string",
    "title": "string",
    "sourceFile": "string",
    "mentions": "int",
    "date": "string",
    "publisher": "string",
    "measure": "string",
    "value": "double",
    "unit": "string",
    "approx": "boolean",
    "asOf": "string",
    "evidence": "string",
    "article": "string",
}
EDGE_SCHEMA: dict[str, str] = {
    "derivation": "string[]",
    "articles": "string[]",
    "evidence": "string[]",
}


@dataclass
class PGNode:
    iri: str
    types: tuple[str, ...]  # kg class local names, in NODE_TYPES order
    props: dict[str, object] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """The one type used where a node can have only one (Kuzu tables, GraphML ``type``)."""
        return self.types[0]


@dataclass
class PGEdge:
    start: str
    end: str
    type: str
    props: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PropertyGraph:
    nodes: list[PGNode]
    edges: list[PGEdge]

    def node_types(self) -> list[str]:
        return sorted({n.type for n in self.nodes}, key=NODE_TYPES.index)

    def edge_types(self) -> list[str]:
        return sorted({e.type for e in self.edges})


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _lexical(value: object) -> str:
    return str(value)


def number_text(value: float) -> str:
    """A float without exponent (``1e10`` -> ``10000000000.0``), for CSV cells and Cypher literals."""
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _typed(key: str, value: Node) -> object:
    """A literal as its node property: ``value`` a float, ``approx`` a bool, anything else its text."""
    if NODE_SCHEMA.get(key) == "double":
        return float(str(value))
    if NODE_SCHEMA.get(key) == "boolean":
        return str(value).lower() == "true"
    return _lexical(value)


def property_graph(graph: Graph) -> PropertyGraph:
    """Nodes, edges and their properties from the RDF graph (see module docstring)."""
    kg_ns = str(KG)
    types: dict[URIRef, set[str]] = defaultdict(set)
    for s, cls in graph.subject_objects(RDF.type):
        name = str(cls)[len(kg_ns):] if str(cls).startswith(kg_ns) else None
        if name in NODE_TYPES and isinstance(s, URIRef):
            types[s].add(name)

    support: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for st in graph.subjects(RDF.type, KG.Statement):
        head, pred, tail = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        if head is None or pred is None or tail is None:
            continue
        record = support[(head, pred, tail)]
        for d in graph.objects(st, KG.derivation):
            record["derivation"].add(local_name(str(d)))
        for a in graph.objects(st, PROV.wasDerivedFrom):
            record["articles"].add(str(a))
        for ev in graph.objects(st, KG.evidence):
            record["evidence"].add(_lexical(ev))

    nodes = []
    for iri in sorted(types):
        props: dict[str, object] = {"iri": str(iri)}
        lists: dict[str, set[str]] = defaultdict(set)
        singles: dict[str, list[Node]] = defaultdict(list)  # literals, and a quantity's article IRI
        quantity = QUANTITY in types[iri]
        for p, o in graph.predicate_objects(iri):
            if isinstance(o, Literal) and p in NODE_PROPERTIES:
                key, many = NODE_PROPERTIES[p]
                if many:
                    lists[key].add(_lexical(o))
                else:
                    singles[key].append(o)
            elif quantity and p in QUANTITY_PROPERTIES:
                singles[QUANTITY_PROPERTIES[p]].append(o)
        for key, terms in singles.items():
            # one value expected; the least keeps it deterministic otherwise
            props[key] = _typed(key, min(terms, key=_lexical))
        for key, values in lists.items():
            props[key] = sorted(values)
        if ARTICLE not in types[iri] and not quantity:
            props["mentions"] = sum(1 for _ in graph.objects(iri, KG.mentionedIn))
        nodes.append(PGNode(str(iri), tuple(t for t in NODE_TYPES if t in types[iri]), props))

    edges = []
    for s, p, o in graph:
        if p == RDF.type or not isinstance(s, URIRef) or s not in types or o not in types:
            continue
        if p == PROV.wasDerivedFrom and QUANTITY in types[s]:
            continue  # a quantity's article is its property
        edge_props = {k: sorted(v) for k, v in sorted(support.get((s, p, o), {}).items())}
        edges.append(PGEdge(str(s), str(o), EDGE_NAMES.get(p, local_name(str(p))), edge_props))
    edges.sort(key=lambda e: (e.type, e.start, e.end))
    return PropertyGraph(nodes, edges)
