"""The Python SHACL screen (kg.screen) against pyshacl, one constraint component at a time.

The screen may flag a node pyshacl passes (it cannot tell, so pyshacl decides), never the other
way round: every case checks that, and where the screen can judge everything, that it flags
exactly pyshacl's focus nodes. Shapes it does not implement make it decline (None).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from kg.screen import TripleIndex, screen
from kg.validate import validate_graph

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""


def pyshacl_focus(shapes: str, data: str) -> set[str]:
    _, results, _ = validate(Graph().parse(data=PREFIXES + data, format="turtle"),
                             shacl_graph=Graph().parse(data=PREFIXES + shapes, format="turtle"),
                             inference="none", advanced=False, allow_warnings=True)
    return {results.value(r, SH.focusNode).n3() for r in results.objects(None, SH.result)}


def screen_focus(shapes: str, data: str) -> set[str] | None:
    return screen(TripleIndex.parse(PREFIXES + data), PREFIXES + shapes)


def on_p(constraint: str) -> str:
    return f"ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; {constraint} ] ."


CASES = {
    "datatype string": (on_p("sh:datatype xsd:string"),
                        'ex:a ex:p "x" . ex:b ex:p "x"@zh . ex:c ex:p ex:o . ex:d ex:p "1"^^xsd:integer .'),
    "datatype langString": (on_p("sh:datatype rdf:langString"), 'ex:a ex:p "x"@zh . ex:b ex:p "x" .'),
    "nodeKind IRI": (on_p("sh:nodeKind sh:IRI"), 'ex:a ex:p ex:o . ex:b ex:p [] . ex:c ex:p "x" .'),
    "nodeKind BlankNodeOrLiteral": (on_p("sh:nodeKind sh:BlankNodeOrLiteral"),
                                    'ex:a ex:p ex:o . ex:b ex:p [] . ex:c ex:p "x" .'),
    "minCount 2, a triple stated twice": (on_p("sh:minCount 2"),
                                          "ex:a ex:p ex:o . ex:a ex:p ex:o . ex:b ex:p ex:o , ex:q ."),
    "maxCount 1, a triple stated twice": (on_p("sh:maxCount 1"),
                                          "ex:a ex:p ex:o . ex:a ex:p ex:o . ex:b ex:p ex:o , ex:q ."),
    "minLength, escapes and IRIs": (on_p("sh:minLength 3"),
                                    'ex:a ex:p "a\\nb" . ex:b ex:p "ab" . ex:c ex:p ex:o . ex:d ex:p [] .'),
    "maxLength": (on_p("sh:maxLength 2"), 'ex:a ex:p "ab" . ex:b ex:p "abc" . ex:c ex:p "日本"@zh .'),
    "pattern with flags": (on_p('sh:pattern "^ab" ; sh:flags "i"'),
                           'ex:a ex:p "ABc" . ex:b ex:p "cab" . ex:c ex:p <http://example.org/ab> .'),
    "languageIn": (on_p('sh:languageIn ( "zh" )'),
                   'ex:a ex:p "x"@zh . ex:b ex:p "x"@ZH-Hans . ex:c ex:p "x"@en . ex:d ex:p "x" . ex:e ex:p ex:o .'),
    "in": (on_p('sh:in ( ex:o "city" )'), 'ex:a ex:p ex:o . ex:b ex:p "city" . ex:c ex:p "town" . ex:d ex:p ex:q .'),
    "hasValue": (on_p("sh:hasValue ex:o"), "ex:a ex:p ex:o , ex:q . ex:b ex:p ex:q ."),
    "class": (on_p("sh:class ex:C"), 'ex:a ex:p ex:o . ex:o a ex:C . ex:b ex:p ex:q . ex:c ex:p "x" .'),
    "node": ("ex:N sh:property [ sh:path ex:r ; sh:minCount 1 ] . " + on_p("sh:node ex:N"),
             "ex:a ex:p ex:o . ex:o ex:r ex:z . ex:b ex:p ex:q ."),
    "not": (on_p("sh:not [ sh:class ex:C ]"), "ex:a ex:p ex:o . ex:o a ex:C . ex:b ex:p ex:q ."),
    "and": (on_p("sh:and ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
            "ex:a ex:p ex:o . ex:o a ex:C , ex:D . ex:b ex:p ex:q . ex:q a ex:C ."),
    "or": (on_p("sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
           "ex:a ex:p ex:o . ex:o a ex:C . ex:b ex:p ex:q . ex:q a ex:E ."),
    "xone": (on_p("sh:xone ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
             "ex:a ex:p ex:o . ex:o a ex:C . ex:b ex:p ex:q . ex:q a ex:C , ex:D . ex:c ex:p ex:r ."),
    "qualified counts": (on_p("sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 ; "
                              "sh:qualifiedMaxCount 1"),
                         "ex:a ex:p ex:o . ex:o a ex:C . ex:b ex:p ex:o , ex:q . ex:q a ex:C . ex:c ex:p ex:r ."),
    "inverse path": ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
                     + "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
                     "ex:o a ex:C . ex:a ex:p ex:o . ex:q a ex:C ."),
    "targetNode and node-level constraints": ("ex:S a sh:NodeShape ; sh:targetNode ex:a , ex:b ; sh:class ex:C .",
                                              "ex:a a ex:C . ex:b a ex:D ."),
    "targetObjectsOf reaches literals": ("ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .",
                                         'ex:a ex:p ex:o , "x" .'),
}
# the common datatypes' forms the screen checks itself (kg:value, kg:asOf, dcterms:date)
CASES.update({
    "datatype integer": (on_p("sh:datatype xsd:integer"), 'ex:a ex:p "1"^^xsd:integer . ex:b ex:p "x"^^xsd:integer .'),
    "datatype decimal": (on_p("sh:datatype xsd:decimal"),
                         'ex:a ex:p "1.5"^^xsd:decimal . ex:b ex:p "1,5"^^xsd:decimal .'),
    "datatype date": (on_p("sh:datatype xsd:date"),
                      'ex:a ex:p "2023-06-13"^^xsd:date . ex:b ex:p "2023-13-01"^^xsd:date .'),
})
# cases where pyshacl also reads a literal's lexical form: the screen cannot tell, so it flags more
INEXACT = {
    "datatype dateTime": (on_p("sh:datatype xsd:dateTime"),
                          'ex:a ex:p "2020-01-01T00:00:00"^^xsd:dateTime . ex:b ex:p "x"^^xsd:dateTime .'),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_screen_flags_exactly_what_pyshacl_finds(name):
    shapes, data = CASES[name]
    expected = pyshacl_focus(shapes, data)
    assert expected, "each case has at least one violation"
    assert screen_focus(shapes, data) == expected


@pytest.mark.parametrize("name", sorted(INEXACT))
def test_what_the_screen_cannot_tell_it_flags(name):
    shapes, data = INEXACT[name]
    found = screen_focus(shapes, data)
    assert found is not None and found > pyshacl_focus(shapes, data)


@pytest.mark.parametrize("shapes,data", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "ex:a a ex:C ."),
    (on_p("sh:equals ex:q"), "ex:a ex:p ex:o ."),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .",
     "ex:a a ex:C ."),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:S .", "ex:a a ex:C ."),  # recursive
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI .", "ex:a a ex:D . ex:D rdfs:subClassOf ex:C ."),
    ("ex:C a sh:NodeShape , rdfs:Class ; sh:nodeKind sh:IRI .", "ex:a a ex:C ."),  # implicit class target
])
def test_what_the_screen_does_not_implement_it_declines(shapes, data):
    assert screen_focus(shapes, data) is None


# ---- the real shapes on random graphs: the same report from both engines --------------------

R = "https://w3id.org/kg-dangjian/resource/"
KGO = "https://w3id.org/kg-dangjian/ontology#"
NODES = [f"<{R}{n}>" for n in ("place/1", "place/2", "person/a", "party/b", "enterprise/c", "organisation/d",
                               "programme/e", "article/f", "statement/g", "statement/h")] + ["_:x"]
PREDICATES = [f"<{KGO}{p}>" for p in ("locatedIn", "partyOrgOf", "memberOf", "leads", "implements", "mentionedIn",
                                      "adminCode", "adminLevel", "derivation", "evidence", "sourceFile")] + [
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>",
    "<http://www.w3.org/2004/02/skos/core#altLabel>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>",
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>",
    "<http://www.w3.org/ns/prov#wasDerivedFrom>", "<http://purl.org/dc/terms/title>",
    "<http://purl.org/dc/terms/creator>"]
OBJECTS = NODES + [f"<{KGO}{c}>" for c in ("Place", "PartyOrganisation", "Enterprise", "Programme", "Person",
                                           "Organisation", "Article", "Statement", "FromText", "FromName",
                                           "FromGazetteer", "locatedIn", "leads")] + [
    '"某村"@zh', '"某村"@en', '""@zh', '"某村"', '"370700000000"', '"3707"', '"city"', '"hamlet"', '"a.txt"']


@st.composite
def graphs(draw) -> str:
    """N-Triples: a small graph that conforms, with random triples taken away and added."""
    base = (Path(__file__).parent / "fixtures" / "screen_base.nt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in base if draw(st.integers(0, 9)) > 0]
    added = draw(st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS)),
                          max_size=8))
    return "\n".join(kept + [f"{s} {p} {o} ." for s, p, o in added]) + "\n"


@settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
@example(f"<{R}place/1> <http://www.w3.org/2000/01/rdf-schema#label> _:x .\n")  # a blank value: shown as named
@example(f"<{R}place/2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{R}place/2> .\n")  # its own head
def test_engines_give_the_same_report_on_random_graphs(nt):
    graph = Graph().parse(data=nt, format="nt")
    full = validate_graph(graph, engine="pyshacl")
    assert validate_graph(graph) == full
    if "_:" not in nt:  # two reads of a file name its blank nodes differently
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "graph.nt").write_text(nt, encoding="utf-8")
            assert validate_graph(Path(tmp) / "graph.nt") == full
