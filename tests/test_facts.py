"""Quantitative facts on invented sentences: numbers, units, approximation, dates, what is no fact,
subjects, and the article's date and outlet (none of these sentences or names is from the gold)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.cache import extraction_from_json, extraction_to_json
from kg.extract.facts.amounts import find_amounts
from kg.extract.facts.component import find_facts
from kg.extract.facts.dates import amount_date
from kg.extract.facts.lexicon import FactLexicon
from kg.extract.facts.numbers import chinese_numeral, decimal_text, parse_number
from kg.ingest.metadata import annotate, read_metadata
from kg.model import Article, Entity, Extraction, Fact, Mention

LEX = FactLexicon.load()


def amounts(text: str) -> list[tuple[str, str, bool]]:
    """(value, unit, approx) of every amount in ``text``, as one sentence."""
    return [(decimal_text(a.value), a.unit, a.approx) for a in find_amounts(text, 0, len(text), LEX)]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("text,value", [
    ("三十七", 37), ("十二", 12), ("两千", 2000), ("一千二百", 1200), ("一百零五", 105), ("百亿", 10**10),
    ("两万", 20000), ("亿", 10**8), ("千万", 10**7), ("二〇二三", 2023),
])
def test_chinese_numerals(text, value):
    assert chinese_numeral(text, LEX) == value


def test_runs_that_are_no_numeral():
    assert chinese_numeral("百千万", LEX) is None  # a name, not a number
    assert chinese_numeral("三三三十", LEX) is None


@pytest.mark.parametrize("text,value", [("1.2万", "12000"), ("4.1亿", "410000000"), ("1.3427亿", "134270000"),
                                        ("1,000", "1000"), ("92.6", "92.6"), ("５万", "50000")])
def test_arabic_with_magnitudes(text, value):
    assert decimal_text(parse_number(text, LEX)) == value


# ---------------------------------------------------------------- amounts: value, unit, approximation


@pytest.mark.parametrize("sentence,expected", [
    ("某区组建党组织120个。", [("120", "个", False)]),
    ("全县投入资金1000万元。", [("10000000", "元", False)]),
    ("共流转土地1.2万亩。", [("12000", "亩", False)]),
    ("已有100余位居民加入。", [("100", "位", True)]),
    ("累计解决问题120余个。", [("120", "个", True)]),
    ("开展指导近800场次。", [("800", "场次", True)]),
    ("近百名志愿者参加。", [("100", "名", True)]),
    ("约200人到场。", [("200", "人", True)]),
    ("覆盖率达到60%以上。", [("60", "%", True)]),
    ("党员比例在40%左右。", [("40", "%", True)]),
    ("成本降低10%-15%。", [("10", "%", True)]),
    ("发放贷款3600余万元。", [("36000000", "元", True)]),
    ("服务面积25万余亩。", [("250000", "亩", True)]),
    ("收入超亿元。", [("100000000", "元", True)]),
    ("为企业增加了上千万收益。", [("10000000", "元", True)]),
    ("一年下来能多挣三万多。", [("30000", "元", True)]),
    ("吸纳成员企业47家、下设12个党支部。", [("47", "家", False), ("12", "个", False)]),
    ("组建三十七支队伍。", [("37", "支", False)]),
    ("首批九家企业签约。", [("9", "家", False)]),
    ("组建率分别提升8、9个百分点。", [("8", "个百分点", False), ("9", "个百分点", False)]),
    ("建成温室13座。", [("13", "座", False)]),
    ("累计获得专利31项,产值逾380万元。", [("31", "项", False), ("3800000", "元", True)]),
])
def test_amounts(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "全面实施三大行动,推进两个覆盖。",            # small counts in Chinese numerals: rhetoric
    "推行“1+4+N”模式和“五个一”活动。",            # numbers inside a name or slogan
    "第一党支部书记带头。",                        # an ordinal
    "联系电话0536-1234567。",                      # a phone number
    "老党员今年78岁。",                            # an age
    "本文刊于第3版。",                             # an edition number
    "2023年6月12日上午召开会议。",                 # a date
    "辐射甲村、乙村、丙村三个社区。",              # the count of a list the text names
    "甲某、乙某等2人入选。",                       # ... after the list, closed by 等
    "明确三项任务：宣传、服务、监督。",            # ... before the list it names
    "打造3+2平台。",                               # a formula
])
def test_not_facts(sentence):
    assert amounts(sentence) == []


def test_a_list_that_counts_more_than_it_names_is_a_fact():
    assert amounts("甲公司、乙公司等12家企业加入联盟。") == [("12", "家", False)]


def test_measure_wording():
    text = "某区组建党组织120个,吸纳成员企业47家。"
    assert [a.measure for a in find_amounts(text, 0, len(text), LEX)] == ["党组织", "成员企业"]


# ---------------------------------------------------------------- dates an amount holds for


@pytest.mark.parametrize("sentence,article_date,expected", [
    ("截至2023年底,全县共有党员500名。", None, "2023-12"),
    ("2025年2月,新建驿站30个。", None, "2025-02"),
    ("2022年,该公司营业收入5亿元。", None, "2022"),
    ("今年,新建驿站30个。", "2022-08-01", "2022"),
    ("今年4月,组建党支部5个。", "2019-06-12", "2019-04"),
    ("去年,新建驿站30个。", "2022-08-01", "2021"),
    ("目前,已建成驿站30个。", "2022-08-01", "2022-08-01"),
    ("截至11月底,完成项目12个。", "2023-12-05", "2023-11"),
    ("8月2日,分设会场4个。", "2021-09-23", "2021-08-02"),
    ("今年,新建驿站30个。", None, None),            # a relative time needs the article's date
    ("2019年以来,新建驿站30个。", "2022-08-01", None),  # a total since then, for no one time
    ("新建驿站30个。", "2022-08-01", None),
])
def test_amount_dates(sentence, article_date, expected):
    position = len(sentence) - 1
    assert amount_date(sentence, position, LEX, article_date) == expected


def test_same_year_refers_back():
    assert amount_date("当年,实现收益48万元。", 9, LEX, "2025-03-09", previous_year="2020") == "2020"


# ---------------------------------------------------------------- subjects


def _entity(text: str, name: str, type_: str, level: str | None = None) -> Entity:
    mentions = []
    i = text.find(name)
    while i >= 0:
        mentions.append(Mention(i, i + len(name), name, type_, name))
        i = text.find(name, i + 1)
    return Entity(name, type_, set(), mentions, level=level)


def _facts(text: str, names: list[tuple[str, str, str | None]], date: str | None = None,
           title_end: int = 0) -> list[Fact]:
    sentences, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。\n":
            if i > start:
                sentences.append((start, i + 1))
            start = i + 1
    entities = [_entity(text, n, t, lvl) for n, t, lvl in names]
    return find_facts(text, sentences, entities, LEX, title_end=title_end, article_date=date)


def test_subjects_from_the_sentence_references_and_the_main_actor():
    text = ("甲乙县：党建引领产业发展\n"
            "甲乙县组建产业党组织45个。全县新建党群驿站120余个。"
            "丙丁镇成立联合党委,吸纳企业30家。该镇流转土地800亩。"
            "选派党建指导员20名。\n")
    names = [("甲乙县", "Place", "county"), ("丙丁镇", "Place", "town")]
    got = [(f.subject, f.value, f.unit, f.approx, f.rule) for f in _facts(text, names)]
    assert got == [
        ("甲乙县", "45", "个", False, "clause-subject"),
        ("甲乙县", "120", "个", True, "anaphor"),
        ("丙丁镇", "30", "家", False, "clause-subject"),
        ("丙丁镇", "800", "亩", False, "anaphor"),
        ("丙丁镇", "20", "名", False, "paragraph-anaphor"),
    ]


def test_main_actor_when_the_paragraph_names_no_one():
    text = "甲乙县：党建引领产业发展\n推动党员下沉网格,配备网格员300人。\n"
    (fact,) = _facts(text, [("甲乙县", "Place", "county")])
    assert (fact.subject, fact.rule) == ("甲乙县", "main-actor")


def test_a_branch_led_by_someone_stands_for_its_village():
    text = "某村党支部书记王某介绍,2023年,全村集体增收20万元。\n"
    names = [("某村党支部", "PartyOrganisation", None), ("某村", "Place", None)]
    (fact,) = _facts(text, names)
    assert (fact.subject, fact.value, fact.unit, fact.date) == ("某村", "200000", "元", "2023")


def test_members_of_the_last_alliance():
    text = "甲县产业党建联盟近日成立。现场,代表15家联盟成员单位签订协议。\n"
    names = [("甲县", "Place", "county"), ("甲县产业党建联盟", "PartyOrganisation", None)]
    facts = _facts(text, names)
    assert [(f.subject, f.value, f.rule) for f in facts] == [("甲县产业党建联盟", "15", "members")]


def test_a_title_amount_the_body_repeats_is_one_fact():
    text = "甲村年收入突破300万元\n到2025年,甲村集体经营性收入已突破300万元。\n"
    facts = _facts(text, [("甲村", "Place", None)], title_end=text.index("\n"))
    assert [(f.subject, f.value, f.date) for f in facts] == [("甲村", "3000000", "2025")]


# ---------------------------------------------------------------- article date and outlet


@pytest.mark.parametrize("text,date,outlet", [
    ("标题\n来源：某某日报 2022-09-30 字体:\n正文。", "2022-09-30", "某某日报"),
    ("标题\n发布时间: 2019-07-15 00:00来源:【字体:打印\n正文。", "2019-07-15", None),
    ("标题\n本报讯 近日,某县召开会议。\n来源:作者:发布时间:2022年04月11日 09:20 点击:", "2022-04-11", None),
    ("标题\n某某报记者 张三 李四\n正文。", None, "某某报"),
    ("标题\n本报记者 张三\n正文。\n2022-03-14 某某晚报", "2022-03-14", "某某晚报"),
    ("标题\n转载自《某某晨报》记者 张三\n正文。", None, "某某晨报"),
    ("标题\n时间:2019/10/21 08:05:31\n正文。", "2019-10-21", None),
    ("某某社北京6月12日电 正文。", None, "某某社"),
    ("标题\n(转自:某某园区微信公众号)\n正文。", None, "某某园区微信公众号"),
    ("一篇正文,2019年1月某县出台意见,没有刊发信息。", None, None),
    ("标题\n1706-4-3\n正文。", None, None),
])
def test_article_metadata(text, date, outlet):
    meta = read_metadata(text)
    assert (meta.date, meta.outlet) == (date, outlet)


def test_articles_of_one_page_share_what_one_of_them_shows():
    arts = [Article(f"x-{i}", "x.txt", i, t, [], "utf-8") for i, t in
            enumerate(["甲\n来源：某某日报 2022-09-30\n正文。", "乙\n正文。"])]
    annotate(arts)
    assert [(a.date, a.outlet) for a in arts] == [("2022-09-30", "某某日报")] * 2


# ---------------------------------------------------------------- records round-trip


def test_facts_and_article_metadata_round_trip_through_the_cache():
    art = Article("a", "a.txt", 0, "某县组建党组织120个。", [0], "utf-8", date="2023-12", outlet="某某日报")
    fact = Fact("某县", "Place", "党组织", "120", "个", False, "2023-12", "某县组建党组织120个。", 6, 10, 0,
                "clause-subject")
    ex = Extraction(art, [], [], ["某县组建党组织120个。"], [fact])
    back = extraction_from_json(extraction_to_json(ex))
    assert back.facts == [fact] and (back.article.date, back.article.outlet) == ("2023-12", "某某日报")
    assert Decimal(back.facts[0].value) == 120


def test_old_cache_entries_without_facts_still_read():
    data = extraction_to_json(Extraction(Article("a", "a.txt", 0, "x", [0], "utf-8"), [], [], []))
    del data["facts"]
    assert extraction_from_json(data).facts == []


def test_a_word_that_starts_like_an_approximation_is_no_approximation():
    text = "联盟涵盖210家上下游企业。"
    assert [(decimal_text(a.value), a.unit, a.approx, a.measure) for a in find_amounts(text, 0, len(text), LEX)] == [
        ("210", "家", False, "上下游企业")]
