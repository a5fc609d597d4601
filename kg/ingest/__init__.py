"""Ingest: files of Chinese news copy -> cleaned ``Article``s with a map back to the file.

    decode_bytes(data) -> (text, encoding)          encoding.py
    clean_units(text) -> [Unit]                      clean.py
    split_articles(units) -> [Piece]                 split.py  (title, byline, laid-out text)
    clean_text(text) -> (cleaned, offsets)           reader.py (clean and split, as text)
    read_file(path, root=None) -> [Article]          reader.py (raises IngestError, a KgError)
    read_corpus(path) -> ([Article], [Skipped])      reader.py (corpus_sources: the files it reads)

Rules that are data (furniture, byline roles, caption markers, character
classes) live in ``kg/resources/ingest/``.
"""
from __future__ import annotations

from kg.ingest.clean import clean_units
from kg.ingest.encoding import decode_bytes, decode_file
from kg.ingest.errors import IngestError
from kg.ingest.reader import DEFAULT_MAX_BYTES, clean_text, read_corpus, read_file
from kg.ingest.split import Piece, split_articles

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "Piece",
    "clean_text",
    "clean_units",
    "decode_bytes",
    "decode_file",
    "read_corpus",
    "read_file",
    "split_articles",
]
