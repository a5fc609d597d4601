"""Shared test set-up: the hand-made fixtures under tests/fixtures are importable, and the seed
corpus is read, extracted, built and scored once per session (session-scoped fixtures below).

The shared build and graph are read-only: a test that changes outputs copies them first. Their
teardown checks that no test changed them.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
for sub in ("graph", "query"):
    if str(FIXTURES / sub) not in sys.path:
        sys.path.insert(0, str(FIXTURES / sub))

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


class SeedBuild(NamedTuple):
    result: object  # kg.pipeline.BuildResult
    out: Path  # the output folder: graph.ttl, graph.html


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _shared_build(out: Path, model: str):
    """``kg.pipeline.build`` of the seeds into ``out``, yielded; afterwards, check nobody changed it."""
    from kg.pipeline import build

    result = build(SEEDS, out, formats=("turtle", "html"), model=model, incremental=False, validate=True)
    files, summary = _files(out), result.summary()
    yield SeedBuild(result, out)
    assert _files(out) == files, f"a test changed the shared seed build in {out}: copy it first"
    assert result.summary() == summary, "a test changed the shared seed build's knowledge base"


@pytest.fixture(scope="session")
def seed_articles() -> tuple:
    """The articles of seeds/, as ``read_corpus`` gives them (none skipped)."""
    from kg.ingest import read_corpus

    articles, skipped = read_corpus(SEEDS)
    assert articles and not skipped
    return tuple(articles)


@pytest.fixture(scope="session")
def seed_extractions(seed_articles) -> tuple:
    """``extract_articles`` of the seed articles, in this process, with the default model."""
    from kg.pipeline import extract_articles

    return tuple(extract_articles(seed_articles))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One clean (non-incremental), validated build of seeds/ with the library API and the default
    model: ``.result`` (the BuildResult, its ``kb``) and ``.out`` (graph.ttl, graph.html)."""
    yield from _shared_build(tmp_path_factory.mktemp("seed-build"), "auto")


@pytest.fixture(scope="session")
def seed_build_blank(seed_build, tmp_path_factory):
    """The seed build with the blank pipeline (spaCy's tokenizer and jieba): ``seed_build`` itself
    when the default model resolves to it (zh_core_web_sm not installed), else a build of its own."""
    from kg.executors import describe_pipeline

    if describe_pipeline("auto") == describe_pipeline("blank"):
        yield seed_build
    else:
        yield from _shared_build(tmp_path_factory.mktemp("seed-build-blank"), "blank")


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """``seed_build``'s graph.ttl parsed by rdflib (read-only: copy it before adding triples)."""
    from rdflib import Graph

    graph = Graph().parse(seed_build.out / "graph.ttl", format="turtle")
    triples = set(graph)
    yield graph
    assert set(graph) == triples, "a test changed the shared seed graph: copy it first"


@pytest.fixture(scope="session")
def seed_eval_report():
    """``evaluate_texts`` of the pipeline's default extractor on seeds/ against tests/gold."""
    from kg.evaluation.score import evaluate_texts

    return evaluate_texts(GOLD, SEEDS)
