"""Ingest: files of Chinese news copy -> cleaned ``Article``s with a map back to the file.

    decode_bytes(data) -> (text, encoding)          encoding.py
    clean_text(text) -> (cleaned, offsets)           clean.py  (clean_units: the same as units)
    split_articles(units) -> [Piece]                 split.py  (title, byline, laid-out text)
    read_file(path, root=None) -> [Article]          reader.py (raises IngestError)
    read_corpus(path) -> ([Article], [Skipped])      reader.py

Rules that are data (furniture, byline roles, caption markers, character
classes) live in ``kg/resources/ingest/``.
"""
from __future__ import annotations

from kg.ingest.clean import clean_text, clean_units
from kg.ingest.encoding import decode_bytes, decode_file
from kg.ingest.errors import IngestError
from kg.ingest.reader import DEFAULT_MAX_BYTES, read_corpus, read_file
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
