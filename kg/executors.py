"""Where per-article extraction runs: in this process, a process pool, or a Dask cluster.

Extraction of one article needs nothing but the article, so it is the unit of
parallel work; resolution and graph assembly stay in the calling process and
see the results in article order, which keeps the output deterministic
whatever ran where.

Workers send back only what extraction found (entities, relations, sentences);
the caller reattaches its own ``Article``, so the text never travels twice.
Every worker loads the pipeline once and keeps it: in a process pool through
the pool's initializer, on a Dask worker in a per-thread cache (the rule
components keep per-document state, so threads must not share a pipeline).
Dask workers import ``kg`` by name: install the same ``kg`` on every worker.
A user lexicon (``kg.user_lexicon``) travels with the work as its files' text,
so every worker layers the same words, whether or not it can read the folder.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from kg.exceptions import KgError
from kg.model import Article, Entity, Extraction, Fact, Relation
from kg.user_lexicon import UserLexicon, activate

EXECUTORS: tuple[str, ...] = ("local", "dask")

# What a worker returns for one article: Extraction minus the article.
Payload = tuple[list[Entity], list[Relation], list[str], list[Fact]]


class ExecutorError(KgError, RuntimeError):
    """An executor that cannot run as asked (Dask missing, a scheduler without Dask…)."""


Key = tuple[str, str, "UserLexicon | None"]  # (model, ner, user lexicon): one loaded pipeline each

_CACHE: dict[Key, Any] = {}
_DESCRIPTIONS: dict[Key, str] = {}
_THREAD = threading.local()
_WORKER_MODEL: Key = ("auto", "auto", None)  # the pipeline a pool worker loaded in its initializer


def run_extraction(articles: Sequence[Article], model: str = "auto", jobs: int = 1, executor: str = "local",
                   scheduler: str | None = None, progress: bool = False, ner: str = "auto",
                   lexicon: UserLexicon | None = None) -> list[Extraction]:
    """Extract every article; results are in the order of ``articles``.

    ``executor="local"`` runs in this process (``jobs=1``) or in a pool of
    ``jobs`` processes (``jobs=0``: one per CPU core). ``executor="dask"`` runs
    batches of articles as tasks on the Dask cluster at ``scheduler``
    (``tcp://host:port``), or on a ``LocalCluster`` of ``jobs`` worker
    processes started on 127.0.0.1 when no scheduler is given. ``ner``: the
    NER layer, as for ``kg.nlp.load_nlp``; ``lexicon``: a user lexicon layered over the packaged one.
    """
    articles = list(articles)
    if executor not in EXECUTORS:
        raise ExecutorError(f"unknown executor {executor!r}; known: {', '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise ExecutorError("a scheduler address needs executor 'dask'")
    workers = effective_jobs(jobs)
    if executor == "dask":
        payloads: Iterable[Payload] = _run_dask(articles, (model, ner, lexicon), workers, scheduler, progress)
        progress = False  # the Dask runner reports progress as batches finish, in any order
    elif workers > 1 and len(articles) > 1:
        payloads = _run_pool(articles, (model, ner, lexicon), min(workers, len(articles)))
    else:
        from kg.extract.article import extract_articles

        payloads = (_payload(ex) for ex in extract_articles(get_nlp(model, ner, lexicon), articles))
    if progress:
        from tqdm import tqdm

        payloads = tqdm(payloads, total=len(articles), desc="extracting", unit="article", file=sys.stderr,
                        disable=None)
    return [Extraction(article, *found) for article, found in zip(articles, payloads, strict=True)]


def effective_jobs(jobs: int) -> int:
    """``jobs`` itself, or the number of CPU cores for ``jobs <= 0``."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _load(key: Key) -> Any:
    from kg.nlp import load_nlp

    model, ner, lexicon = key
    return load_nlp(model, ner, lexicon.folder() if lexicon is not None else None)


def get_nlp(model: str = "auto", ner: str = "auto", lexicon: UserLexicon | None = None) -> Any:
    """The pipeline for ``model``, ``ner`` and ``lexicon``, loaded once per process."""
    from kg.nlp import describe

    key = (model, ner, lexicon)
    if key not in _CACHE:
        _CACHE[key] = _load(key)
        _DESCRIPTIONS[key] = describe(_CACHE[key])
    activate(lexicon)  # the layer of this pipeline, also when it was loaded before another
    return _CACHE[key]


def describe_pipeline(model: str = "auto", ner: str = "auto", lexicon: UserLexicon | None = None) -> str:
    """What ``model``, ``ner`` and ``lexicon`` resolved to ("blank zh + jieba segmenter; ner: …").

    Answered from whichever process ran extraction, so a parallel build never
    loads the pipeline in the caller just to name it; when nothing ran (every
    article came from the cache), from ``kg.nlp.plan``, which loads nothing.
    """
    if (model, ner, lexicon) not in _DESCRIPTIONS:
        from kg.nlp import plan

        return plan(model, ner, lexicon.folder() if lexicon is not None else None)
    return _DESCRIPTIONS[(model, ner, lexicon)]


# ---- in-process and process pool ------------------------------------------

def _payload(ex: Extraction) -> Payload:
    return ex.entities, ex.relations, ex.sentences, ex.facts


def _init_worker(key: Key) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = key
    get_nlp(*key)


def _extract_in_worker(article: Article) -> Payload:
    from kg.extract.article import extract_article

    return _payload(extract_article(get_nlp(*_WORKER_MODEL), article))


def _worker_description() -> str:
    return describe_pipeline(*_WORKER_MODEL)


def _chunksize(n: int, workers: int) -> int:
    """Articles per pool message: a few chunks per worker keeps them busy to the end."""
    return max(1, min(32, n // (workers * 8)))


def _run_pool(articles: list[Article], key: Key, workers: int) -> Iterator[Payload]:
    """Results in article order from ``workers`` spawned processes (safe under threads and on every OS)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(key,)) as pool:
        if key not in _DESCRIPTIONS:
            _DESCRIPTIONS[key] = pool.submit(_worker_description).result()
        yield from pool.map(_extract_in_worker, articles, chunksize=_chunksize(len(articles), workers))


# ---- Dask -----------------------------------------------------------------

def _thread_nlp(key: Key) -> Any:
    cache = getattr(_THREAD, "nlp", None)
    if cache is None:
        cache = _THREAD.nlp = {}
    if key not in cache:
        from kg.nlp import describe

        cache[key] = _load(key)
        _DESCRIPTIONS[key] = describe(cache[key])
    return cache[key]


def extract_batch(articles: list[Article], model: str = "auto", ner: str = "auto",
                  lexicon: UserLexicon | None = None) -> tuple[str, list[Payload]]:
    """One Dask task: extract a batch of articles on a worker; returns (pipeline description, payloads)."""
    from kg.extract.article import extract_articles

    key = (model, ner, lexicon)
    nlp = _thread_nlp(key)
    return _DESCRIPTIONS[key], [_payload(ex) for ex in extract_articles(nlp, articles)]


def _batches(articles: list[Article], slots: int) -> list[list[Article]]:
    """Consecutive batches, about four per worker thread, at most 64 articles each."""
    size = max(1, min(64, -(-len(articles) // (slots * 4))))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def _run_dask(articles: list[Article], key: Key, workers: int, scheduler: str | None,
              progress: bool) -> list[Payload]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ExecutorError("executor 'dask' needs dask.distributed: pip install 'kg[dask]'") from exc
    if not articles:
        return []
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except OSError as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    try:
        batches = _batches(articles, max(1, sum(client.nthreads().values())))
        data = client.scatter(batches, hash=False)
        futures = client.map(extract_batch, data, model=key[0], ner=key[1], lexicon=key[2], pure=False)
        if progress:
            from tqdm import tqdm

            counts = {f.key: len(b) for f, b in zip(futures, batches, strict=True)}
            with tqdm(total=len(articles), desc="extracting", unit="article", file=sys.stderr,
                      disable=None) as bar:
                for done in as_completed(futures):
                    bar.update(counts[done.key])
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if results:
        _DESCRIPTIONS.setdefault(key, results[0][0])
    return [payload for _, batch in results for payload in batch]
