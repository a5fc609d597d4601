"""Posts: leads and memberOf of persons, in every order the prose writes them (invented sentences)."""
from __future__ import annotations

from relcase import relations, triples

P, PO, OG, E = "Person", "PartyOrganisation", "Organisation", "Enterprise"


def test_body_post_name():
    found = triples("青峰小区党总支书记王明华介绍了经验。", {"青峰小区党总支": PO, "王明华": P})
    assert ("王明华", "leads", "青峰小区党总支") in found


def test_the_evidence_is_the_sentence():
    rels = relations("会议开始。青峰小区党总支书记王明华介绍了经验。", {"青峰小区党总支": PO, "王明华": P})
    assert rels[("王明华", "leads", "青峰小区党总支")].evidence == "青峰小区党总支书记王明华介绍了经验。"


def test_a_list_of_posts_before_the_name():
    found = triples("县水务局副局长、机关党委书记张卫东表示要抓好落实。", {"县水务局": OG, "机关党委": PO, "张卫东": P})
    assert {("张卫东", "leads", "县水务局"), ("张卫东", "leads", "机关党委")} <= found


def test_posts_joined_by_jian():
    found = triples("县两新工委书记兼县委宣传部副部长钱立新出席。", {"县两新工委": PO, "县委宣传部": PO, "钱立新": P})
    assert {("钱立新", "leads", "县两新工委"), ("钱立新", "leads", "县委宣传部")} <= found


def test_a_post_without_its_body_takes_the_body_before_it():
    found = triples("北方重工股份公司党委副书记、总经理郑国平出席。",
                    {"北方重工股份公司": E, "北方重工股份公司党委": PO, "郑国平": P})
    assert ("郑国平", "leads", "北方重工股份公司党委") in found
    assert ("郑国平", "leads", "北方重工股份公司") in found  # 总经理: the enterprise, not its committee


def test_a_party_post_after_a_body_post_is_not_the_bodys():
    found = triples("东湖园区服务中心主任、党组书记何志远出席。", {"东湖园区服务中心": OG, "何志远": P})
    assert found == {("何志远", "leads", "东湖园区服务中心")}


def test_member_post_and_leading_post():
    found = triples("县委常委、宣传部部长冯丽君宣读了名单。", {"县委": PO, "宣传部": PO, "冯丽君": P})
    assert {("冯丽君", "memberOf", "县委"), ("冯丽君", "leads", "宣传部")} <= found


def test_committee_member_of_a_party_organisation():
    found = triples("镇党委委员、综合办公室主任孔令华当选。", {"镇党委": PO, "综合办公室": OG, "孔令华": P})
    assert {("孔令华", "memberOf", "镇党委"), ("孔令华", "leads", "综合办公室")} <= found


def test_leading_wins_over_membership_of_the_same_body():
    found = triples("镇党委委员、副书记秦海波主持会议。", {"镇党委": PO, "秦海波": P})
    assert found == {("秦海波", "leads", "镇党委")}


def test_post_before_a_comma():
    found = triples("东湖镇党委书记，孙立平在会上讲话。", {"东湖镇党委": PO, "孙立平": P})
    assert ("孙立平", "leads", "东湖镇党委") in found


def test_post_after_the_name_with_a_verb():
    found = triples("李建国任东山村党支部书记以来，村里变化很大。", {"东山村党支部": PO, "李建国": P})
    assert ("李建国", "leads", "东山村党支部") in found


def test_post_after_the_name_across_an_aside():
    found = triples("陶文斌被推选为西坡村党支部（后升格为党总支）书记。", {"西坡村党支部": PO, "陶文斌": P})
    assert ("陶文斌", "leads", "西坡村党支部") in found


def test_respectively_pairs_persons_and_posts_in_order():
    found = triples("赵海峰、钱晓红分别当选为东湖市场党委书记、副书记。",
                    {"赵海峰": P, "钱晓红": P, "东湖市场党委": PO})
    assert {("赵海峰", "leads", "东湖市场党委"), ("钱晓红", "leads", "东湖市场党委")} <= found


def test_respectively_with_two_bodies():
    found = triples("赵海峰、钱晓红分别任东村党支部书记、西村党支部书记。",
                    {"赵海峰": P, "钱晓红": P, "东村党支部": PO, "西村党支部": PO})
    assert ("赵海峰", "leads", "东村党支部") in found and ("钱晓红", "leads", "西村党支部") in found
    assert ("赵海峰", "leads", "西村党支部") not in found and ("钱晓红", "leads", "东村党支部") not in found


def test_a_shared_post_without_respectively():
    found = triples("华星电子有限公司党支部书记周文斌、红叶纺织有限公司党支部书记吴丽娟当选为市场党委委员。",
                    {"华星电子有限公司党支部": PO, "红叶纺织有限公司党支部": PO, "市场党委": PO,
                     "周文斌": P, "吴丽娟": P})
    assert {("周文斌", "leads", "华星电子有限公司党支部"), ("吴丽娟", "leads", "红叶纺织有限公司党支部"),
            ("周文斌", "memberOf", "市场党委"), ("吴丽娟", "memberOf", "市场党委")} <= found
    assert ("周文斌", "leads", "红叶纺织有限公司党支部") not in found


def test_post_in_brackets_after_the_name():
    found = triples("座谈会上，马春生（南岭村党支部书记）谈了体会。", {"南岭村党支部": PO, "马春生": P})
    assert ("马春生", "leads", "南岭村党支部") in found


def test_no_post_no_relation():
    assert triples("青峰小区党总支组织党员王明华参加活动。", {"青峰小区党总支": PO, "王明华": P}) == set()
    assert triples("总书记王明华强调。", {"王明华": P}) == set()


def test_an_unnamed_body_ends_the_borrowing():
    found = triples("南方路桥公司党委书记、工会主席韩立群出席。",
                    {"南方路桥公司党委": PO, "韩立群": P, "南方路桥公司": E})
    assert ("韩立群", "leads", "南方路桥公司党委") in found
    assert ("韩立群", "leads", "南方路桥公司") not in found  # 工会主席: the union, not the company


def test_staff_post_is_membership_and_leading_wins():
    found = triples("骨科主任、主治医师包丽萍介绍。", {"骨科": OG, "包丽萍": P})
    assert found == {("包丽萍", "leads", "骨科")}
    found = triples("化学学院辅导员、研究生第二党支部书记卜晓东说。",
                    {"化学学院": OG, "研究生第二党支部": PO, "卜晓东": P})
    assert {("卜晓东", "memberOf", "化学学院"), ("卜晓东", "leads", "研究生第二党支部")} <= found


def test_a_resident_is_located_in_the_place_before_the_mark():
    found = triples("青禾村村民钟大年正忙着采收。", {"青禾村": "Place:community", "钟大年": P})
    assert ("钟大年", "locatedIn", "青禾村") in found
    assert triples("青禾村组织村民钟大年采收。", {"青禾村": "Place:community", "钟大年": P}) == set()


def test_a_name_found_once_is_read_wherever_it_is_written():
    text = "支部书记马春生介绍。后来，马春生任南岭村党支部书记。"
    found = triples(text, {"南岭村党支部": PO, "马春生": P}, once=("马春生",))
    assert ("马春生", "leads", "南岭村党支部") in found


def test_a_title_no_list_knows_does_not_end_the_list():
    found = triples("美术学院党委宣传委员、档案室文员严可心参加。", {"美术学院党委": PO, "严可心": P})
    assert ("严可心", "memberOf", "美术学院党委") in found
    assert triples("青峰小区党总支党员王明华参加。", {"青峰小区党总支": PO, "王明华": P}) == set()
