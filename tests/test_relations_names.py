"""What names imply: partyOrgOf from a Party body's name, across a short form or a bare word (invented)."""
from __future__ import annotations

from relcase import triples

from kg.executors import get_nlp
from kg.extract.article import extract_article
from kg.model import Article

PO, OG, E = "PartyOrganisation", "Organisation", "Enterprise"


def test_a_companys_party_branch():
    found = triples("华星电子有限公司党支部组织学习。", {"华星电子有限公司": E, "华星电子有限公司党支部": PO})
    assert ("华星电子有限公司党支部", "partyOrgOf", "华星电子有限公司") in found


def test_an_offices_own_committee_and_numbered_branch():
    found = triples("县水务局机关党委和北方路桥公司第三党支部结对。",
                    {"县水务局": OG, "县水务局机关党委": PO, "北方路桥公司": E, "北方路桥公司第三党支部": PO})
    assert ("县水务局机关党委", "partyOrgOf", "县水务局") in found
    assert ("北方路桥公司第三党支部", "partyOrgOf", "北方路桥公司") in found


def test_a_joint_committee_built_on_a_company_is_not_the_companys():
    found = triples("青禾茶业有限公司片区联合党委成立。", {"青禾茶业有限公司": E, "青禾茶业有限公司片区联合党委": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)
    found = triples("南江职业中学“校地”联合党支部成立。", {"南江职业中学": OG, "南江职业中学“校地”联合党支部": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)


def test_a_sub_units_branch_is_not_the_colleges():
    found = triples("化学学院应用化学系教工党支部开展活动。", {"化学学院": OG, "化学学院应用化学系教工党支部": PO})
    assert ("化学学院应用化学系教工党支部", "partyOrgOf", "化学学院") not in found
    found = triples("化学学院教工党支部开展活动。", {"化学学院": OG, "化学学院教工党支部": PO})
    assert ("化学学院教工党支部", "partyOrgOf", "化学学院") in found


def test_a_branch_named_by_a_short_form_of_the_company():
    text = "新疆恒远纸业有限公司积极参与。恒远纸业党支部组织党员学习。"
    found = triples(text, {"新疆恒远纸业有限公司": E, "恒远纸业党支部": PO})
    assert ("恒远纸业党支部", "partyOrgOf", "新疆恒远纸业有限公司") in found


def test_a_short_form_shared_by_two_bodies_links_neither():
    text = "恒远纸业有限公司和恒远纸业销售公司参加。恒远纸业党支部组织学习。"
    found = triples(text, {"恒远纸业有限公司": E, "恒远纸业销售公司": E, "恒远纸业党支部": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)


def test_a_bare_committee_belongs_to_the_body_the_article_is_about():
    text = "东江人民医院新闻\n近日，东江人民医院骨科获评先进。院党委获评先进基层党组织。"
    found = triples(text, {"东江人民医院": OG, "骨科": OG, "院党委": PO}, title=True)
    assert ("院党委", "partyOrgOf", "东江人民医院") in found
    assert ("院党委", "partyOrgOf", "骨科") not in found


def test_a_bare_word_cut_from_a_missed_name_links_nothing():
    text = "北方路桥公司积极参与，南方建设公司党委书记发言。"
    found = triples(text, {"北方路桥公司": E, "公司党委": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)



def test_a_bracketed_place_inside_a_name_is_where_that_body_is():
    """The whole pipeline: the recognisers give the bracketed short form no part of the name."""
    def rels(text: str) -> set[tuple[str, str, str]]:
        ex = extract_article(get_nlp(ner="rules"), Article("t", "t.txt", 0, text, [], "utf-8"))
        return {(r.head, r.rel, r.tail) for r in ex.relations}
    assert ("恒远新材料(宜城)有限公司", "locatedIn", "宜城") in rels("我们走访了恒远新材料(宜城)有限公司。")
    assert rels("恒远新材料有限公司(宜城)举办活动。") == set()


def test_an_organ_of_a_committee_named_with_its_place_but_not_of_a_bare_one():
    named = {"江州市": "Place:city", "江州市委": "PartyOrganisation:committee", "江州市委两新工委": PO}
    assert ("江州市委两新工委", "memberOf", "江州市委") in triples("江州市委两新工委召开会议。", named)
    bare = {"市委": "PartyOrganisation:committee", "市委两新工委": PO}
    assert ("市委两新工委", "memberOf", "市委") not in triples("市委两新工委召开会议。", bare)
