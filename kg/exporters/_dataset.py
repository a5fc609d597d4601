"""Split a built graph into one named graph per article, for N-Quads and TriG.

Works from a plain rdflib Graph (what ``graph.ttl`` holds), so the dataset
formats can be produced from the Turtle alone. A triple goes to the graph of
every article it came from:

- a ``kg:Statement`` and the fact it reifies: the articles in its ``prov:wasDerivedFrom``;
- ``?entity kg:mentionedIn ?article``: that article;
- a ``kg:Quantity``'s description and the ``kg:hasQuantity`` link to it: its article;
- the article's own description (title, source file, creator, date, publisher): that article.

Everything else (entity names, types, codes, facts from the gazetteer) stays in
the default graph; a fact that both the gazetteer and an article give is in
both. The union of all graphs is exactly the input graph. This is the split
``kg.graph.build_dataset`` makes from the knowledge base, recovered from the
triples alone.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kg.vocab import KG, PREFIXES

Triple = tuple[Node, Node, Node]


def article_graphs(graph: Graph) -> tuple[list[Triple], dict[URIRef, list[Triple]]]:
    """(default-graph triples, {article IRI: its triples}), everything sorted."""
    articles = {a for a in graph.subjects(RDF.type, KG.Article) if isinstance(a, URIRef)}
    placed: dict[URIRef, set[Triple]] = defaultdict(set)
    unsourced: set[Triple] = set()  # facts some statement gives without an article (the gazetteer)
    for st in set(graph.subjects(RDF.type, KG.Statement)):
        sources = [a for a in graph.objects(st, PROV.wasDerivedFrom) if isinstance(a, URIRef) and a in articles]
        own = list(graph.triples((st, None, None)))
        s, p, o = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        fact = (s, p, o) if s is not None and p is not None and o is not None and (s, p, o) in graph else None
        if not sources:
            if fact is not None:
                unsourced.add(fact)
            continue
        if fact is not None:
            own.append(fact)
        for article in sources:
            placed[article].update(own)
    for s, _, mentioned_in in graph.triples((None, KG.mentionedIn, None)):
        if isinstance(mentioned_in, URIRef) and mentioned_in in articles:
            placed[mentioned_in].add((s, KG.mentionedIn, mentioned_in))
    for q in set(graph.subjects(RDF.type, KG.Quantity)):
        own = list(graph.triples((q, None, None))) + list(graph.triples((None, KG.hasQuantity, q)))
        for derived_from in graph.objects(q, PROV.wasDerivedFrom):
            if isinstance(derived_from, URIRef) and derived_from in articles:
                placed[derived_from].update(own)
    for article in articles:
        placed[article].update(graph.triples((article, None, None)))
    named: set[Triple] = set().union(*placed.values()) if placed else set()
    default = sorted(t for t in graph if t not in named or t in unsourced)
    return default, {a: sorted(placed[a]) for a in sorted(placed)}


def iter_quads(graph: Graph) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
    """Quads in a stable order: the default graph (graph ``None``) first, then articles by IRI."""
    default, named = article_graphs(graph)
    for s, p, o in default:
        yield s, p, o, None
    for article, triples in named.items():
        for s, p, o in triples:
            yield s, p, o, article


def article_dataset(graph: Graph) -> Dataset:
    """The graph as an rdflib Dataset with one named graph per article."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for s, p, o, g in iter_quads(graph):
        ds.add((s, p, o, ds.get_context(DATASET_DEFAULT_GRAPH_ID if g is None else g)))
    return ds
