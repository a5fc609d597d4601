"""Data files shipped with the package: lexicons, ingest patterns, named queries (``queries/*.rq``), ontology, shapes.

``lexicons/…`` files are read with the user's lexicon folder layered over
them when one is active (``kg.user_lexicon``): the few modules that read a
lexicon file directly see the same words as the ``Lexicon``.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from kg import user_lexicon

_LEXICONS = "lexicons/"


def read_text(name: str) -> str:
    """Text of a resource file, by path relative to this package (a lexicon layered, see above)."""
    layer = user_lexicon.active()
    if layer is not None and name.startswith(_LEXICONS):
        return layer.text(name[len(_LEXICONS):])
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a one-item-per-line lexicon."""
    return _read_lines(name, user_lexicon.active())


def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon (comments and blank lines skipped)."""
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in read_lines(name))


@cache
def _read_lines(name: str, layer: user_lexicon.UserLexicon | None) -> tuple[str, ...]:
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
