"""IRIs are deterministic, ASCII, valid everywhere, and survive Turtle both ways."""
from __future__ import annotations

import re

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.iri import article_iri, entity_iri, node_iri, short_code, statement_iri
from kg.model import ENTITY_TYPES, Node
from kg.vocab import KG, KGR

# RFC 3986: unreserved / reserved characters and percent-escapes, nothing else.
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

AWKWARD = [
    "安丘市",
    "with space",
    " leading and trailing ",
    'double"quote',
    "single'quote",
    "<angle>",
    "a#fragment",
    "100%",
    "%E5%AE%89",  # looks already encoded: must still be encoded again, not decoded
    "a/b/c",
    "line\nbreak\r\ttab",
    "emoji 😀🇨🇳",
    "back\\slash",
    "{curly}|pipe^caret`tick",
    "?query=1&x=2",
    ".",
    "..",
    " ",
    "\u2028\u2029",
    "\x00nul",
    "",
]


def valid_uri(iri: str) -> bool:
    return bool(URI_RE.match(iri)) and iri.isascii()


def turtle_round_trip(iris: list[URIRef]) -> None:
    g = Graph()
    for i, iri in enumerate(iris):
        g.add((iri, RDFS.label, Literal(str(i))))
    data = g.serialize(format="turtle")
    back = Graph().parse(data=data, format="turtle")
    assert set(back.subjects()) == set(iris)
    oxi = {str(q.subject.value) for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)}
    assert oxi == {str(i) for i in iris}


@pytest.mark.parametrize("type_", ENTITY_TYPES)
def test_awkward_names_give_valid_distinct_iris(type_):
    iris = [entity_iri(type_, name) for name in AWKWARD]
    for iri in iris:
        assert valid_uri(str(iri)), iri
        assert str(iri).startswith(str(KGR))
    assert len(set(iris)) == len(AWKWARD)
    turtle_round_trip(iris)


def test_entity_iri_shape():
    assert entity_iri("Enterprise", "拉普达") == KGR["enterprise/%E6%8B%89%E6%99%AE%E8%BE%BE"]
    assert entity_iri("PartyOrganisation", "a/b") == KGR["party-org/a%2Fb"]
    assert entity_iri("Person", "张 三") == KGR["person/%E5%BC%A0%20%E4%B8%89"]
    with pytest.raises(ValueError):
        entity_iri("Animal", "x")


def test_place_with_code_is_named_by_code():
    node = Node("Place:370784", "安丘市", "Place", code="370784000000")
    assert node_iri(node) == KGR["place/370784"]
    assert node_iri(Node("Place:x", "接庄街道", "Place", code="370784001000")) == KGR["place/370784001"]
    assert node_iri(Node("Place:x", "某村", "Place", code="370784001201")) == KGR["place/370784001201"]
    assert node_iri(Node("Place:x", "山东省", "Place", code="370000000000")) == KGR["place/370000"]
    # the name does not matter once there is a code; without one it does
    assert node_iri(Node("Place:y", "安丘", "Place", code="370784000000")) == KGR["place/370784"]
    assert node_iri(Node("Place:z", "接庄街道", "Place")) == entity_iri("Place", "接庄街道")
    # only places are named by code
    assert node_iri(Node("Organisation:x", "机构", "Organisation", code="1")) == entity_iri("Organisation", "机构")


def test_short_code():
    assert short_code("370784000000") == "370784"
    assert short_code("110000000000") == "110000"
    assert short_code("370784001000") == "370784001"
    assert short_code("370784") == "370784"
    assert short_code("x/y") == "x/y"
    assert valid_uri(str(entity_iri("Place", "p", code="x/y <z>")))


def test_article_iri():
    assert article_iri("000_260ebf55d2a37705-0") == KGR["article/000_260ebf55d2a37705-0"]
    iris = [article_iri(name) for name in AWKWARD]
    assert all(valid_uri(str(i)) for i in iris)
    assert len(set(iris)) == len(AWKWARD)
    turtle_round_trip(iris)


def test_statement_iri_is_deterministic_and_sensitive_to_every_part():
    parts = (KGR["place/370784"], KG.locatedIn, KGR["place/370700"], KG.FromText, article_iri("a"), "句子")
    base = statement_iri(*parts)
    assert base == statement_iri(*parts)
    assert str(base).startswith(str(KGR["statement/"]))
    assert re.fullmatch(r"[0-9a-f]{20}", str(base).rsplit("/", 1)[1])
    seen = {base}
    for i in range(len(parts)):
        changed = list(parts)
        changed[i] = URIRef(str(changed[i]) + "x") if i < 5 else changed[i] + "x"
        seen.add(statement_iri(*changed))
    assert len(seen) == len(parts) + 1
    assert statement_iri(*parts[:4]) != base  # no article, no evidence


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(ENTITY_TYPES))
def test_any_name_gives_a_valid_iri_that_round_trips(name, type_):
    iri = entity_iri(type_, name)
    assert valid_uri(str(iri))
    assert entity_iri(type_, name) == iri
    turtle_round_trip([iri])
