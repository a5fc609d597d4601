"""ontology.ttl parses, declares every term the graph uses, in Chinese and English."""
from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph import build_graph
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.vocab import DERIVATIONS, KG, ORG, SCHEMA

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py

ROOT = Path(__file__).resolve().parents[1]
CLASSES = ["Place", "PartyOrganisation", "Enterprise", "Programme", "Person", "Organisation", "Article", "Statement"]
OBJECT_PROPERTIES = ["locatedIn", "partyOrgOf", "memberOf", "leads", "implements", "mentionedIn", "derivation"]
DATATYPE_PROPERTIES = ["adminCode", "adminLevel", "evidence", "sourceFile"]
INDIVIDUALS = ["FromText", "FromName", "FromGazetteer"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontology.ttl", format="turtle")


def test_package_ships_the_same_file():
    link = ROOT / "kg" / "resources" / "ontology.ttl"
    assert link.is_symlink() and os.readlink(link) == "../../ontology.ttl"
    shipped = importlib.resources.files("kg").joinpath("resources", "ontology.ttl").read_text(encoding="utf-8")
    assert shipped == (ROOT / "ontology.ttl").read_text(encoding="utf-8")
    assert len(Graph().parse(data=shipped, format="turtle")) > 100


@pytest.mark.parametrize("name", CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + INDIVIDUALS)
def test_every_term_has_chinese_and_english_label_and_comment(onto, name):
    term = KG[name]
    assert (term, RDF.type, None) in onto, f"kg:{name} not declared"
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, f"kg:{name} {prop} languages {langs}"


def test_kinds(onto):
    for name in CLASSES:
        assert (KG[name], RDF.type, OWL.Class) in onto
    for name in OBJECT_PROPERTIES:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in onto
    for name in DATATYPE_PROPERTIES:
        assert (KG[name], RDF.type, OWL.DatatypeProperty) in onto
    for name in INDIVIDUALS:
        assert (KG[name], RDF.type, OWL.NamedIndividual) in onto
        assert (KG[name], RDF.type, KG.Derivation) in onto
    assert set(ENTITY_TYPES) <= set(CLASSES)
    assert set(RELATION_TYPES) <= set(OBJECT_PROPERTIES)
    assert set(DERIVATIONS.values()) == set(INDIVIDUALS)


def _classes(onto: Graph, node) -> set[str]:
    """Local names of a class or of the members of an owl:unionOf."""
    union = onto.value(node, OWL.unionOf)
    members = list(Collection(onto, union)) if union is not None else [node]
    return {str(m).rsplit("#", 1)[1] for m in members}


ALL = set(ENTITY_TYPES)


@pytest.mark.parametrize("rel, domain, range_", [
    ("locatedIn", ALL, {"Place"}),
    ("partyOrgOf", {"PartyOrganisation"}, {"Enterprise", "Organisation"}),
    ("memberOf", ALL, {"PartyOrganisation", "Organisation"}),
    ("leads", {"Person"}, {"PartyOrganisation", "Enterprise", "Organisation"}),
    ("implements", {"Place", "PartyOrganisation", "Enterprise", "Organisation"}, {"Programme"}),
])
def test_domains_and_ranges_follow_the_guidelines(onto, rel, domain, range_):
    assert _classes(onto, onto.value(KG[rel], RDFS.domain)) == domain
    assert _classes(onto, onto.value(KG[rel], RDFS.range)) == range_


def test_alignments(onto):
    for name in ("PartyOrganisation", "Organisation", "Enterprise"):
        assert (KG[name], RDFS.subClassOf, ORG.Organization) in onto
    assert (KG.Place, RDFS.subClassOf, SCHEMA.Place) in onto
    assert (KG.Person, RDFS.subClassOf, SCHEMA.Person) in onto
    assert (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in onto
    assert (KG.Article, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in onto
    assert (KG.Statement, RDFS.subClassOf, RDF.Statement) in onto
    assert (KG.memberOf, RDFS.subPropertyOf, ORG.memberOf) in onto


def test_every_kg_term_the_graph_uses_is_declared(onto):
    g = build_graph(fx.sample_kb())
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    assert used and used <= declared, used - declared
