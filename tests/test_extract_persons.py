"""Persons: credits and bylines, posts and titles, and the statistical tagger's PER spans as evidence.

Every sentence and name here is invented. ``ner`` spans are given by hand, so
these tests do not need LAC: they check what the rules make of the tagger's spans.
"""
from __future__ import annotations

import pytest

from kg.extract.entities import select
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand, Recognizer, Scan
from kg.extract.recognize.person_names import Found, name_shaped, split_run
from kg.extract.recognize.tagged_persons import plausible, reconcile, tagged_spans
from kg.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(Lexicon.load(), Gazetteer.default())


Spans = list[tuple[int, int, str]]


def persons(r: Recognizer, text: str, byline: tuple[str, ...] = (), ner: Spans | None = None,
            words: Spans | None = None) -> set[str]:
    return {c.name for c in r.recognise(text, byline, ner or [], words or []) if c.type == "Person"}


def per(text: str, *names: str) -> Spans:
    """PER spans over the first occurrence of each of ``names``."""
    return [(text.index(n), text.index(n) + len(n), "PER") for n in names]


# --- credits and bylines ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记者钱文斌 通讯员孙丽 周海涛报道：近日，全县召开大会。", {"钱文斌", "孙丽", "周海涛"}),
        ("记者钱文斌通讯员孙丽周海涛报道：近日，全县召开大会。", {"钱文斌", "孙丽", "周海涛"}),
        ("会议结束。\n编辑：钱文斌 | 责编：孙丽", {"钱文斌", "孙丽"}),
        ("村民在田间采摘。（钱文斌 摄）\n", {"钱文斌"}),
        ("图为活动现场。\n钱文斌、孙丽摄\n", {"钱文斌", "孙丽"}),
        ("企业发展迈上新台阶。（某某建设公司钱文斌、孙丽）", {"钱文斌", "孙丽"}),
        ("本报讯（记者 钱文斌）近日，全县召开大会。", {"钱文斌"}),
        ("（本文作者：钱文斌）\n", {"钱文斌"}),
        ("文/钱文斌 图/孙丽\n文章来源：某某网\n", {"钱文斌", "孙丽"}),
    ],
)
def test_credits(recognizer: Recognizer, text: str, expected: set[str]):
    assert persons(recognizer, text) == expected


def test_a_byline_token_of_two_names_is_cut(recognizer: Recognizer):
    assert persons(recognizer, "▶ 孙丽周涛\n全县召开大会。", byline=("孙丽周涛",)) == {"孙丽", "周涛"}


def test_names_written_together_are_cut_where_common_surnames_start():
    lex = Lexicon.load()
    assert split_run(lex, "孙丽周海涛") == ["孙丽", "周海涛"]
    assert split_run(lex, "钱文斌孙丽华") == ["钱文斌", "孙丽华"]
    assert split_run(lex, "活动现场") is None


def test_credit_words_in_running_text_are_no_credits(recognizer: Recognizer):
    assert persons(recognizer, "记者了解到，该项目已经完工。主编方案已经确定。作者认为，这很重要。") == set()


# --- posts and titles ------------------------------------------------------------------------------

def test_officials_in_a_running_list(recognizer: Recognizer):
    text = "副县长钱文斌、镇党委副书记、镇长孙丽出席活动。"
    assert persons(recognizer, text) == {"钱文斌", "孙丽"}


def test_a_three_character_name_after_a_post_ends_at_a_verb(recognizer: Recognizer):
    assert persons(recognizer, "宣传部部长甄美丽当选为主任。") == {"甄美丽"}


def test_a_title_marks_a_person_that_speaks_or_is_tagged(recognizer: Recognizer):
    assert persons(recognizer, "主任医师周海涛表示，要做好服务。") == {"周海涛"}
    text = "企业职工庞卫东就找到了他。"
    assert persons(recognizer, text, ner=per(text, "庞卫东")) == {"庞卫东"}


def test_a_surname_the_segmenter_cuts_off_joins_the_person_word_after_it(recognizer: Recognizer):
    assert persons(recognizer, "社区网格员钱红梅也是志愿者。") == {"钱红梅"}


def test_a_title_needs_more_than_a_name_shaped_word(recognizer: Recognizer):
    assert persons(recognizer, "让村民幸福感更强。") == set()


@pytest.mark.parametrize("text", ["部长高兴地说，今年收成好。", "书记向记者介绍，今年收成好。"])
def test_words_between_a_post_and_a_speech_verb_are_no_names(recognizer: Recognizer, text: str):
    assert persons(recognizer, text) == set()


def test_a_post_inside_a_longer_word_is_no_post(recognizer: Recognizer):
    assert persons(recognizer, "组建居民楼栋长队伍。") == set()


def test_a_surname_and_a_form_of_address_is_no_name(recognizer: Recognizer):
    text = "外卖骑手钱师傅说，天冷心暖。"
    assert persons(recognizer, text, ner=per(text, "钱师傅")) == set()
    assert not name_shaped(Lexicon.load(), "李大爷")


# --- the tagger's PER spans --------------------------------------------------------------------------

def test_a_tagged_name_after_an_unknown_post(recognizer: Recognizer):
    text = "县侨联常务理事韩冬梅参加活动。"
    assert persons(recognizer, text) == set()
    assert persons(recognizer, text, ner=per(text, "韩冬梅")) == {"韩冬梅"}


def test_a_lone_surname_joins_the_tagged_name_after_it(recognizer: Recognizer):
    text = "昨天钱文斌来到村里。"
    i = text.index("钱")
    assert persons(recognizer, text, ner=[(i, i + 1, "PER"), (i + 1, i + 3, "PER")]) == {"钱文斌"}


def test_tagged_names_written_together_are_cut(recognizer: Recognizer):
    text = "通讯员钱文斌孙丽报道"
    scan = Scan(text, recognizer.lex, per(text, "钱文斌孙丽"))
    assert tagged_spans(recognizer.vocab, scan) == [(3, 6), (6, 8)]


def _reconciled(recognizer: Recognizer, text: str, rule: tuple[int, int], ner: Spans,
                words: Spans | None = None) -> set[str]:
    scan = Scan(text, recognizer.lex, ner, words or [])
    found = Found()
    found.add(rule[0], rule[1], text[rule[0] : rule[1]], "role:书记")
    return {c.name for c in reconcile(recognizer.vocab, scan, found)}


def test_a_tagged_span_lengthens_a_name_the_rules_cut_short(recognizer: Recognizer):
    text = "党委书记宋子豪带领大家。"
    assert _reconciled(recognizer, text, (4, 6), per(text, "宋子豪")) == {"宋子豪"}


def test_a_tagged_span_shortens_a_name_only_when_the_rest_starts_a_word(recognizer: Recognizer):
    text = "党委书记宋子在场指导。"
    words = [(4, 6, "PER"), (6, 8, "v")]
    assert _reconciled(recognizer, text, (4, 7), per(text, "宋子"), words) == {"宋子"}
    text = "党委书记宋子之分别发言。"
    words = [(4, 6, "PER"), (6, 7, "u"), (7, 9, "d")]
    assert _reconciled(recognizer, text, (4, 7), per(text, "宋子"), words) == {"宋子之"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("大家都叫这片林子“孙丽华”。", "孙丽华"),  # quoted
        ("孙丽华商贸有限公司正式成立。", "孙丽华"),  # part of a company's name
        ("制定了工作方案。", "方案"),  # a common word
        ("钱家庄盘活资源。", "钱家庄"),  # a place's ending
        ("讲述程门立雪的故事。", "程门立"),  # a piece of a longer word
        ("联合钱岭、孙坊等邻村成立联村党组织。", "孙坊"),  # an item of a list of villages
    ],
)
def test_tagged_spans_that_are_no_persons(recognizer: Recognizer, text: str, name: str):
    assert name not in persons(recognizer, text, ner=per(text, name))


def test_plausible_needs_the_other_recognisers_candidates(recognizer: Recognizer):
    text = "孙丽华商贸有限公司正式成立。"
    scan = Scan(text, recognizer.lex, per(text, "孙丽华"))
    assert plausible(recognizer.vocab, scan, 0, 3)
    scan.add(Cand(0, 9, "Enterprise", text[:9], "suffix:有限公司"))
    assert not plausible(recognizer.vocab, scan, 0, 3)


def test_a_short_place_name_inside_a_person_is_dropped():
    lex = Lexicon.load()
    place = Cand(0, 2, "Place", "某地", "gazetteer-short", strong=False)
    person = Cand(0, 3, "Person", "某地明", "ner")
    assert select([place, person], lex, "某地明出席") == [person]


def test_a_tagged_stem_of_a_department_is_no_person(recognizer: Recognizer):
    text = "外交部欧美处处长钱文斌出席。"
    i = text.index("欧美")
    words = [(i, i + 2, "PER"), (i + 2, i + 3, "n"), (i + 3, i + 5, "n")]
    assert persons(recognizer, text, ner=per(text, "欧美", "钱文斌"), words=words) == {"钱文斌"}


def test_a_name_written_with_a_dot_is_one_person(recognizer: Recognizer):
    text = "村党支部书记艾力江·米吉提介绍，今年村里种了棉花。"
    ner = per(text, "艾力江", "米吉提")
    assert persons(recognizer, text, ner=ner) == {"艾力江·米吉提"}


def test_a_tagged_name_without_a_listed_surname_needs_a_post_and_a_stop_or_verb(recognizer: Recognizer):
    text = "乡长次仁多吉说，要把路修好。"
    assert persons(recognizer, text, ner=per(text, "次仁多吉")) == {"次仁多吉"}
    text = "大家来到次仁多吉家里。"
    assert persons(recognizer, text, ner=per(text, "次仁多吉")) == set()
