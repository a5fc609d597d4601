"""locatedIn beyond one name: references, elided chains, 位于, place + body, the sentence's place (invented)."""
from __future__ import annotations

from relcase import triples

TOWN, VILLAGE, COUNTY, CITY = "Place:town", "Place:community", "Place:county", "Place:city"


def test_a_village_after_gai_zhen():
    found = triples("东坡镇地处山区。该镇青禾村发展茶产业。", {"东坡镇": TOWN, "青禾村": VILLAGE})
    assert ("青禾村", "locatedIn", "东坡镇") in found


def test_a_list_continues_a_chain():
    found = triples("宁丰市东城区、西城区联合开展活动。", {"宁丰市": CITY, "东城区": COUNTY, "西城区": COUNTY})
    assert {("东城区", "locatedIn", "宁丰市"), ("西城区", "locatedIn", "宁丰市")} <= found


def test_a_list_continues_a_chain_past_an_item_not_found():
    found = triples("宁丰县东坡镇、某某乡、西岭乡等乡镇前来学习。", {"宁丰县": COUNTY, "东坡镇": TOWN, "西岭乡": TOWN})
    assert ("西岭乡", "locatedIn", "宁丰县") in found


def test_stated_location_takes_the_last_place_of_the_chain():
    found = triples("青禾科技有限公司位于宁丰市东城区。",
                    {"青禾科技有限公司": "Enterprise", "宁丰市": CITY, "东城区": COUNTY})
    assert ("青禾科技有限公司", "locatedIn", "东城区") in found
    assert ("青禾科技有限公司", "locatedIn", "宁丰市") not in found


def test_a_body_right_after_a_place():
    found = triples("东城区青禾科技获评先进。", {"东城区": COUNTY, "青禾科技": "Enterprise"})
    assert ("青禾科技", "locatedIn", "东城区") in found


def test_a_body_named_after_a_community():
    text = "青松社区党总支组建了“青松”志愿服务队。"
    found = triples(text, {"青松社区": VILLAGE, "青松社区党总支": "PartyOrganisation",
                           "“青松”志愿服务队": "Organisation"})
    assert ("“青松”志愿服务队", "locatedIn", "青松社区") in found


def test_small_places_lie_in_the_place_their_sentence_is_about():
    text = "东坡街道深入挖掘社区特色；先后完成青松社区、翠竹小区的改造。"
    found = triples(text, {"东坡街道": TOWN, "青松社区": VILLAGE, "翠竹小区": "Place:compound"})
    assert {("青松社区", "locatedIn", "东坡街道"), ("翠竹小区", "locatedIn", "东坡街道")} <= found


def test_the_sentences_place_is_the_last_of_its_chain_and_not_too_wide():
    text = "宁丰县东坡镇青禾村下辖5个自然村。下辖的柳岸村发展养殖。"
    found = triples(text, {"宁丰县": COUNTY, "东坡镇": TOWN, "青禾村": VILLAGE, "柳岸村": VILLAGE})
    assert not any(h == "柳岸村" for h, _, _ in found)  # 青禾村 is what the sentence is about, not wider
    found = triples("宁丰市推进治理，青禾村建起驿站。", {"宁丰市": CITY, "青禾村": VILLAGE})
    assert ("青禾村", "locatedIn", "宁丰市") not in found


def test_a_village_official_is_located_in_the_village():
    found = triples("青禾村村会计钟大年说。", {"青禾村": VILLAGE, "钟大年": "Person"})
    assert ("钟大年", "locatedIn", "青禾村") in found


def test_what_a_place_holds():
    text = "东湖产业园区党委成立。园区内有金辉科技有限公司、东湖大厦等单位。"
    found = triples(text, {"东湖产业园区": "Place:zone", "东湖产业园区党委": "PartyOrganisation",
                           "金辉科技有限公司": "Enterprise", "东湖大厦": "Place:compound"})
    assert {("金辉科技有限公司", "locatedIn", "东湖产业园区"), ("东湖大厦", "locatedIn", "东湖产业园区")} <= found


def test_in_the_jurisdiction_of_the_place_the_sentence_is_about():
    found = triples("青松社区人口多，辖区青松夜市有300多商户。", {"青松社区": VILLAGE, "青松夜市": "Place:compound"})
    assert ("青松夜市", "locatedIn", "青松社区") in found
