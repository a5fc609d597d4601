"""Floors for quantitative facts and article metadata on both gold sets (seeds and wide).

An amount is right when its value and unit match a gold fact of the same article; a fact
when its subject matches too (kg.evaluation.facts). The article date is right when it
equals the gold's, over the articles whose gold gives one.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluation.score import Report, evaluate_texts

TESTS = Path(__file__).resolve().parent
SETS = {"seeds": (TESTS / "gold", TESTS.parent / "seeds"), "wide": (TESTS / "wide" / "gold", TESTS / "wide" / "texts")}

AMOUNT_F1 = 0.85
FACT_F1 = 0.65
ARTICLE_DATE_ACCURACY = 0.90


@pytest.fixture(scope="module")
def wide_report() -> Report:
    gold, texts = SETS["wide"]
    return evaluate_texts(gold, texts)


@pytest.fixture(params=sorted(SETS))
def report(request) -> tuple[str, Report]:
    """Each set's report: the seeds' is the session's shared one (conftest.py), the wide one built here."""
    if request.param == "seeds":
        return "seeds", request.getfixturevalue("seed_eval_report")
    return "wide", request.getfixturevalue("wide_report")


def test_amount_floor(report):
    name, r = report
    counts = r.fact_counts("amount")
    assert counts.f1 >= AMOUNT_F1, (name, r.format_table())


def test_fact_floor(report):
    name, r = report
    assert r.fact_counts("fact").f1 >= FACT_F1, (name, r.format_table())


def test_article_date_and_outlet(report):
    name, r = report
    facts = r.facts
    assert facts is not None and facts.article_date.total > 0
    assert facts.article_date.value >= ARTICLE_DATE_ACCURACY, (name, r.format_table())
    assert facts.article_date.extra == 0 and facts.article_outlet.extra == 0
    assert facts.article_outlet.value >= ARTICLE_DATE_ACCURACY, (name, r.format_table())


def test_dates_of_matched_facts(report):
    name, r = report
    facts = r.facts
    assert facts is not None and facts.date.value >= 0.85, (name, r.format_table())
