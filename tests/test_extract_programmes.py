"""Programme rules, each on invented sentences (never text or names from the gold files)."""
from __future__ import annotations

import pytest

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand, Recognizer
from kg.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(Lexicon.load(), Gazetteer.default())


def programmes(recognizer: Recognizer, text: str) -> dict[str, Cand]:
    return {c.name: c for c in recognizer.recognise(text) if c.type == "Programme"}


def typed(recognizer: Recognizer, text: str, type_: str) -> set[str]:
    return {c.name for c in recognizer.recognise(text) if c.type == type_}


# rule -> (invented sentence, programme names it must give)
FOUND = {
    # a quoted name and its head
    "compound head after the quote": ("某街道创新推行“三联三帮”工作模式,服务居民。", {"三联三帮工作模式"}),
    "head a few content words on": ("该村打造“稻香人家”特色产业品牌,带动群众增收。", {"稻香人家特色产业品牌"}),
    "numbered head": ("两家单位共同构建“课堂与田野”双平台,培养人才。", {"课堂与田野双平台"}),
    "verb inside the descriptor": ("某县以“四方共治”党建引领老旧小区物业管理机制为抓手,改善环境。",
                                   {"四方共治党建引领老旧小区物业管理机制"}),
    "formula with a modifier": ("全面实施“2+4+X”枢纽行动,推动资源下沉。", {"2+4+X枢纽行动"}),
    "practice activity": ("镇党委开展“邻里互助你我他”实践活动,解决难题。", {"邻里互助你我他实践活动"}),
    "the tail decides": ("推行“双带双促”党小组积分管理模式,带动增收。", {"双带双促党小组积分管理模式"}),
    "head good only after the quote": ("不断推进开发区“三村共富”建设。", {"三村共富建设"}),
    "quoted phrase before 的 and a method": ("双方将构建“一心两翼、多点支撑”的合作机制,实现共赢。",
                                             {"一心两翼、多点支撑"}),
    "a name before a principle": ("坚持“三联三共”原则,推动党建工作同研究。", {"三联三共原则"}),
    "a formula of named parts": ("某镇以“党建+乡村旅游”模式聚焦产业发展。", {"党建+乡村旅游模式"}),
    "a count word with a head": ("推行“五色”工作法,分类管理党员。", {"五色工作法"}),
    # runs and lists of quotes
    "a run shares its head": ("某县以“金穗红”“山水情”党建品牌为牵引,推动发展。", {"金穗红党建品牌", "山水情党建品牌"}),
    "numbered parts of one formula": ("为委员制定“三不准”“四必须”清单,规范履职。", {"三不准四必须清单"}),
    "a run takes its items' type": ("依托小区“邻里客厅”“青年驿站”等,开展各类服务。", {"邻里客厅", "青年驿站"}),
    "a run after a verb": ("打造“红色书屋”“田间课堂”等学习阵地。", {"红色书屋", "田间课堂"}),
    "a run after its owners": ("涌现出华峰集团“铸魂领航”、青山矿业“石榴红”等一批党建品牌,带动发展。",
                               {"铸魂领航", "石榴红"}),
    "a count word in the tail": ("共评选出“稻花香”、“暖心桥”等8个“十佳”服务品牌,推动创新。", {"稻花香", "暖心桥"}),
    "formulas in a counted run": ("扎实开展“党建+文旅”“党建+康养”两大行动,助力振兴。",
                                  {"党建+文旅行动", "党建+康养行动"}),
    "a numbered short form of a list": ("推动选题链、人才链、资金链“三链协同”,提升效能。", {"三链协同"}),
    "a counted quoted list": ("全面实施“强基、育才、兴业”三大行动,夯实基础。", {"强基行动", "育才行动", "兴业行动"}),
    # endings and prefixes
    "a campaign year": ("全面落实“项目攻坚年”部署,压实责任。", {"项目攻坚年"}),
    "a code of conduct": ("村里制定村民“文明议事守则”,规范议事。", {"文明议事守则"}),
    "a practice station": ("依托“新时代文明实践站”开展志愿服务。", {"新时代文明实践站"}),
    "a rest stop after 挂牌": ("多家餐饮企业挂牌“骑手休息站”,提供免费饮水。", {"骑手休息站"}),
    "a one-character quote": ("骑手推开社区暖“心”驿站的大门。", {"暖心驿站"}),
    "a prefix stops after verbs": ("街道建立健全“2+3+Y”联席会议制度,统筹推进工作。", {"2+3+Y联席会议制度"}),
    # unquoted names after an implementing verb
    "a system after 确立": ("街道确立片区联络员制度,指导各项工作。", {"片区联络员制度"}),
    "a pilot after 推进": ("工委积极推进物流产业链党建试点工作,推动融合。", {"物流产业链党建试点工作"}),
    "two names joined by 和": ("深入开展党员先锋示范行动和青年人才培养计划。",
                               {"党员先锋示范行动", "青年人才培养计划"}),
    "an action plan": ("实施新时代农村党员教育培训三年行动计划。", {"新时代农村党员教育培训三年行动计划"}),
}

# rule -> an invented sentence in which no programme is named
NOT_FOUND = {
    "a verb right after the quote": "以“红色引擎”推动乡村振兴工作。",
    "a field of party-building work": "与会单位围绕做好“楼宇”党建工作进行交流。",
    "a principle after 的": "按照“就近就便、应建尽建”的原则,组建党组织。",
    "a list before a principle": "按照“就近就便、应建尽建”原则,组建党组织。",
    "a generic core": "将“党建+”管理模式延伸至各个园区。",
    "a formula of class nouns": "全面推行“党支部+协会”模式,带动发展。",
    "a metaphor ending in 网": "全镇编织“平安网”,覆盖所有村组。",
    "a newspaper's title": "转载自《江城日报》记者 王小明",
}


@pytest.mark.parametrize("rule", sorted(FOUND))
def test_found(recognizer, rule):
    text, expected = FOUND[rule]
    assert expected <= set(programmes(recognizer, text))


@pytest.mark.parametrize("rule", sorted(NOT_FOUND))
def test_not_found(recognizer, rule):
    assert not programmes(recognizer, NOT_FOUND[rule])


def test_quoted_core_is_an_alias(recognizer):
    got = programmes(recognizer, "某街道创新推行“三联三帮”工作模式,服务居民。")
    assert "三联三帮" in got["三联三帮工作模式"].aliases


def test_a_prefixed_name_keeps_the_core_with_its_head_as_alias(recognizer):
    got = programmes(recognizer, "某市深入实施村集体经济“强村”工程,带动增收。")
    full = next(c for n, c in got.items() if n.endswith("强村工程"))
    assert "强村工程" in (full.name, *full.aliases)


def test_a_body_followed_by_a_verb_is_a_clause_not_a_programme(recognizer):
    got = programmes(recognizer, "围绕“五星五好”党支部创建要求,狠抓政治建设。")
    assert not any(n.startswith("五星五好") for n in got)


def test_a_head_inside_a_longer_compound_stays_the_head(recognizer):
    got = programmes(recognizer, "积极推进“绿邻里”党群服务体系建设,完善阵地。")
    assert "绿邻里党群服务体系" in got and "绿邻里党群服务体系建设" not in got


def test_a_run_without_a_numbered_formula_is_not_joined(recognizer):
    assert "金穗红山水情党建品牌" not in programmes(recognizer, "某县以“金穗红”“山水情”党建品牌为牵引。")
    assert "三不准清单" not in programmes(recognizer, "为委员制定“三不准”“四必须”清单,规范履职。")


def test_a_count_word_after_a_count_is_no_name(recognizer):
    got = programmes(recognizer, "共评选出“稻花香”、“暖心桥”等8个“十佳”服务品牌,推动创新。")
    assert not any(n.startswith("十佳") for n in got)


def test_quoted_run_closed_by_a_count_and_a_body_tail_names_bodies(recognizer):
    text = "重点抓好“金桥”、“银河”和“星光”助农三个党建联盟示范作用。"
    assert {"金桥", "银河", "星光"} <= typed(recognizer, text, "PartyOrganisation")
    assert not programmes(recognizer, text)


def test_title_of_a_newspaper_is_a_body(recognizer):
    assert "江城日报" in typed(recognizer, "转载自《江城日报》记者 王小明", "Organisation")
