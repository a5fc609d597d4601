"""What names imply: partyOrgOf from a Party body's name, across a short form or a bare word (invented)."""
from __future__ import annotations

from relcase import triples

PO, O, E = "PartyOrganisation", "Organisation", "Enterprise"


def test_a_companys_party_branch():
    found = triples("华星电子有限公司党支部组织学习。", {"华星电子有限公司": E, "华星电子有限公司党支部": PO})
    assert ("华星电子有限公司党支部", "partyOrgOf", "华星电子有限公司") in found


def test_an_offices_own_committee_and_numbered_branch():
    found = triples("市农业局机关党委和北方建设公司第二党支部结对。",
                    {"市农业局": O, "市农业局机关党委": PO, "北方建设公司": E, "北方建设公司第二党支部": PO})
    assert ("市农业局机关党委", "partyOrgOf", "市农业局") in found
    assert ("北方建设公司第二党支部", "partyOrgOf", "北方建设公司") in found


def test_a_joint_committee_built_on_a_company_is_not_the_companys():
    found = triples("青禾食品有限公司产业联合党委成立。", {"青禾食品有限公司": E, "青禾食品有限公司产业联合党委": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)
    found = triples("南江技工学校“校企”联合党委成立。", {"南江技工学校": O, "南江技工学校“校企”联合党委": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)


def test_a_sub_units_branch_is_not_the_colleges():
    found = triples("文学院中文系教工党支部开展活动。", {"文学院": O, "文学院中文系教工党支部": PO})
    assert ("文学院中文系教工党支部", "partyOrgOf", "文学院") not in found
    found = triples("文学院教工党支部开展活动。", {"文学院": O, "文学院教工党支部": PO})
    assert ("文学院教工党支部", "partyOrgOf", "文学院") in found


def test_a_branch_named_by_a_short_form_of_the_company():
    text = "新疆恒远纸业有限公司积极参与。恒远纸业党支部组织党员学习。"
    found = triples(text, {"新疆恒远纸业有限公司": E, "恒远纸业党支部": PO})
    assert ("恒远纸业党支部", "partyOrgOf", "新疆恒远纸业有限公司") in found


def test_a_short_form_shared_by_two_bodies_links_neither():
    text = "恒远纸业有限公司和恒远纸业销售公司参加。恒远纸业党支部组织学习。"
    found = triples(text, {"恒远纸业有限公司": E, "恒远纸业销售公司": E, "恒远纸业党支部": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)


def test_a_bare_committee_belongs_to_the_body_the_article_is_about():
    text = "东江师范大学新闻\n近日，东江师范大学外国语学院获评先进。校党委入选示范高校。"
    found = triples(text, {"东江师范大学": O, "外国语学院": O, "校党委": PO}, title=True)
    assert ("校党委", "partyOrgOf", "东江师范大学") in found
    assert ("校党委", "partyOrgOf", "外国语学院") not in found


def test_a_bare_word_cut_from_a_missed_name_links_nothing():
    text = "北方重工集团积极参与，南方建设集团党委书记发言。"
    found = triples(text, {"北方重工集团": E, "集团党委": PO})
    assert not any(r == "partyOrgOf" for _, r, _ in found)
