"""SHACL shapes: the seeds graph conforms; hand-made bad graphs give the expected, readable violations."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.cli import main
from kg.graph import build_graph
from kg.model import METHOD_GAZETTEER, METHOD_TEXT, RELATION_TYPES, Article, Edge, KnowledgeBase, Node, Provenance
from kg.pipeline import BuildResult
from kg.resources import read_text
from kg.validate import ENGINES, load_shapes, screen, validate_graph
from kg.vocab import KG

ROOT = Path(__file__).resolve().parents[1]

BAD_GRAPH = """
@base <https://w3id.org/kg-dangjian/resource/> .
@prefix kg: <https://w3id.org/kg-dangjian/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<article/a> a kg:Article ; kg:sourceFile "a.txt" .
<person/张三> a kg:Person ; rdfs:label "张三"@zh ; kg:mentionedIn <article/a> ; kg:leads <programme/X> .
<programme/X> a kg:Programme ; rdfs:label "X工程"@zh ; kg:mentionedIn <article/a> .
<enterprise/Y> a kg:Enterprise , kg:Organisation ; rdfs:label "Y Ltd"@en .
<place/1> a kg:Place ; rdfs:label "某县"@zh ; kg:adminLevel "county" ; kg:mentionedIn <article/a> .
<place/2> a kg:Place ; rdfs:label "某市"@zh ; kg:adminCode "370700000000" .
<place/1> kg:locatedIn <place/2> .
<statement/s1> a kg:Statement ; rdf:subject <person/张三> ; rdf:predicate kg:leads ; rdf:object <programme/X> .
<statement/s2> a kg:Statement ; rdf:subject <place/1> ; rdf:predicate kg:locatedIn ; rdf:object <place/2> ;
    kg:derivation kg:FromGazetteer ; prov:wasDerivedFrom <article/a> .
"""


@pytest.fixture(scope="module")
def seeds_out(seed_build):
    return seed_build  # conftest.py: a clean, validated build of seeds/ (read-only)


def test_shapes_file_is_shipped_with_the_package():
    link = ROOT / "kg" / "resources" / "shapes.ttl"
    assert link.is_symlink() and link.resolve() == (ROOT / "shapes.ttl").resolve()
    assert read_text("shapes.ttl") == (ROOT / "shapes.ttl").read_text(encoding="utf-8")


def test_every_relation_has_a_shape():
    shapes = load_shapes()
    targeted = set(shapes.objects(None, SH.targetSubjectsOf))
    assert {KG[r] for r in RELATION_TYPES} <= targeted


def test_seeds_graph_conforms(seeds_out, capsys):
    result, out = seeds_out
    assert result.violations == 0
    assert "validation: conforms" in result.summary()
    report = validate_graph(out)
    assert report.conforms and report.violations == [], report.text()
    assert main(["validate", "--graph", str(out)]) == 0
    assert "conforms: yes" in capsys.readouterr().out


@pytest.mark.parametrize("engine", ENGINES)
def test_hand_made_bad_graph(tmp_path, capsys, engine):
    (tmp_path / "graph.ttl").write_text(BAD_GRAPH, encoding="utf-8")
    report = validate_graph(tmp_path, engine=engine)
    assert not report.conforms
    found = {(v.label, v.path, v.message.split(":")[0] if v.message.startswith(("leads", "implements")) else v.message)
             for v in report.violations}
    expected = {
        ("Y Ltd", "rdf:type", "an entity has exactly one type among Place, PartyOrganisation, Enterprise, "
                              "Programme, Person, Organisation"),
        ("Y Ltd", "rdfs:label", "an entity has exactly one non-empty Chinese label (rdfs:label \"…\"@zh)"),
        ("Y Ltd", "", "an entity is mentioned in at least one article (kg:mentionedIn), unless it is a gazetteer "
                      "place (kg:adminCode)"),
        ("张三", "kg:leads", "leads"),
        ("某县", "", "a place with an administrative level (one the gazetteer knows) has an administrative code"),
        ("张三 leads X工程", "kg:derivation", "a statement has exactly one derivation: kg:FromText, kg:FromName or "
                                             "kg:FromGazetteer"),
        ("张三 leads X工程", "", "a statement from text or a name is derived from its article (prov:wasDerivedFrom); "
                                "one from the gazetteer from no article"),
        ("某县 locatedIn 某市", "", "a statement from text or a name is derived from its article "
                                   "(prov:wasDerivedFrom); one from the gazetteer from no article"),
        ("某县 locatedIn 某市", "", "a statement from the gazetteer links two places with administrative codes"),
    }
    assert found == expected
    assert main(["validate", "-g", str(tmp_path / "graph.ttl"), "--engine", engine]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"conforms: no ({len(expected)} violation(s))"
    assert "张三 <https://w3id.org/kg-dangjian/resource/person/张三> kg:leads: leads: the tail is a " \
           "PartyOrganisation, an Enterprise or an Organisation (value: X工程)" in out


def _kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.articles["a"] = Article("a", "a.txt", 0, "正文", [0, 1], "utf-8", title="标题")
    for key, name, type_ in (("Person:张三", "张三", "Person"), ("Programme:红色工程", "红色工程", "Programme"),
                             ("Enterprise:某公司", "某公司", "Enterprise"),
                             ("Organisation:某局", "某局", "Organisation"),
                             ("PartyOrganisation:某党委", "某党委", "PartyOrganisation")):
        kb.nodes[key] = Node(key, name, type_, articles={"a"})
    kb.nodes["Place:370700000000"] = Node("Place:370700000000", "潍坊市", "Place", code="370700000000", level="city")
    kb.nodes["Place:某村"] = Node("Place:某村", "某村", "Place", articles={"a"})
    return kb


def _edge(kb: KnowledgeBase, head: str, rel: str, tail: str, method: str = METHOD_TEXT) -> None:
    prov = Provenance(method, None if method == METHOD_GAZETTEER else "a", "句子" if method == METHOD_TEXT else None)
    kb.edges[(head, rel, tail)] = Edge(head, rel, tail, [prov])


def test_built_graph_with_allowed_relations_conforms():
    kb = _kb()
    _edge(kb, "Person:张三", "leads", "PartyOrganisation:某党委")
    _edge(kb, "PartyOrganisation:某党委", "partyOrgOf", "Enterprise:某公司")
    _edge(kb, "Enterprise:某公司", "memberOf", "Organisation:某局")
    _edge(kb, "Organisation:某局", "implements", "Programme:红色工程")
    _edge(kb, "Place:某村", "locatedIn", "Place:370700000000", METHOD_GAZETTEER)  # FromGazetteer, uncoded head
    report = validate_graph(build_graph(kb))
    assert [v.message for v in report.violations] == [
        "a statement from the gazetteer links two places with administrative codes"]
    del kb.edges[("Place:某村", "locatedIn", "Place:370700000000")]
    _edge(kb, "Place:某村", "locatedIn", "Place:370700000000")
    assert validate_graph(build_graph(kb)).conforms


@pytest.mark.parametrize("head,rel,tail,message", [
    ("Programme:红色工程", "leads", "Enterprise:某公司", "leads: the head is a Person"),
    ("Person:张三", "leads", "Programme:红色工程", "leads: the tail is a PartyOrganisation"),
    ("Enterprise:某公司", "partyOrgOf", "Organisation:某局", "partyOrgOf: the head is a PartyOrganisation"),
    ("PartyOrganisation:某党委", "partyOrgOf", "Person:张三", "partyOrgOf: the tail is an Enterprise"),
    ("Person:张三", "memberOf", "Enterprise:某公司", "memberOf: the tail is a PartyOrganisation"),
    ("Person:张三", "implements", "Programme:红色工程", "implements: the head is a Place"),
    ("Organisation:某局", "implements", "Enterprise:某公司", "implements: the tail is a Programme"),
    ("Enterprise:某公司", "locatedIn", "Organisation:某局", "locatedIn: the tail is a Place"),
])
def test_relation_types_follow_the_guidelines(head, rel, tail, message):
    kb = _kb()
    _edge(kb, head, rel, tail)
    graph = build_graph(kb)
    report = validate_graph(graph)
    assert len(report.violations) == 1, report.text()
    assert report.violations[0].message.startswith(message)
    assert report.violations[0].label == kb.nodes[head].name
    assert validate_graph(graph, engine="pyshacl") == report
    assert screen(graph) == {report.violations[0].focus}


def test_engines_agree_on_the_hand_made_bad_graph(tmp_path):
    """The screen flags exactly the nodes pyshacl finds in violation, so it loses none."""
    (tmp_path / "graph.ttl").write_text(BAD_GRAPH, encoding="utf-8")
    full = validate_graph(tmp_path, engine="pyshacl")
    assert screen(tmp_path) == {v.focus for v in full.violations}
    assert validate_graph(tmp_path) == full


def test_a_default_install_needs_no_rudof(tmp_path, monkeypatch):
    """``pip install kg`` brings no pyrudof on any platform: the screen and the report do without it."""
    import builtins

    real_import = builtins.__import__

    def no_rudof(name, *args, **kwargs):
        if name == "pyrudof":
            raise ImportError("no pyrudof here")
        return real_import(name, *args, **kwargs)

    (tmp_path / "graph.ttl").write_text(BAD_GRAPH, encoding="utf-8")
    expected = validate_graph(tmp_path, engine="pyshacl")
    monkeypatch.setattr(builtins, "__import__", no_rudof)
    assert screen(tmp_path) == {v.focus for v in expected.violations}
    assert validate_graph(tmp_path) == expected


def test_shapes_the_screen_cannot_judge_go_to_pyshacl_whole(tmp_path, monkeypatch):
    """A shapes file using a constraint the screen does not implement: pyshacl alone, same report."""
    from kg import validate

    (tmp_path / "graph.ttl").write_text(BAD_GRAPH, encoding="utf-8")
    expected = validate_graph(tmp_path, engine="pyshacl")
    closed = (validate._shapes_text()
              + "\nkgsh:ClosedShape a sh:NodeShape ; sh:targetNode kg:Nothing ; sh:closed true .\n")
    monkeypatch.setattr(validate, "_shapes_text", lambda: closed)
    assert screen(tmp_path) is None
    assert validate_graph(tmp_path) == expected


def test_screen_reads_other_graph_formats(tmp_path):
    graph = Graph().parse(data=BAD_GRAPH, format="turtle")
    graph.serialize(destination=str(tmp_path / "graph.jsonld"), format="json-ld")
    assert screen(tmp_path / "graph.jsonld") == screen(graph) and len(screen(graph)) == 5


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown validation engine"):
        validate_graph(tmp_path, engine="jena")


def test_validate_command_without_a_graph(tmp_path, capsys):
    assert main(["validate", "--graph", str(tmp_path / "missing")]) == 2
    assert "no graph" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "missing")]) == 2  # the positional form of earlier versions
    assert capsys.readouterr().err.startswith("kg validate: no graph at ")


def test_summary_reports_violations(seeds_out):
    result, _ = seeds_out
    counted = BuildResult(result.kb, violations=3)
    assert "validation: 3 SHACL violation(s) (details: kg validate)" in counted.summary()
    assert "validation:" not in BuildResult(result.kb).summary()


def test_shapes_use_only_ontology_terms():
    onto = Graph().parse(ROOT / "ontology.ttl", format="turtle")
    declared = set(onto.subjects())
    used = {t for t in load_shapes().all_nodes() if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used <= declared, sorted(used - declared)


def test_screen_finds_what_pyshacl_finds_in_a_built_graph(seeds_out, tmp_path):
    """The part pyshacl re-checks holds all the shapes read about the flagged nodes, and the
    report read from the file (labels from a small label graph) is the whole graph's."""
    _, out = seeds_out
    graph = Graph().parse(out / "graph.ttl")
    graph.parse(data=BAD_GRAPH, format="turtle")
    full = validate_graph(graph, engine="pyshacl")
    assert len(full.violations) == 9
    assert screen(graph) == {v.focus for v in full.violations}
    assert validate_graph(graph) == full
    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    assert validate_graph(tmp_path) == full == validate_graph(tmp_path, engine="pyshacl")


def test_a_blank_node_in_violation_goes_to_pyshacl_whole():
    graph = Graph().parse(data=BAD_GRAPH + "\n[] kg:locatedIn <place/2> .\n", format="turtle")
    assert screen(graph) is None
    report = validate_graph(graph)
    assert report == validate_graph(graph, engine="pyshacl")
    assert any(not v.focus.startswith("http") for v in report.violations)


BAD_QUANTITIES = """
@base <https://w3id.org/kg-dangjian/resource/> .
@prefix kg: <https://w3id.org/kg-dangjian/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<article/a> a kg:Article ; kg:sourceFile "a.txt" ; dcterms:date "2023年6月" ;
    dcterms:publisher "某报"@zh , "另一报"@zh .
<place/1> a kg:Place ; rdfs:label "某县"@zh ; kg:mentionedIn <article/a> ;
    kg:hasQuantity <quantity/q1> , <quantity/q2> .
<place/2> a kg:Place ; rdfs:label "某镇"@zh ; kg:mentionedIn <article/a> ; kg:hasQuantity <quantity/q2> .
<quantity/q1> a kg:Quantity ; kg:value "三百"^^xsd:string ; kg:approximate false ; kg:derivation kg:FromText ;
    prov:wasDerivedFrom <article/a> ; kg:evidence "某县组建党组织三百个"@zh ; kg:asOf "2023-12"^^xsd:gYearMonth .
<quantity/q2> a kg:Quantity ; kg:value "12"^^xsd:decimal ; kg:unit "个" ; kg:approximate false ;
    kg:derivation kg:FromGazetteer ; kg:evidence "两地共有12个"@zh .
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_quantity_shapes(tmp_path, engine):
    """A quantity has a number, a unit, one subject and its provenance; an article one typed date."""
    (tmp_path / "graph.ttl").write_text(BAD_QUANTITIES, encoding="utf-8")
    report = validate_graph(tmp_path, engine=engine)
    found = {(v.focus.rsplit("/", 1)[1], v.path, v.message) for v in report.violations}
    assert {(f, p) for f, p, _ in found} >= {
        ("q1", "kg:value"), ("q1", "kg:unit"),
        ("q2", "^kg:hasQuantity"), ("q2", "kg:derivation"), ("q2", "prov:wasDerivedFrom"),
        ("a", "dcterms:date"), ("a", "dcterms:publisher"),
    }, report.text()
    assert not any(f == "q1" and p in ("^kg:hasQuantity", "kg:asOf", "kg:evidence") for f, p, _ in found)


def test_built_graph_with_quantities_and_article_metadata_conforms():
    from kg.model import Fact, Quantity

    kb = _kb()
    kb.articles["a"].date, kb.articles["a"].outlet = "2024-05", "某某日报"
    kb.quantities = [
        Quantity("Place:某村", "a",
                 Fact("某村", "Place", "党员", "86", "名", False, "2023", "某村现有党员86名", 2, 4, 0)),
        Quantity("PartyOrganisation:某党委", "a", Fact("某党委", "PartyOrganisation", "", "1.2", "%", True, None,
                                                     "比例约1.2%", 5, 9, 0)),
    ]
    graph = build_graph(kb)
    report = validate_graph(graph)
    assert report.conforms, report.text()
    assert len(list(graph.subjects(None, KG.Quantity))) == 2
def test_results_nested_in_a_result_are_not_counted_again(tmp_path, monkeypatch):
    """pyshacl nests why a value fails sh:node (sh:detail) inside the result: one violation, the
    same from either engine."""
    from kg import validate

    (tmp_path / "graph.ttl").write_text(BAD_GRAPH + "<article/a> <http://purl.org/dc/terms/creator> <person/李四> .\n"
                                        "<person/李四> a kg:Person .\n", encoding="utf-8")
    named = validate._shapes_text() + (
        "\nkgsh:CreatorShape a sh:NodeShape ; sh:targetClass kg:Article ;"
        " sh:property [ sh:path dcterms:creator ; sh:node kgsh:NamedShape ; sh:message \"a creator has a name\" ] .\n"
        "kgsh:NamedShape sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .\n")
    monkeypatch.setattr(validate, "_shapes_text", lambda: named)
    validate._value_predicates.cache_clear()
    try:
        full = validate_graph(tmp_path, engine="pyshacl")
        assert [v.label for v in full.violations if v.message == "a creator has a name"] == ["a"]
        assert screen(tmp_path) == {v.focus for v in full.violations}
        assert validate_graph(tmp_path) == full
    finally:
        validate._value_predicates.cache_clear()

