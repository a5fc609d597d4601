"""The rules on 25 real articles they were not written for (tests/wide): entity and relation floors, connectivity.

The floors are the issue's targets. Those the entity recognisers still keep out of
reach are marked ``xfail(strict=True)``: they turn into failures (XPASS) the day
they hold, and the mark comes off.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.evaluation.score import evaluate_texts
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.pipeline import build
from kg.stats import connectivity

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WIDE = Path(__file__).parent / "wide"

ENTITY_F1_FLOOR = 0.85  # entity micro F1 on the wide set
ENTITY_TYPE_FLOOR = 0.75  # each entity type on the wide set
RELATION_F1_FLOOR = 0.65  # relation micro F1 on the wide set
RELATION_TYPE_FLOOR = 0.50  # each relation type on the wide set
RELATION_PRECISION_FLOOR = 0.75  # relation micro precision on the wide set
CONNECTIVITY_FLOOR = 0.90  # entities with a relation, in the graph of the seeds and the wide set together



@pytest.fixture(scope="module")
def report():
    return evaluate_texts(WIDE / "gold", WIDE / "texts")


def test_relation_micro_f1_floor(report):
    assert report.relation_total.f1 >= RELATION_F1_FLOOR, report.format_table()


def test_entity_micro_f1_floor(report):
    assert report.entity_total.f1 >= ENTITY_F1_FLOOR, report.format_table()


@pytest.mark.parametrize("type_", ENTITY_TYPES)
def test_entity_type_floor(report, type_):
    assert report.entities[type_].f1 >= ENTITY_TYPE_FLOOR, report.format_table(type_)


@pytest.mark.parametrize("rel", RELATION_TYPES)
def test_relation_type_floor(report, rel):
    assert report.relations[rel].f1 >= RELATION_TYPE_FLOOR, report.format_table(rel)


def test_relation_precision_floor(report):
    assert report.relation_total.precision >= RELATION_PRECISION_FLOOR, report.format_table()


@pytest.mark.xfail(strict=True, reason="byline persons, bodies named only in passing (某区某局) and "
                                        "entities cut wrongly have no relation the text states: the gold "
                                        "itself links 624 of its 769 entities (0.81)")
def test_connectivity_of_seeds_and_wide(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in [*SEEDS.glob("*.txt"), *(WIDE / "texts").glob("*.txt")]:
        shutil.copy(path, corpus / path.name)
    result = build(corpus, tmp_path / "out", formats=("turtle",), validate=False, incremental=False)
    shares = connectivity(result.kb)
    assert shares["all"].ratio >= CONNECTIVITY_FLOOR, {t: str(s) for t, s in shares.items()}
