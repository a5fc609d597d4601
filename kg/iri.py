"""Deterministic IRIs for nodes, articles, statements and quantities (see ``kg.vocab``).

Every name is percent-encoded as UTF-8 with nothing left safe, so each IRI is
plain ASCII and valid in any RDF syntax, SPARQL and HTML attribute:

    node_iri(Node(key="Place:370784", name="安丘市", type="Place", code="370784000000"))
        -> https://w3id.org/kg-dangjian/resource/place/370784
    node_iri(Node(key="Enterprise:鑫达", name="鑫达", type="Enterprise"))
        -> https://w3id.org/kg-dangjian/resource/enterprise/%E9%91%AB%E8%BE%BE
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from kg.model import Node
from kg.vocab import KG, KGR, TYPE_SLUGS


def _segment(text: str) -> str:
    return quote(text, safe="")


def short_code(code: str) -> str:
    """An administrative code without its zero padding, as IRIs use it (``kg.vocab``).

    12-digit statistical codes lose trailing ``000`` groups down to 6 digits:
    ``370784000000`` -> ``370784`` (county), ``370784001000`` -> ``370784001``
    (township); anything else is kept as it is.
    """
    code = code.strip()
    if len(code) == 12 and code.isdigit():
        while len(code) > 6 and code.endswith("000"):
            code = code[:-3]
    return code


def entity_iri(type_: str, name: str, code: str | None = None) -> URIRef:
    """IRI of an entity of ``type_`` called ``name`` (a place with an admin code is named by the code)."""
    if type_ not in TYPE_SLUGS:
        raise ValueError(f"unknown entity type {type_!r}; known: {', '.join(TYPE_SLUGS)}")
    if type_ == "Place" and code:
        return KGR[f"place/{_segment(short_code(code))}"]
    if name == "":
        # An empty name would give every nameless entity the same IRI; never expected,
        # but keep the IRI distinct and stable rather than fail a whole build.
        name = "_"
    return KGR[f"{TYPE_SLUGS[type_]}/{_segment(name)}"]


def node_iri(node: Node) -> URIRef:
    return entity_iri(node.type, node.name, node.code)


def article_iri(article_id: str) -> URIRef:
    return KGR["article/" + _segment(article_id)]


def relation_iri(rel: str) -> URIRef:
    """The ontology property of a relation type (``"locatedIn"`` -> ``kg:locatedIn``)."""
    return KG[rel]


def statement_iri(
    head: str,
    predicate: str,
    tail: str,
    derivation: str,
    article: str | None = None,
    evidence: str | None = None,
) -> URIRef:
    """IRI of one statement: a hash over everything that makes it distinct.

    ``head``, ``predicate``, ``tail`` and ``derivation`` are IRIs (or their
    strings); ``article`` is the article IRI, if any; ``evidence`` the sentence.
    """
    parts = [str(head), str(predicate), str(tail), str(derivation), str(article or ""), evidence or ""]
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return KGR["statement/" + digest[:20]]


def quantity_iri(subject: str, article: str, measure: str, value: str, unit: str, approx: bool,
                 date: str | None, evidence: str, position: int) -> URIRef:
    """IRI of one reported amount: a hash over its subject and article IRIs, what it says and
    where (``position``: its offset in the article), so equal amounts elsewhere stay apart."""
    parts = [str(subject), str(article), measure, value, unit, "~" if approx else "=", date or "", evidence,
             str(position)]
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return KGR["quantity/" + digest[:20]]
