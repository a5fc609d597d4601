"""Each recogniser on its own small input (invented sentences, not the seed articles)."""
from __future__ import annotations

import pytest

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Recognizer
from kg.gazetteer import Gazetteer
from kg.model import Article
from kg.pipeline import extract_articles


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(Lexicon.load(), Gazetteer.default())


def names(cands, type_=None):
    return {c.name for c in cands if type_ is None or c.type == type_}


def extract(text: str, byline=()):
    art = Article(id="t", source="t.txt", index=0, text=text, offsets=list(range(len(text))), encoding="utf-8",
                  byline=list(byline))
    ex = extract_articles([art])[0]
    return {(e.type, e.name): e for e in ex.entities}, ex.relations


def test_place_chain_splits_into_levels(recognizer):
    cands = recognizer.recognise("近日,在泰安市岱岳区粥店街道石碑社区,居民们参加了活动。")
    assert {"泰安市", "岱岳区", "粥店街道", "石碑社区"} <= names(cands, "Place")


def test_gazetteer_short_form_and_code():
    ents, _ = extract("宁阳县推进党建工作。宁阳的做法值得推广。")
    place = ents[("Place", "宁阳县")]
    assert "宁阳" in place.aliases
    assert place.code == "370921000000" and place.level == "county"


def test_zone_keeps_its_place_in_the_name(recognizer):
    text = "泰安高新区创新推出“红心服务”工作方案。"
    got = names(recognizer.recognise(text), "Place")
    assert "泰安高新区" in got and "高新区" not in got
    ents, _ = extract(text)
    assert ("Place", "泰安高新区") in ents
    # the short form inside it (泰安, of 泰安市) is no place of its own
    assert ("Place", "泰安") not in ents and ("Place", "泰安市") not in ents


def test_party_org_includes_its_place_and_stops_at_verbs(recognizer):
    cands = recognizer.recognise("东关街道青松社区党委书记王小明介绍,社区成立了综合党委。")
    orgs = names(cands, "PartyOrganisation")
    assert "青松社区党委" in orgs
    assert "综合党委" in orgs
    assert not any(n.startswith("成立") for n in orgs)


def test_generic_party_units_are_not_entities(recognizer):
    cands = recognizer.recognise("推动小区党支部全覆盖,楼栋党小组发挥作用。")
    assert not names(cands, "PartyOrganisation")


def test_enterprise_suffix_and_abbreviation():
    ents, rels = extract("山东华宇建材有限公司(以下简称“华宇建材”)投产。华宇建材党支部书记张红介绍说,企业发展良好。")
    ent = ents[("Enterprise", "山东华宇建材有限公司")]
    assert "华宇建材" in ent.aliases
    assert ("PartyOrganisation", "华宇建材党支部") in ents
    triples = {(r.head, r.rel, r.tail) for r in rels}
    assert ("华宇建材党支部", "partyOrgOf", "山东华宇建材有限公司") in triples
    assert ("张红", "leads", "华宇建材党支部") in triples
    assert ("山东华宇建材有限公司", "locatedIn", "山东省") in triples or \
        ("山东华宇建材有限公司", "locatedIn", "山东") in triples


def test_programme_quoted_core_plus_head(recognizer):
    cands = recognizer.recognise("宁阳县探索推行“三色预警”网格治理机制,开展“红色课堂”。")
    progs = {c.name: c for c in cands if c.type == "Programme"}
    assert "三色预警网格治理机制" in progs
    assert "三色预警" in progs["三色预警网格治理机制"].aliases
    assert "红色课堂" in progs


def test_slogans_in_quotes_are_not_programmes(recognizer):
    cands = recognizer.recognise("打通服务群众的“最后一百米”,成为居民的“贴心人”。")
    assert not names(cands, "Programme")


def test_book_title_is_a_programme(recognizer):
    cands = recognizer.recognise("县委出台《关于加强网格党建工作的实施意见》。")
    assert "关于加强网格党建工作的实施意见" in names(cands, "Programme")


def test_counted_list_shares_its_head(recognizer):
    cands = recognizer.recognise("通过固链、补链、强链三大工程,推动发展。")
    assert {"固链工程", "补链工程", "强链工程"} <= names(cands, "Programme")


def test_persons_from_byline_posts_and_speech(recognizer):
    text = "标题\n记者 王小明 张红\n村党支部书记李建国说,今年收成好。"
    cands = recognizer.recognise(text, byline=("王小明", "张红"))
    assert {"王小明", "张红", "李建国"} <= names(cands, "Person")


def test_organisation_suffixes(recognizer):
    cands = recognizer.recognise("宁阳县市场监管局联合山东农业大学开展培训。")
    orgs = names(cands, "Organisation")
    assert any(n.endswith("市场监管局") for n in orgs)
    assert "山东农业大学" in orgs


def test_demonstrative_party_branch_resolves_to_the_village():
    ents, rels = extract("宁阳县东庄镇西岭村是示范村。该村党支部书记刘国强带领群众致富。")
    assert ("PartyOrganisation", "西岭村党支部") in ents
    assert ("刘国强", "leads", "西岭村党支部") in {(r.head, r.rel, r.tail) for r in rels}


def test_rare_community_names_in_a_chain(recognizer):
    cands = recognizer.recognise("南海区桂城街道夏北社区党委书记梁志强带领党员干部。")
    assert "夏北社区" in names(cands, "Place")
    assert "夏北社区党委" in names(cands, "PartyOrganisation")


def test_one_recogniser_serves_threads_alike(recognizer: Recognizer):
    """The recogniser keeps no per-document state, so threads sharing it get what one thread gets."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        "东关街道青松社区党委书记王小明介绍,社区成立了综合党委。",
        "宁阳县探索推行“三色预警”网格治理机制,开展“红色课堂”。",
        "通过固链、补链、强链三大工程,推动发展。",
        "宁阳县市场监管局联合山东农业大学开展培训。",
    ] * 8

    def spans(text: str) -> list[tuple[int, int, str, str]]:
        return [(c.start, c.end, c.type, c.name) for c in recognizer.recognise(text)]

    alone = [spans(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(spans, texts))
    assert together == alone
    assert all(alone)


def test_components_are_found_through_spacy_entry_points():
    """A plain spaCy pipeline adds the rule components by name, without importing kg first."""
    import subprocess
    import sys

    code = ("import spacy, sys; nlp = spacy.blank('zh'); nlp.add_pipe('sentencizer'); "
            "nlp.add_pipe('kg_entities'); nlp.add_pipe('kg_relations'); "
            "doc = nlp('宁阳县东庄镇西岭村党支部书记刘国强介绍了经验。'); "
            "print(sorted({s.label_ for s in doc.spans['kg']})); "
            "print('kg.extract.components' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'PartyOrganisation'" in out and "'Person'" in out and "'Place'" in out
    assert out.strip().endswith("True")
