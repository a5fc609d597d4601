"""implements: the actor of each programme, carried, referred to, framed, for every item of a list (invented)."""
from __future__ import annotations

from relcase import triples

PL, PO, OG, PR = "Place:county", "PartyOrganisation", "Organisation", "Programme"


def actors(found: set[tuple[str, str, str]], of: str) -> set[str]:
    return {h for h, r, t in found if r == "implements" and t == of}


def test_the_subject_of_the_clause():
    found = triples("宁丰县创新推行“三色预警”工作机制，成效明显。", {"宁丰县": PL, "“三色预警”工作机制": PR})
    assert actors(found, "“三色预警”工作机制") == {"宁丰县"}


def test_every_programme_of_a_list():
    found = triples("宁丰县推出“邻里管家”“暖心速递”和“田园订单”三个服务品牌。",
                    {"宁丰县": PL, "邻里管家": PR, "暖心速递": PR, "田园订单": PR})
    assert all(actors(found, p) == {"宁丰县"} for p in ("邻里管家", "暖心速递", "田园订单"))


def test_carried_from_an_earlier_sentence_of_the_paragraph():
    found = triples("东坡镇持续强化党建引领。同时创新举办“红色课堂”。", {"东坡镇": "Place:town", "红色课堂": PR})
    assert actors(found, "红色课堂") == {"东坡镇"}


def test_carried_from_a_later_clause_of_the_previous_sentence():
    text = "队伍是工作的基础，宁丰县以培训为支撑。通过实施“百名骨干”工程，培养了一批人才。"
    found = triples(text, {"宁丰县": PL, "“百名骨干”工程": PR})
    assert actors(found, "“百名骨干”工程") == {"宁丰县"}


def test_the_first_clause_with_a_subject():
    found = triples("近年来，县两新工委立足实际，积极推进“链上党建”试点。", {"县两新工委": PO, "“链上党建”试点": PR})
    assert actors(found, "“链上党建”试点") == {"县两新工委"}


def test_a_leading_adverbial_takes_the_actor_after_it():
    text = "东坡园区党委副书记刘思远介绍，通过实施“强链”“护链”两大工程，该园区组建了服务队。"
    found = triples("东坡园区位于城东。" + text, {"东坡园区": "Place:zone", "东坡园区党委": PO, "刘思远": "Person",
                                         "强链": PR, "护链": PR})
    assert actors(found, "强链") == {"东坡园区"} and actors(found, "护链") == {"东坡园区"}


def test_in_the_aspect_of_frame():
    found = triples("在实施“固本强基”行动方面，宁丰县扎实推进标准化建设。", {"宁丰县": PL, "“固本强基”行动": PR})
    assert actors(found, "“固本强基”行动") == {"宁丰县"}


def test_the_demonstrative_stands_for_the_body():
    text = "东坡镇地处山区。该镇建成了“红色驿站”。"
    found = triples(text, {"东坡镇": "Place:town", "红色驿站": PR})
    assert actors(found, "红色驿站") == {"东坡镇"}


def test_we_stand_for_the_main_actor():
    text = "青禾村：念好致富经\n我们推行了“积分超市”，村民参与度很高。"
    found = triples(text, {"青禾村": "Place:community", "积分超市": PR}, title=True)
    assert actors(found, "积分超市") == {"青禾村"}


def test_a_bare_party_body_stands_for_its_full_name():
    text = "镇党委采取联合建模式，搭建“3+1”议事平台。东坡镇党委受到表彰。"
    found = triples(text, {"东坡镇党委": PO, "“3+1”议事平台": PR})
    assert actors(found, "“3+1”议事平台") == {"东坡镇党委"}


def test_organisers_before_qiantou_and_chengban():
    text = "由县教育局、县文旅局牵头，县文化馆承办开展“书香校园”活动。"
    found = triples(text, {"县教育局": OG, "县文旅局": OG, "县文化馆": OG, "“书香校园”活动": PR})
    assert actors(found, "“书香校园”活动") == {"县教育局", "县文旅局", "县文化馆"}


def test_behind_frame():
    text = "在县委宣传部的推动下，各村开展“星级评定”活动。"
    found = triples(text, {"县委宣传部": PO, "“星级评定”活动": PR})
    assert actors(found, "“星级评定”活动") == {"县委宣传部"}


def test_a_subject_and_its_partners():
    text = "该局联合县妇联、县总工会推动“巾帼创业”政策落地。"
    found = triples("县民政局积极作为。" + text, {"县民政局": OG, "县妇联": OG, "县总工会": OG, "“巾帼创业”政策": PR})
    assert actors(found, "“巾帼创业”政策") == {"县民政局", "县妇联", "县总工会"}


def test_an_object_is_not_the_actor():
    text = "宁丰县组建起“青年突击”志愿服务队，依托“幸福驿站”开展服务。"
    found = triples(text, {"宁丰县": PL, "“青年突击”志愿服务队": OG, "“幸福驿站”": PR})
    assert actors(found, "“幸福驿站”") == {"宁丰县"}


def test_both_parties():
    text = "东江人民医院与青松学校签订共建协议。双方将构建“一核两翼”合作机制。"
    found = triples(text, {"东江人民医院": OG, "青松学校": OG, "“一核两翼”合作机制": PR})
    assert actors(found, "“一核两翼”合作机制") == {"东江人民医院", "青松学校"}


def test_an_object_after_an_aspect_particle_is_not_the_actor():
    text = "宁丰县组建了东江表演队开展“文化下乡”活动。"
    found = triples(text, {"宁丰县": PL, "东江表演队": OG, "“文化下乡”活动": PR})
    assert actors(found, "“文化下乡”活动") == {"宁丰县"}
