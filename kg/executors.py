"""Where per-article extraction runs: in this process, a process pool, or a Dask cluster.

Extraction of one article needs nothing but the article, so it is the unit of
parallel work; resolution and graph assembly stay in the calling process and
see the results in article order, which keeps the output deterministic
whatever ran where.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from kg.model import Article, Extraction


def run_extraction(articles: Sequence[Article], model: str = "auto", jobs: int = 1, executor: str = "local",
                   scheduler: str | None = None, progress: bool = False) -> list[Extraction]:
    """Extract every article; results are in the order of ``articles``."""
    if executor != "local" or jobs != 1:
        raise NotImplementedError(f"executor {executor!r} with jobs={jobs} is not available")
    from kg.extract.article import extract_article

    nlp = get_nlp(model)
    items = articles
    if progress:
        from tqdm import tqdm

        items = tqdm(articles, desc="extracting", unit="article", file=sys.stderr, disable=None)
    return [extract_article(nlp, a) for a in items]


_CACHE: dict[str, object] = {}


def get_nlp(model: str = "auto"):
    """The pipeline for ``model``, loaded once per process."""
    from kg.nlp import load_nlp

    if model not in _CACHE:
        _CACHE[model] = load_nlp(model)
    return _CACHE[model]
