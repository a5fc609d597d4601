"""Referring words: 该X points back, 我X/本X/我们 are the article's main actor, bare names and 双方 (invented)."""
from __future__ import annotations

from relcase import candidates, sentences

from kg.extract.recognize import Cand
from kg.extract.relations.coref import main_actor, references
from kg.extract.relations.vocab import RelationVocab


def refs(text: str, entities: dict[str, str], title_end: int = 0) -> dict[str, set[str]]:
    cands = candidates(text, entities)
    first = next(((a, b) for a, b in sentences(text) if a >= title_end), (0, 0))
    main = main_actor(sorted(cands, key=lambda c: c.start), title_end, first)
    out: dict[str, set[str]] = {}
    for c in references(text, cands, RelationVocab.load(), main, ("党委", "党支部"), frozenset("，。、")):
        out.setdefault(text[c.start : c.end], set()).add(c.name)
    return out


def test_gai_points_back_to_the_nearest_fitting_entity():
    found = refs("东坡镇和西岭镇参加。该镇建成了驿站。", {"东坡镇": "Place:town", "西岭镇": "Place:town"})
    assert found["该镇"] == {"西岭镇"}


def test_wo_is_the_main_actor_or_nothing():
    text = "东江师范大学新闻\n我校入选示范高校。"
    assert refs(text, {"东江师范大学": "Organisation"}, title_end=text.find("\n"))["我校"] == {"东江师范大学"}
    text = "全市观摩会召开\n与会人员观摩了项目。宁丰市的做法受到肯定。我市将持续推进。"
    assert "我市" not in refs(text, {"宁丰市": "Place:county"}, title_end=text.find("\n"))


def test_women_is_the_main_actor():
    text = "青禾村：念好致富经\n我们推行了积分超市。"
    assert refs(text, {"青禾村": "Place:community"}, title_end=text.find("\n"))["我们"] == {"青禾村"}


def test_a_bare_party_body_alone_stands_for_its_full_name():
    found = refs("东坡镇党委组织活动。镇党委采取联合建模式。", {"东坡镇党委": "PartyOrganisation"})
    assert found["镇党委"] == {"东坡镇党委"}


def test_shuangfang_stands_for_both_bodies_of_the_list_before_it():
    found = refs("东江人民医院与青松学校签订协议。双方将加强合作。三方面工作。",
                 {"东江人民医院": "Organisation", "青松学校": "Organisation"})
    assert found["双方"] == {"东江人民医院", "青松学校"}
    assert "三方" not in found


def test_wufang_counts_items_not_recognised():
    text = "由甲单位、东江人民医院、乙单位、青松学校、丙单位共同发起。五方代表签订了协议。"
    found = refs(text, {"东江人民医院": "Organisation", "青松学校": "Organisation"})
    assert found["五方"] == {"东江人民医院", "青松学校"}


def test_references_are_candidates_spanning_the_word():
    (c,) = [c for c in references("东坡镇好。该镇美。", candidates("东坡镇好。该镇美。", {"东坡镇": "Place:town"}),
                                  RelationVocab.load(), None)]
    assert isinstance(c, Cand) and (c.start, c.end, c.name, c.type) == (5, 7, "东坡镇", "Place")
