"""Pick the part of a built graph that ``kg view`` shows.

``select(graph, focus, depth, types)`` keeps the entities within ``depth``
relation hops of the entity called ``focus`` (its label or any alias), only of
the given ``types``, together with everything that describes them: labels,
aliases, codes, the statements behind the relations kept and the articles
they cite. The result is an ordinary graph in the ``kg.vocab`` shape, so the
HTML exporter (or any other) takes it as it takes a whole graph.
"""
from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.exceptions import KgError
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.vocab import KG, TYPE_SLUGS

RELATION_IRIS = frozenset(KG[r] for r in RELATION_TYPES)
_TYPE_IRIS = {KG[t]: t for t in ENTITY_TYPES}


class NodeNotFound(KgError, LookupError):
    """No entity has the requested name; ``suggestions`` holds close ones."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        text = f"no entity named {name!r}"
        if suggestions:
            text += "; close matches: " + ", ".join(suggestions)
        super().__init__(text)


def normalise_types(types: Iterable[str] | None) -> list[str] | None:
    """Entity type names as in ``kg.model.ENTITY_TYPES``; accepts any case and IRI slugs (``party-org``)."""
    if types is None:
        return None
    lookup = {t.lower(): t for t in ENTITY_TYPES}
    lookup.update({slug: t for t, slug in TYPE_SLUGS.items()})
    lookup.update({"partyorg": "PartyOrganisation", "organization": "Organisation",
                   "partyorganization": "PartyOrganisation", "program": "Programme"})
    out: list[str] = []
    for t in types:
        key = t.strip().lower()
        if key not in lookup:
            raise ValueError(f"unknown entity type {t!r}; known: {', '.join(ENTITY_TYPES)}")
        if lookup[key] not in out:
            out.append(lookup[key])
    return out


def entity_types(graph: Graph) -> dict[URIRef, str]:
    """Every entity of the graph and its type."""
    found: dict[URIRef, str] = {}
    for iri, name in _TYPE_IRIS.items():
        for s in graph.subjects(RDF.type, iri):
            if isinstance(s, URIRef) and s not in found:
                found[s] = name
    return found


def names(graph: Graph, node: URIRef) -> list[str]:
    return [str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(node, p)]


def find(graph: Graph, name: str, entities: Iterable[URIRef] | None = None) -> list[URIRef]:
    """Entities whose label or alias equals ``name`` (surrounding spaces ignored)."""
    wanted = name.strip()
    pool = set(entities) if entities is not None else set(entity_types(graph))
    hits = set()
    for p in (RDFS.label, SKOS.altLabel):
        for s, o in graph.subject_objects(p):
            if isinstance(s, URIRef) and s in pool and str(o).strip() == wanted:
                hits.add(s)
    return sorted(hits)


def suggest(graph: Graph, name: str, entities: Iterable[URIRef], limit: int = 8) -> list[str]:
    """Names close to ``name``: those that contain it or are contained in it first, then similar ones."""
    wanted = name.strip()
    all_names = sorted({n for e in entities for n in names(graph, e)})
    if not wanted:
        return all_names[:limit]
    contains = sorted((n for n in all_names if wanted in n or (len(n) > 1 and n in wanted)), key=lambda n: (len(n), n))
    similar = difflib.get_close_matches(wanted, all_names, n=limit, cutoff=0.4)
    out: list[str] = []
    for n in contains + similar:
        if n not in out:
            out.append(n)
    return out[:limit]


def neighbourhood(graph: Graph, seeds: Iterable[URIRef], depth: int, allowed: set[URIRef]) -> set[URIRef]:
    """Entities within ``depth`` relation hops of ``seeds``, either direction, through ``allowed`` ones only."""
    adjacency: dict[URIRef, set[URIRef]] = {}
    for p in RELATION_IRIS:
        for s, o in graph.subject_objects(p):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and s in allowed and o in allowed:
                adjacency.setdefault(s, set()).add(o)
                adjacency.setdefault(o, set()).add(s)
    seen = set(seeds)
    queue = deque((s, 0) for s in seen)
    while queue:
        node, d = queue.popleft()
        if d >= depth:
            continue
        for nxt in adjacency.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, d + 1))
    return seen


def subgraph(graph: Graph, keep: set[URIRef]) -> Graph:
    """The triples of ``graph`` that describe the entities in ``keep`` and the links among them."""
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    articles: set[URIRef] = set()
    for node in keep:
        for p, o in graph.predicate_objects(node):
            if p in RELATION_IRIS and o not in keep:
                continue
            out.add((node, p, o))
            if p == KG.mentionedIn and isinstance(o, URIRef):
                articles.add(o)
    for st in graph.subjects(RDF.type, KG.Statement):
        if graph.value(st, RDF.subject) in keep and graph.value(st, RDF.object) in keep:
            for p, o in graph.predicate_objects(st):
                out.add((st, p, o))
                if p == PROV.wasDerivedFrom and isinstance(o, URIRef):
                    articles.add(o)
    for article in articles:
        for p, o in graph.predicate_objects(article):
            out.add((article, p, o))
    return out


def select(graph: Graph, focus: str | None = None, depth: int = 2, types: list[str] | None = None) -> Graph:
    """The neighbourhood of ``focus`` within ``depth`` hops, restricted to entity ``types``.

    With no ``focus`` every entity (of ``types``) is kept. Raises ``NodeNotFound``
    (with close matches) when no label or alias equals ``focus``, and
    ``ValueError`` for an unknown type or a negative depth.
    """
    wanted_types = normalise_types(types)
    if focus is None and not wanted_types:
        return graph
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    typed = entity_types(graph)
    allowed = {e for e, t in typed.items() if wanted_types is None or t in wanted_types}
    if focus is None:
        return subgraph(graph, allowed)
    seeds = find(graph, focus, typed)
    if not seeds:
        raise NodeNotFound(focus, suggest(graph, focus, typed))
    return subgraph(graph, neighbourhood(graph, seeds, depth, allowed | set(seeds)))
