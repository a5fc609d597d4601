"""Cross-article resolution and the gazetteer chain."""
from __future__ import annotations

from kg.gazetteer import Gazetteer
from kg.model import METHOD_GAZETTEER, Article, Entity, Extraction, Relation
from kg.resolve import resolve


def art(i: str) -> Article:
    return Article(id=i, source=f"{i}.txt", index=0, text="", offsets=[], encoding="utf-8")


def test_gazetteer_chain_and_codes():
    g = Gazetteer.default()
    d = g.lookup("宁阳")
    assert d is not None and d.name == "宁阳县"
    assert [x.name for x in g.chain(d.code)] == ["宁阳县", "泰安市", "山东省"]
    assert g.lookup("北京市").level == "province"


def test_one_node_per_place_across_articles_with_gazetteer_links():
    e1 = Entity("宁阳", "Place", code="370921000000", level="county")
    e2 = Entity("宁阳县", "Place", code="370921000000", level="county")
    kb = resolve([Extraction(art("a"), [e1], []), Extraction(art("b"), [e2], [])])
    node = kb.nodes["Place:370921000000"]
    assert node.name == "宁阳县" and "宁阳" in node.aliases and node.articles == {"a", "b"}
    assert kb.nodes["Place:370900000000"].inferred  # 泰安市, named by no article
    edge = kb.edges[("Place:370921000000", "locatedIn", "Place:370900000000")]
    assert [p.method for p in edge.provenance] == [METHOD_GAZETTEER]
    assert ("Place:370900000000", "locatedIn", "Place:370000000000") in kb.edges


def test_alias_in_one_article_merges_short_name_in_another():
    full = Entity("山东华宇建材有限公司", "Enterprise", aliases={"华宇建材"})
    short = Entity("华宇建材", "Enterprise")
    kb = resolve([Extraction(art("a"), [full], []), Extraction(art("b"), [short], [])])
    assert list(k for k in kb.nodes if k.startswith("Enterprise:")) == ["Enterprise:山东华宇建材有限公司"]


def test_distinct_bodies_sharing_a_suffix_stay_apart():
    a = Entity("西岭村党支部", "PartyOrganisation")
    b = Entity("东岭村党支部", "PartyOrganisation")
    kb = resolve([Extraction(art("a"), [a, b], [])])
    assert {"PartyOrganisation:西岭村党支部", "PartyOrganisation:东岭村党支部"} <= set(kb.nodes)


def test_text_relations_keep_article_and_evidence():
    p = Entity("刘国强", "Person")
    o = Entity("西岭村党支部", "PartyOrganisation")
    r = Relation("刘国强", "leads", "西岭村党支部", "西岭村党支部书记刘国强介绍", head_type="Person",
                 tail_type="PartyOrganisation")
    kb = resolve([Extraction(art("a"), [p, o], [r])])
    prov = kb.edges[("Person:刘国强", "leads", "PartyOrganisation:西岭村党支部")].provenance
    assert prov[0].article == "a" and prov[0].evidence == "西岭村党支部书记刘国强介绍"
