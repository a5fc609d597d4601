"""Each relation rule on its own small input."""
from __future__ import annotations

from kg.model import Article
from kg.pipeline import extract_articles


def triples(text: str, title: str | None = None):
    art = Article(id="t", source="t.txt", index=0, text=text, offsets=list(range(len(text))), encoding="utf-8",
                  title=title)
    ex = extract_articles([art])[0]
    return {(r.head, r.rel, r.tail): r for r in ex.relations}


def test_chain_gives_located_in_with_evidence():
    rels = triples("泰安市岱岳区粥店街道持续推进网格治理。")
    assert ("岱岳区", "locatedIn", "泰安市") in rels
    assert ("粥店街道", "locatedIn", "岱岳区") in rels
    assert rels[("粥店街道", "locatedIn", "岱岳区")].evidence.startswith("泰安市岱岳区粥店街道")


def test_party_org_located_in_its_place():
    rels = triples("青松社区党委组织党员开展志愿服务。")
    assert ("青松社区党委", "locatedIn", "青松社区") in rels


def test_member_enterprise_pattern():
    rels = triples("泰山区“绿色建材”党建联盟成员企业山东华宇建材有限公司积极参与。")
    assert ("山东华宇建材有限公司", "memberOf", "泰山区绿色建材党建联盟") in rels


def test_implements_takes_the_subject_of_the_clause():
    rels = triples("宁阳县创新推行“三色预警”工作机制,成效明显。")
    assert ("宁阳县", "implements", "三色预警工作机制") in rels


def test_implements_falls_back_to_previous_sentence_subject():
    rels = triples("东庄镇持续强化党建引领。同时创新举办“红色课堂”。")
    assert ("东庄镇", "implements", "红色课堂") in rels


def test_implements_falls_back_to_the_title_place():
    text = "山东省宁阳县：党建引领乡村振兴\n积极推广“院落说事”工作法,群众满意度提升。"
    rels = triples(text, title="山东省宁阳县：党建引领乡村振兴")
    assert ("宁阳县", "implements", "院落说事工作法") in rels


def test_committee_organ_is_member_of_committee():
    rels = triples("宁阳县委县直机关工委组织开展学习活动。")
    assert ("宁阳县委县直机关工委", "memberOf", "宁阳县委") in rels
    assert ("宁阳县委", "locatedIn", "宁阳县") in rels


def test_post_gives_leads():
    rels = triples("西岭村党支部书记刘国强介绍,村里发展了特色产业。")
    assert ("刘国强", "leads", "西岭村党支部") in rels


def test_post_belongs_to_the_party_committee_not_the_company():
    rels = triples("广东华宇建材有限公司党委书记王建新介绍,企业发展良好。")
    assert ("王建新", "leads", "广东华宇建材有限公司党委") in rels
    assert ("广东华宇建材有限公司党委", "partyOrgOf", "广东华宇建材有限公司") in rels
