"""Copies of an article in one file give what the article gives alone.

A file of the seeds concatenated many times once lost a programme and its
``implements``: headings repeated anywhere in a file were dropped as running
headers, and in a file of copies every section heading repeats (seed 004's
``织密“产业提质网”``). Repeats now count only between two bylines.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_file
from kg.pipeline import extract_articles, to_gold_shape

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COPIES = 3


def _copies(tmp_path: Path, text: str, n: int) -> Path:
    path = tmp_path / f"copies{n}.txt"
    path.write_text("\n\n".join([text] * n) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_copies_split_into_the_same_articles(tmp_path: Path, seed: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    one = read_file(_copies(tmp_path, text, 1))
    many = read_file(_copies(tmp_path, text, COPIES))
    assert [(a.title, a.text) for a in many] == [(a.title, a.text) for a in one] * COPIES


def _found(path: Path) -> tuple[set, set]:
    shape = to_gold_shape(path.name, extract_articles(read_file(path), model="blank"))
    return ({(e["type"], e["name"]) for e in shape["entities"]},
            {(r["head"], r["rel"], r["tail"]) for r in shape["relations"]})


def test_copies_of_an_article_give_the_same_entities(tmp_path: Path) -> None:
    (seed,) = SEEDS.glob("004_*.txt")  # three stories, one with the heading that used to vanish
    text = seed.read_text(encoding="utf-8")
    many = _copies(tmp_path, text, COPIES)
    assert sum("产业提质网" in a.text for a in read_file(many)) == COPIES  # the heading survives every copy
    entities, relations = _found(_copies(tmp_path, text, 1))
    assert entities and relations
    assert _found(many) == (entities, relations)
