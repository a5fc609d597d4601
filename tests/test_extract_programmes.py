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


# ---------------------------------------------------------------- what a quote does not name


def test_a_metaphor_ending_in_net_is_not_a_programme(recognizer):
    assert not programmes(recognizer, "全镇编织“平安网”,覆盖所有村组。")


# ---------------------------------------------------------------- runs and lists of quotes


def test_quoted_run_closed_by_a_count_and_a_body_tail_names_bodies(recognizer):
    text = "重点抓好“金桥”、“银河”和“星光”助农三个党建联盟示范作用。"
    assert {"金桥", "银河", "星光"} <= typed(recognizer, text, "PartyOrganisation")
    assert not programmes(recognizer, text)


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
