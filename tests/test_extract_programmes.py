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


# ---------------------------------------------------------------- quoted name + head


def test_compound_head_after_the_quote(recognizer):
    got = programmes(recognizer, "某街道创新推行“三联三帮”工作模式,服务居民。")
    assert "三联三帮工作模式" in got
    assert "三联三帮" in got["三联三帮工作模式"].aliases


def test_head_a_few_content_words_after_the_quote(recognizer):
    got = programmes(recognizer, "该村打造“稻香人家”特色产业品牌,带动群众增收。")
    assert "稻香人家特色产业品牌" in got
    got = programmes(recognizer, "两家单位共同构建“课堂与田野”双平台,培养人才。")
    assert "课堂与田野双平台" in got


def test_head_after_a_verb_inside_the_descriptor(recognizer):
    got = programmes(recognizer, "某县以“四方共治”党建引领老旧小区物业管理机制为抓手,改善环境。")
    assert "四方共治党建引领老旧小区物业管理机制" in got


def test_formula_with_a_modifier_before_its_head(recognizer):
    assert "2+4+X枢纽行动" in programmes(recognizer, "全面实施“2+4+X”枢纽行动,推动资源下沉。")


def test_a_verb_right_after_the_quote_ends_the_search(recognizer):
    assert not programmes(recognizer, "以“红色引擎”推动乡村振兴工作。")


def test_the_tail_decides_a_body_suffix_then_a_programme_head(recognizer):
    got = programmes(recognizer, "推行“双带双促”党小组积分管理模式,带动增收。")
    assert "双带双促党小组积分管理模式" in got


def test_a_body_followed_by_a_verb_is_a_clause_not_a_programme(recognizer):
    got = programmes(recognizer, "围绕“五星五好”党支部创建要求,狠抓政治建设。")
    assert not any(n.startswith("五星五好") for n in got)


def test_heads_good_only_right_after_the_quote(recognizer):
    assert "三村共富建设" in programmes(recognizer, "不断推进开发区“三村共富”建设。")
    got = programmes(recognizer, "积极推进“绿邻里”党群服务体系建设,完善阵地。")
    assert "绿邻里党群服务体系" in got and "绿邻里党群服务体系建设" not in got


def test_a_field_of_party_building_work_is_not_a_programme(recognizer):
    assert not programmes(recognizer, "与会单位围绕做好“楼宇”党建工作进行交流。")


def test_quoted_phrase_before_de_and_a_working_method(recognizer):
    got = programmes(recognizer, "双方将构建“一心两翼、多点支撑”的合作机制,实现共赢。")
    assert "一心两翼、多点支撑" in got
    assert not programmes(recognizer, "按照“就近就便、应建尽建”的原则,组建党组织。")


def test_a_list_before_a_principle_describes_a_name_before_it_names(recognizer):
    assert not programmes(recognizer, "按照“就近就便、应建尽建”原则,组建党组织。")
    assert "三联三共原则" in programmes(recognizer, "坚持“三联三共”原则,推动党建工作同研究。")


# ---------------------------------------------------------------- what a quote does not name


def test_generic_cores_and_class_formulas_are_not_programmes(recognizer):
    assert not programmes(recognizer, "将“党建+”管理模式延伸至各个园区。")
    assert not programmes(recognizer, "全面推行“党支部+协会”模式,带动发展。")
    assert "党建+乡村旅游模式" in programmes(recognizer, "某镇以“党建+乡村旅游”模式聚焦产业发展。")


def test_quoted_count_words_are_not_programmes(recognizer):
    got = programmes(recognizer, "共评选出“稻花香”、“暖心桥”等8个“十佳”服务品牌,推动创新。")
    assert {"稻花香", "暖心桥"} <= set(got)
    assert not any(n.startswith("十佳") for n in got)
    assert "五色工作法" in programmes(recognizer, "推行“五色”工作法,分类管理党员。")


def test_a_metaphor_ending_in_net_is_not_a_programme(recognizer):
    assert not programmes(recognizer, "全镇编织“平安网”,覆盖所有村组。")


# ---------------------------------------------------------------- runs and lists of quotes


def test_run_of_quotes_shares_the_head(recognizer):
    got = programmes(recognizer, "某县以“金穗红”“山水情”党建品牌为牵引,推动发展。")
    assert {"金穗红党建品牌", "山水情党建品牌"} <= set(got)
    assert "金穗红山水情党建品牌" not in got


def test_numbered_parts_of_one_formula_stay_one_name(recognizer):
    got = programmes(recognizer, "为委员制定“三不准”“四必须”清单,规范履职。")
    assert "三不准四必须清单" in got
    assert "三不准清单" not in got


def test_a_run_closed_by_deng_takes_the_type_of_its_known_items(recognizer):
    got = programmes(recognizer, "依托小区“邻里客厅”“青年驿站”等,开展各类服务。")
    assert {"邻里客厅", "青年驿站"} <= set(got)


def test_counted_quoted_list_gives_one_programme_per_item(recognizer):
    got = programmes(recognizer, "全面实施“强基、育才、兴业”三大行动,夯实基础。")
    assert {"强基行动", "育才行动", "兴业行动"} <= set(got)


def test_quoted_run_closed_by_a_count_and_a_body_tail_names_bodies(recognizer):
    text = "重点抓好“金桥”、“银河”和“星光”助农三个党建联盟示范作用。"
    assert {"金桥", "银河", "星光"} <= typed(recognizer, text, "PartyOrganisation")
    assert not programmes(recognizer, text)


# ---------------------------------------------------------------- prefixes and short forms


def test_prefix_name_keeps_the_core_with_its_head_as_alias(recognizer):
    got = programmes(recognizer, "某市深入实施村集体经济“强村”工程,带动增收。")
    full = next(c for n, c in got.items() if n.endswith("强村工程"))
    assert "强村工程" in (full.name, *full.aliases)


def test_one_character_quote_is_part_of_its_word(recognizer):
    got = programmes(recognizer, "骑手推开社区暖“心”驿站的大门。")
    assert "暖心驿站" in got


# ---------------------------------------------------------------- unquoted names and documents


def test_venue_after_a_setting_up_verb(recognizer):
    assert "骑手休息站" in programmes(recognizer, "多家餐饮企业挂牌“骑手休息站”,提供免费饮水。")


def test_unquoted_system_after_establishing_verb(recognizer):
    assert "片区联络员制度" in programmes(recognizer, "街道确立片区联络员制度,指导各项工作。")


def test_unquoted_pilot_after_advancing_verb(recognizer):
    got = programmes(recognizer, "工委积极推进物流产业链党建试点工作,推动融合。")
    assert "物流产业链党建试点工作" in got


def test_title_of_a_newspaper_is_a_body_not_a_document(recognizer):
    text = "转载自《江城日报》记者 王小明"
    assert "江城日报" in typed(recognizer, text, "Organisation")
    assert not programmes(recognizer, text)


def test_run_of_quotes_each_written_after_its_owner(recognizer):
    got = programmes(recognizer, "涌现出华峰集团“铸魂领航”、青山矿业“石榴红”等一批党建品牌,带动发展。")
    assert {"铸魂领航", "石榴红"} <= set(got)


def test_campaign_years_and_codes_are_programmes_by_their_ending(recognizer):
    assert "项目攻坚年" in programmes(recognizer, "全面落实“项目攻坚年”部署,压实责任。")
    assert "文明议事守则" in programmes(recognizer, "村里制定村民“文明议事守则”,规范议事。")


def test_a_prefix_stops_after_verbs_even_when_mis_tagged(recognizer):
    got = programmes(recognizer, "街道建立健全“2+3+Y”联席会议制度,统筹推进工作。")
    assert "2+3+Y联席会议制度" in got


def test_practice_activity_after_a_quoted_slogan(recognizer):
    got = programmes(recognizer, "镇党委开展“邻里互助你我他”实践活动,解决难题。")
    assert "邻里互助你我他实践活动" in got


def test_formulas_in_a_counted_run_share_the_head(recognizer):
    got = programmes(recognizer, "扎实开展“党建+文旅”“党建+康养”两大行动,助力振兴。")
    assert {"党建+文旅行动", "党建+康养行动"} <= set(got)


def test_every_quote_of_a_run_after_an_implementing_verb(recognizer):
    got = programmes(recognizer, "打造“红色书屋”“田间课堂”等学习阵地。")
    assert {"红色书屋", "田间课堂"} <= set(got)


def test_practice_station_is_a_venue(recognizer):
    assert "新时代文明实践站" in programmes(recognizer, "依托“新时代文明实践站”开展志愿服务。")


def test_two_unquoted_names_joined_by_he(recognizer):
    got = programmes(recognizer, "深入开展党员先锋示范行动和青年人才培养计划。")
    assert {"党员先锋示范行动", "青年人才培养计划"} <= set(got)


def test_unquoted_action_plan(recognizer):
    got = programmes(recognizer, "实施新时代农村党员教育培训三年行动计划。")
    assert "新时代农村党员教育培训三年行动计划" in got
