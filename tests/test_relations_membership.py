"""memberOf: alliances, joint committees, member lists, branches a committee sets up (invented sentences)."""
from __future__ import annotations

from relcase import triples

PO, OG, E, PL = "PartyOrganisation", "Organisation", "Enterprise", "Place:community"


def members(found: set[tuple[str, str, str]], of: str) -> set[str]:
    return {h for h, r, t in found if r == "memberOf" and t == of}


def test_villages_that_jointly_set_up_a_joint_committee():
    found = triples("青禾村联合石桥、柳岸等邻村组建“片区联建党委”。",
                    {"青禾村": PL, "石桥": PL, "柳岸": PL, "片区联建党委": PO})
    assert members(found, "片区联建党委") == {"青禾村", "石桥", "柳岸"}


def test_the_organiser_is_not_a_founder():
    text = "该镇整合辖区资源，以东江茶叶种植有限公司为龙头，联合上湾村、下湾村等5个村，组建东江茶旅发展联盟。"
    found = triples("东江镇积极作为。" + text, {"东江镇": "Place:town", "东江茶叶种植有限公司": E, "上湾村": PL,
                                          "下湾村": PL, "东江茶旅发展联盟": OG})
    assert members(found, "东江茶旅发展联盟") == {"东江茶叶种植有限公司", "上湾村", "下湾村"}


def test_two_bodies_set_up_a_joint_branch():
    found = triples("南江职业中学与柳城书画协会党支部共同成立“校地”联合党支部。",
                    {"南江职业中学": OG, "柳城书画协会党支部": PO, "“校地”联合党支部": PO})
    assert members(found, "“校地”联合党支部") == {"南江职业中学", "柳城书画协会党支部"}


def test_a_joint_body_written_by_the_tail_of_its_full_name():
    text = "推动青禾茶业有限公司党支部同多家农场结对，成立片区联合党委。青禾茶业有限公司片区联合党委运行良好。"
    found = triples(text, {"青禾茶业有限公司党支部": PO, "青禾茶业有限公司片区联合党委": PO},
                    once=("青禾茶业有限公司片区联合党委",))
    assert ("青禾茶业有限公司党支部", "memberOf", "青禾茶业有限公司片区联合党委") in found


def test_a_plain_founding_is_no_membership():
    assert members(triples("东江镇组建东江茶旅发展联盟。", {"东江镇": "Place:town", "东江茶旅发展联盟": OG}),
                   "东江茶旅发展联盟") == set()


def test_a_list_of_member_units():
    text = "东江党建联盟揭牌。会上，东江园区服务中心、水务局、某某街道、东江水利公司等代表12家联盟成员单位发言。"
    found = triples(text, {"东江党建联盟": PO, "东江园区服务中心": OG, "水务局": OG, "东江水利公司": E})
    assert members(found, "东江党建联盟") == {"东江园区服务中心", "水务局", "东江水利公司"}


def test_a_list_with_a_name_holding_he():
    text = "东江党建联盟吸收成员。住房和城乡建设局、东江水利公司等2家成员单位参加。"
    found = triples(text, {"东江党建联盟": PO, "住房和城乡建设局": OG, "东江水利公司": E})
    assert members(found, "东江党建联盟") == {"住房和城乡建设局", "东江水利公司"}


def test_branches_a_committee_sets_up():
    found = triples("东江市场党委下设东江菜场党支部、滨江商铺党支部两个党支部。",
                    {"东江市场党委": PO, "东江菜场党支部": PO, "滨江商铺党支部": PO})
    assert members(found, "东江市场党委") == {"东江菜场党支部", "滨江商铺党支部"}


def test_committees_a_committee_oversees():
    found = triples("东江市场党委下设8个党支部，辐射东湖村党总支、西湖村党总支。",
                    {"东江市场党委": PO, "东湖村党总支": PO, "西湖村党总支": PO})
    assert members(found, "东江市场党委") == {"东湖村党总支", "西湖村党总支"}


def test_joining_and_being_a_member():
    found = triples("青禾茶业公司正式加入东江党建联盟。", {"青禾茶业公司": E, "东江党建联盟": PO})
    assert ("青禾茶业公司", "memberOf", "东江党建联盟") in found
    found = triples("青禾茶业公司作为东江党建联盟首批成员，将认真履职。", {"青禾茶业公司": E, "东江党建联盟": PO})
    assert ("青禾茶业公司", "memberOf", "东江党建联盟") in found
    found = triples("楼栋长钟小英也是东江巾帼服务队的一员。", {"钟小英": "Person", "东江巾帼服务队": OG})
    assert ("钟小英", "memberOf", "东江巾帼服务队") in found


def test_we_as_a_member():
    text = "青禾科技有限公司新闻\n我司作为东江党建联盟首批成员，将认真执行工作方法。"
    found = triples(text, {"青禾科技有限公司": E, "东江党建联盟": PO}, title=True)
    assert ("青禾科技有限公司", "memberOf", "东江党建联盟") in found


def test_elected_as_a_member_unit():
    found = triples("青禾茶业公司当选为东江商会副会长单位。", {"青禾茶业公司": E, "东江商会": OG})
    assert ("青禾茶业公司", "memberOf", "东江商会") in found
    assert triples("青禾茶业公司当选为东江商会先进集体。", {"青禾茶业公司": E, "东江商会": OG}) == set()
