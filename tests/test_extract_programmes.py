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


# ---------------------------------------------------------------- runs and lists of quotes


def test_quoted_run_closed_by_a_count_and_a_body_tail_names_bodies(recognizer):
    text = "重点抓好“金桥”、“银河”和“星光”助农三个党建联盟示范作用。"
    assert {"金桥", "银河", "星光"} <= typed(recognizer, text, "PartyOrganisation")
    assert not programmes(recognizer, text)


# ---------------------------------------------------------------- unquoted names and documents


def test_title_of_a_newspaper_is_a_body_not_a_document(recognizer):
    text = "转载自《江城日报》记者 王小明"
    assert "江城日报" in typed(recognizer, text, "Organisation")
    assert not programmes(recognizer, text)
