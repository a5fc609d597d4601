"""memberOf: alliances, joint committees, member lists, branches a committee sets up (invented sentences)."""
from __future__ import annotations

from relcase import triples

PO, O, E, PL = "PartyOrganisation", "Organisation", "Enterprise", "Place:community"


def members(found: set[tuple[str, str, str]], of: str) -> set[str]:
    return {h for h, r, t in found if r == "memberOf" and t == of}


def test_villages_that_jointly_set_up_a_joint_committee():
    found = triples("青禾村联合石桥、柳岸等邻村成立“联村党委”。",
                    {"青禾村": PL, "石桥": PL, "柳岸": PL, "联村党委": PO})
    assert members(found, "联村党委") == {"青禾村", "石桥", "柳岸"}


def test_the_organiser_is_not_a_founder():
    text = "该镇整合辖区资源，以东江生物科技有限公司为龙头，联合上湾村、下湾村等5个村，成立东江产业发展联盟。"
    found = triples("东江镇积极作为。" + text, {"东江镇": "Place:town", "东江生物科技有限公司": E, "上湾村": PL,
                                          "下湾村": PL, "东江产业发展联盟": O})
    assert members(found, "东江产业发展联盟") == {"东江生物科技有限公司", "上湾村", "下湾村"}


def test_two_bodies_set_up_a_joint_branch():
    found = triples("南江技工学校与柳城文体协会党支部组建“校社”联合党总支。",
                    {"南江技工学校": O, "柳城文体协会党支部": PO, "校社联合党总支": PO, "“校社”联合党总支": PO})
    assert {"南江技工学校", "柳城文体协会党支部"} <= members(found, "“校社”联合党总支")


def test_a_joint_body_written_by_the_tail_of_its_full_name():
    text = "组织青禾食品有限公司党支部与多家企业“握手”，成立产业联合党委。青禾食品有限公司产业联合党委着力打造产业链。"
    found = triples(text, {"青禾食品有限公司党支部": PO, "青禾食品有限公司产业联合党委": PO}, once=("青禾食品有限公司产业联合党委",))
    assert ("青禾食品有限公司党支部", "memberOf", "青禾食品有限公司产业联合党委") in found


def test_a_plain_founding_is_no_membership():
    assert members(triples("东江镇成立东江产业发展联盟。", {"东江镇": "Place:town", "东江产业发展联盟": O}),
                   "东江产业发展联盟") == set()


def test_a_list_of_member_units():
    text = "东江党建联盟成立。现场，东江管委会、城建局、某某街道、东江建投集团等代表12家联盟成员单位签订协议。"
    found = triples(text, {"东江党建联盟": PO, "东江管委会": O, "城建局": O, "东江建投集团": E})
    assert members(found, "东江党建联盟") == {"东江管委会", "城建局", "东江建投集团"}


def test_a_list_with_a_name_holding_he():
    text = "东江党建联盟吸收成员。住房和城乡建设局、东江建投集团等2家成员单位参加。"
    found = triples(text, {"东江党建联盟": PO, "住房和城乡建设局": O, "东江建投集团": E})
    assert members(found, "东江党建联盟") == {"住房和城乡建设局", "东江建投集团"}


def test_branches_a_committee_sets_up():
    found = triples("东江商圈党委下设东江商场党支部、滨江大厦党支部两个党支部。",
                    {"东江商圈党委": PO, "东江商场党支部": PO, "滨江大厦党支部": PO})
    assert members(found, "东江商圈党委") == {"东江商场党支部", "滨江大厦党支部"}


def test_committees_a_committee_oversees():
    found = triples("东江商圈党委下设10个党支部，辐射东湖社区党委、西湖社区党委。",
                    {"东江商圈党委": PO, "东湖社区党委": PO, "西湖社区党委": PO})
    assert members(found, "东江商圈党委") == {"东湖社区党委", "西湖社区党委"}


def test_joining_and_being_a_member():
    found = triples("青禾食品公司正式加入东江党建联盟。", {"青禾食品公司": E, "东江党建联盟": PO})
    assert ("青禾食品公司", "memberOf", "东江党建联盟") in found
    found = triples("青禾食品公司作为东江党建联盟首批成员，将认真履职。", {"青禾食品公司": E, "东江党建联盟": PO})
    assert ("青禾食品公司", "memberOf", "东江党建联盟") in found
    found = triples("网格员钟小英也是东江志愿服务队的一员。", {"钟小英": "Person", "东江志愿服务队": O})
    assert ("钟小英", "memberOf", "东江志愿服务队") in found


def test_we_as_a_member():
    text = "青禾科技有限公司新闻\n我司作为东江党建联盟首批成员，将认真执行工作方法。"
    found = triples(text, {"青禾科技有限公司": E, "东江党建联盟": PO}, title=True)
    assert ("青禾科技有限公司", "memberOf", "东江党建联盟") in found


def test_elected_as_a_member_unit():
    found = triples("青禾食品公司当选为东江商会副会长单位。", {"青禾食品公司": E, "东江商会": O})
    assert ("青禾食品公司", "memberOf", "东江商会") in found
    assert triples("青禾食品公司当选为东江商会先进集体。", {"青禾食品公司": E, "东江商会": O}) == set()
