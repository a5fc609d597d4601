"""build_graph / build_dataset / load_graph produce the shape kg.vocab documents."""
from __future__ import annotations

import random

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.exporters import turtle
from kg.graph import build_dataset, build_graph, default_graph, load_graph
from kg.iri import article_iri, entity_iri
from kg.model import Edge, KnowledgeBase, Provenance
from kg.vocab import KG, KGR, PREFIXES

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py

ANQIU = KGR["place/370784"]
WEIFANG = KGR["place/370700"]
SHANDONG = KGR["place/370000"]
A1 = article_iri(fx.A1)
A2 = article_iri(fx.A2)
ZH = "zh"


def statements_for(g: Graph, s, p, o) -> list[URIRef]:
    return sorted(st for st in g.subjects(RDF.subject, s)
                  if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g)


def test_nodes_are_typed_labelled_and_linked_to_articles():
    g = build_graph(fx.sample_kb())
    assert (ANQIU, RDF.type, KG.Place) in g
    assert (ANQIU, RDFS.label, Literal("安丘市", lang=ZH)) in g
    assert (ANQIU, SKOS.altLabel, Literal("安丘", lang=ZH)) in g
    assert (ANQIU, KG.adminCode, Literal("370784000000")) in g
    assert (ANQIU, KG.adminLevel, Literal("county")) in g
    assert (ANQIU, KG.mentionedIn, A1) in g
    # a place known only from the gazetteer: described, mentioned nowhere
    assert (SHANDONG, RDFS.label, Literal("山东省", lang=ZH)) in g
    assert list(g.objects(SHANDONG, KG.mentionedIn)) == []
    # a place without a code: named by its name, no code triples
    jiezhuang = entity_iri("Place", "接庄街道")
    assert (jiezhuang, RDF.type, KG.Place) in g
    assert list(g.objects(jiezhuang, KG.adminCode)) == []
    ent = entity_iri("Enterprise", "新疆恒安纸业有限公司")
    assert (ent, RDF.type, KG.Enterprise) in g
    assert (ent, SKOS.altLabel, Literal("恒安纸业", lang=ZH)) in g
    assert (ent, KG.mentionedIn, A2) in g
    kb = fx.sample_kb()
    typed = {s for t in ("Place", "PartyOrganisation", "Enterprise", "Programme", "Person", "Organisation")
             for s in g.subjects(RDF.type, KG[t])}
    assert len(typed) == len(kb.nodes)


def test_edges_have_the_fact_and_one_statement_per_provenance():
    g = build_graph(fx.sample_kb())
    assert (ANQIU, KG.locatedIn, WEIFANG) in g
    sts = statements_for(g, ANQIU, KG.locatedIn, WEIFANG)
    assert len(sts) == 2
    by_derivation = {g.value(st, KG.derivation): st for st in sts}
    text, gaz = by_derivation[KG.FromText], by_derivation[KG.FromGazetteer]
    assert (text, RDF.type, KG.Statement) in g
    assert (text, PROV.wasDerivedFrom, A1) in g
    assert (text, KG.evidence, Literal("山东省潍坊市安丘市扎实推进基层党建工作", lang=ZH)) in g
    assert list(g.objects(gaz, PROV.wasDerivedFrom)) == []
    assert list(g.objects(gaz, KG.evidence)) == []
    org = entity_iri("PartyOrganisation", "安丘市委组织部")
    (name_st,) = statements_for(g, org, KG.locatedIn, ANQIU)
    assert g.value(name_st, KG.derivation) == KG.FromName
    total = sum(len(e.provenance) for e in fx.sample_kb().edges.values())
    assert len(set(g.subjects(RDF.type, KG.Statement))) == total
    for rel in ("partyOrgOf", "memberOf", "leads", "implements"):
        assert len(list(g.subject_objects(KG[rel]))) == 1


def test_articles_are_described_with_bylines():
    g = build_graph(fx.sample_kb())
    assert (A1, RDF.type, KG.Article) in g
    assert (A1, DCTERMS.title, Literal("安丘市释放党建聚链“红利”", lang=ZH)) in g
    assert (A1, KG.sourceFile, Literal("000_260ebf55d2a37705.txt")) in g
    assert (A1, DCTERMS.creator, entity_iri("Person", "赵玉红")) in g
    assert (A2, KG.sourceFile, Literal("sub dir/002_8024652a333f6633.txt")) in g
    assert list(g.objects(A2, DCTERMS.creator)) == []


def test_byline_name_without_a_node_gives_no_creator():
    kb = fx.sample_kb()
    kb.articles[fx.A2].byline = ["不存在的人"]
    g = build_graph(kb)
    assert list(g.objects(A2, DCTERMS.creator)) == []


def test_no_blank_nodes_and_prefixes_bound():
    g = build_graph(fx.sample_kb())
    assert not any(isinstance(t, BNode) for triple in g for t in triple)
    bound = dict(g.namespaces())
    for prefix, ns in PREFIXES.items():
        assert str(bound[prefix]) == str(ns)


def test_edge_to_missing_node_is_skipped():
    kb = fx.sample_kb()
    kb.edges[("Place:370784", "locatedIn", "Place:gone")] = Edge(
        "Place:370784", "locatedIn", "Place:gone", [Provenance("text", fx.A1, "x")])
    assert set(build_graph(kb)) == set(build_graph(fx.sample_kb()))


def test_duplicate_provenance_gives_one_statement():
    kb = fx.sample_kb()
    edge = kb.edges[("Place:370784", "locatedIn", "Place:370700")]
    edge.provenance = edge.provenance + edge.provenance
    assert set(build_graph(kb)) == set(build_graph(fx.sample_kb()))


def test_vocab_shape_query():
    g = build_graph(fx.sample_kb())
    rows = list(g.query("""
        SELECT ?h ?t ?ev ?file WHERE {
          ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate kg:locatedIn ; rdf:object ?o ;
              kg:derivation kg:FromText ; prov:wasDerivedFrom ?a ; kg:evidence ?ev .
          ?s rdfs:label ?h . ?o rdfs:label ?t . ?a kg:sourceFile ?file .
          ?s kg:locatedIn ?o .
        } ORDER BY ?h""", initNs=PREFIXES))
    assert [(str(r.h), str(r.t)) for r in rows] == [
        ("安丘市", "潍坊市"), ("接庄街道", "安丘市"), ("新疆恒安纸业有限公司", "昌吉高新区")]


def _shuffled(kb: KnowledgeBase, seed: int) -> KnowledgeBase:
    rnd = random.Random(seed)
    out = KnowledgeBase()
    for attr in ("nodes", "edges", "articles"):
        items = list(getattr(kb, attr).items())
        rnd.shuffle(items)
        getattr(out, attr).update(items)
    for edge in out.edges.values():
        rnd.shuffle(edge.provenance)
    out.quantities = list(kb.quantities)
    rnd.shuffle(out.quantities)
    return out


def test_turtle_is_byte_identical_whatever_the_insertion_order():
    first = turtle.serialize(build_graph(fx.sample_kb()))
    for seed in range(3):
        assert turtle.serialize(build_graph(_shuffled(fx.sample_kb(), seed))) == first
    hostile = turtle.serialize(build_graph(fx.hostile_kb()))
    assert turtle.serialize(build_graph(_shuffled(fx.hostile_kb(), 7))) == hostile


def test_dataset_splits_by_article():
    kb = fx.sample_kb()
    ds = build_dataset(kb)
    g = build_graph(kb)
    union = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert union == set(g)
    a1 = ds.graph(A1)
    assert (ANQIU, KG.mentionedIn, A1) in a1
    assert (A1, RDF.type, KG.Article) in a1
    assert (A1, DCTERMS.creator, entity_iri("Person", "赵玉红")) in a1
    assert (ANQIU, KG.locatedIn, WEIFANG) in a1
    for st in a1.subjects(RDF.type, KG.Statement):
        assert (st, PROV.wasDerivedFrom, A1) in a1
    default = default_graph(ds)
    assert (ANQIU, RDFS.label, Literal("安丘市", lang=ZH)) in default
    assert (ANQIU, RDF.type, KG.Place) in default
    assert (ANQIU, KG.mentionedIn, A1) not in default
    # the gazetteer's support for the same fact, and a gazetteer-only fact
    gaz = [st for st in default.subjects(KG.derivation, KG.FromGazetteer)]
    assert len(gaz) == 2
    assert (WEIFANG, KG.locatedIn, SHANDONG) in default
    assert (ANQIU, KG.locatedIn, WEIFANG) in default
    names = {c for _, _, _, c in ds.quads((None, None, None, None))} - {default.identifier, None}
    assert names == {A1, A2}


def test_load_graph_from_file_and_folder(tmp_path):
    g = build_graph(fx.sample_kb())
    turtle.export(g, tmp_path / "graph.ttl")
    for where in (tmp_path, tmp_path / "graph.ttl"):
        back = load_graph(where)
        assert set(back) == set(g)
        assert dict(back.namespaces())["kgr"] == URIRef(str(KGR))
    with pytest.raises(FileNotFoundError, match="nothing/graph.ttl"):
        load_graph(tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match="other.ttl"):
        load_graph(tmp_path / "other.ttl")


def test_hostile_names_round_trip(tmp_path):
    g = build_graph(fx.hostile_kb())
    turtle.export(g, tmp_path / "graph.ttl")
    back = load_graph(tmp_path)
    assert set(back) == set(g)
    labels = {str(o) for o in back.objects(None, RDFS.label)}
    assert fx.XSS_QUOTES in labels and fx.XSS_SCRIPT in labels


def test_quantities_and_article_metadata():
    """Each amount is a kg:Quantity of its subject, typed and with its provenance; articles carry
    their publication date (typed by precision) and outlet."""
    g = build_graph(fx.sample_kb())
    rows = list(g.query("""
        SELECT ?name ?measure ?value ?unit ?approx ?asOf ?file ?ev ?d WHERE {
          ?s kg:hasQuantity ?q ; rdfs:label ?name .
          ?q a kg:Quantity ; kg:measure ?measure ; kg:value ?value ; kg:unit ?unit ; kg:approximate ?approx ;
             kg:derivation kg:FromText ; prov:wasDerivedFrom ?a ; kg:evidence ?ev .
          ?a kg:sourceFile ?file .
          OPTIONAL { ?q kg:asOf ?asOf }
          OPTIONAL { ?a dcterms:date ?d }
        } ORDER BY ?name ?measure""", initNs=PREFIXES))
    assert [(str(r.name), str(r.measure), r.value.toPython(), str(r.unit), r.approx.toPython(),
             r.asOf.toPython() if r.asOf is not None else None) for r in rows] == [
        ("安丘市", "党建指导员", 35, "名", False, None),
        ("新疆恒安纸业有限公司", "生产线", 12, "条", False, None),
        ("新疆恒安纸业有限公司", "营业收入", 300000000, "元", True, Literal("2023", datatype=XSD.gYear).toPython()),
    ]
    assert all(r.value.datatype == XSD.decimal for r in rows)
    dated = {str(r.file): r.d for r in rows}
    assert dated["sub dir/002_8024652a333f6633.txt"].datatype == XSD.date
    assert dated["000_260ebf55d2a37705.txt"] is None
    assert len(set(g.subjects(RDF.type, KG.Quantity))) == 3
