"""Turn a resolved ``KnowledgeBase`` into RDF, in the shape ``kg.vocab`` describes.

``build_graph`` gives one ``rdflib.Graph`` (what ``graph.ttl`` holds);
``build_dataset`` gives the same triples split into named graphs, one per
article, for quad formats. ``load_graph`` reads a built graph back.

No blank nodes are made, so the same knowledge base always serialises to the
same bytes.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.util import guess_format

from kg.exceptions import KgError
from kg.iri import article_iri, node_iri, quantity_iri, relation_iri, statement_iri
from kg.model import KnowledgeBase
from kg.vocab import DATE_TYPES, DERIVATIONS, KG, PREFIXES

# A triple and the named graph it belongs in (None: the default graph).
Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef | None]

ZH = "zh"


def canonical_decimal(text: str) -> str:
    """XSD's canonical decimal (``7`` -> ``7.0``), which Turtle writes and reads back unchanged."""
    return text if "." in text else text + ".0"


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def quads(kb: KnowledgeBase) -> Iterator[Quad]:
    """Every triple of the graph, with the article graph it derives from."""
    iris = {key: node_iri(node) for key, node in kb.nodes.items()}

    for key in sorted(kb.nodes):
        node = kb.nodes[key]
        s = iris[key]
        yield s, RDF.type, KG[node.type], None
        yield s, RDFS.label, Literal(node.name, lang=ZH), None
        for alias in sorted(node.aliases):
            if alias and alias != node.name:
                yield s, SKOS.altLabel, Literal(alias, lang=ZH), None
        if node.type == "Place":
            if node.code:
                yield s, KG.adminCode, Literal(node.code), None
            if node.level:
                yield s, KG.adminLevel, Literal(node.level), None
        for article_id in sorted(node.articles):
            art_iri = article_iri(article_id)
            yield s, KG.mentionedIn, art_iri, art_iri

    for edge_key in sorted(kb.edges):
        edge = kb.edges[edge_key]
        if edge.head not in iris or edge.tail not in iris:
            continue  # an edge to a node that was dropped: nothing to point at
        h, p, t = iris[edge.head], relation_iri(edge.rel), iris[edge.tail]
        provenance = sorted(set(edge.provenance), key=lambda pv: (pv.method, pv.article or "", pv.evidence or ""))
        if not provenance:
            yield h, p, t, None
        for pv in provenance:
            derivation = KG[DERIVATIONS.get(pv.method, DERIVATIONS["text"])]
            a = article_iri(pv.article) if pv.article else None
            st = statement_iri(h, p, t, derivation, a, pv.evidence)
            yield h, p, t, a
            yield st, RDF.type, KG.Statement, a
            yield st, RDF.subject, h, a
            yield st, RDF.predicate, p, a
            yield st, RDF.object, t, a
            yield st, KG.derivation, derivation, a
            if a is not None:
                yield st, PROV.wasDerivedFrom, a, a
            if pv.evidence:
                yield st, KG.evidence, Literal(pv.evidence, lang=ZH), a

    for quantity in kb.quantities:
        if quantity.subject not in iris:
            continue
        f = quantity.fact
        s, a = iris[quantity.subject], article_iri(quantity.article)
        q = quantity_iri(s, a, f.measure, f.value, f.unit, f.approx, f.date, f.evidence, f.start)
        yield s, KG.hasQuantity, q, a
        yield q, RDF.type, KG.Quantity, a
        if f.measure:
            yield q, KG.measure, Literal(f.measure, lang=ZH), a
        yield q, KG.value, Literal(canonical_decimal(f.value), datatype=XSD.decimal), a
        yield q, KG.unit, Literal(f.unit), a
        yield q, KG.approximate, Literal(f.approx), a
        if f.date and len(f.date) in DATE_TYPES:
            yield q, KG.asOf, Literal(f.date, datatype=DATE_TYPES[len(f.date)]), a
        yield q, KG.derivation, KG[DERIVATIONS["text"]], a
        yield q, PROV.wasDerivedFrom, a, a
        if f.evidence:
            yield q, KG.evidence, Literal(f.evidence, lang=ZH), a

    for article_id in sorted(kb.articles):
        article = kb.articles[article_id]
        a = article_iri(article_id)
        yield a, RDF.type, KG.Article, a
        if article.title:
            yield a, DCTERMS.title, Literal(article.title, lang=ZH), a
        if article.source:
            yield a, KG.sourceFile, Literal(article.source), a
        if article.date and len(article.date) in DATE_TYPES:
            yield a, DCTERMS.date, Literal(article.date, datatype=DATE_TYPES[len(article.date)]), a
        if article.outlet:
            yield a, DCTERMS.publisher, Literal(article.outlet, lang=ZH), a
        for name in article.byline:
            person = kb.nodes.get(f"Person:{name}")
            if person is not None:
                yield a, DCTERMS.creator, iris[person.key], a


def build_graph(kb: KnowledgeBase) -> Graph:
    """The knowledge base as one RDF graph (see ``kg.vocab`` for its shape)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in quads(kb):
        graph.add((s, p, o))
    return graph


def build_dataset(kb: KnowledgeBase) -> Dataset:
    """The same triples as ``build_graph``, split by source.

    Whatever is derived from an article (its description, the ``kg:mentionedIn``
    links to it, the statements and quantities ``prov:wasDerivedFrom`` it and their
    direct triples) is in the named graph whose name is the article's IRI; entity
    descriptions and gazetteer facts are in the default graph.
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    graphs: dict[URIRef, Graph] = {}
    default = default_graph(dataset)
    for s, p, o, g in quads(kb):
        if g is None:
            default.add((s, p, o))
        else:
            if g not in graphs:
                graphs[g] = dataset.graph(g)
            graphs[g].add((s, p, o))
    return dataset


def default_graph(dataset: Dataset) -> Graph:
    """The dataset's default graph (``default_graph`` in newer rdflib, ``default_context`` before)."""
    if "default_graph" in dir(type(dataset)):
        return dataset.default_graph
    return dataset.default_context


class GraphNotFound(KgError, FileNotFoundError):
    """No built graph where one was asked for (usually: ``kg build`` has not run)."""


def graph_file(path: str | Path = "out") -> Path:
    """The graph file ``path`` names: ``path`` itself, or ``path/graph.ttl`` when ``path`` is a folder
    (or a missing path with no suffix). Raises ``GraphNotFound`` when that file does not exist."""
    file = Path(path)
    if file.is_dir() or (not file.exists() and not file.suffix):
        file = file / "graph.ttl"
    if not file.is_file():
        raise GraphNotFound(f"no graph at {file} (run `kg build` first, or pass --graph)")
    return file


def load_graph(path: str | Path) -> Graph:
    """Read a built graph: a ``graph.ttl`` (or any RDF file rdflib knows by suffix), or a folder holding one."""
    file = graph_file(path)
    graph = bind_prefixes(Graph())
    graph.parse(file, format=guess_format(str(file)) or "turtle")
    return graph
