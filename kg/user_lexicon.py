"""A user's own lexicon folder, layered over the packaged lexicons (``kg build --lexicon DIR``).

A user with their own corpus adds known names, suffixes, stop words or relation
patterns without editing installed files: a folder holding files with the
packaged names (``kg/resources/lexicons/``) and formats, each layered over the
packaged file of that name:

- line lists (``*.txt``): the user's lines are added; a line ``-WORD`` removes WORD;
- tables (``*.tsv``): a row replaces the packaged row with the same key (its first
  column; both columns of ``membership.tsv``) or is added; ``-KEY`` removes;
- ``markers.json``: each class the user's file names (``chars``/``words``/``pos``)
  replaces the packaged class of that name; other classes stay;
- ``relation_patterns.jsonl``: a pattern replaces the packaged one with its ``id``
  or is added; ``{"id": "…", "remove": true}`` removes one;
- ``known_names.tsv`` (``name<TAB>Type``): names the recognisers find wherever the
  text writes them (packaged empty).

The folder travels as a ``UserLexicon`` (its files' text), so a worker with no
access to it (a Dask worker on another host) layers the same words, and its
digest goes into the build cache's pipeline version: a changed lexicon re-extracts.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from kg.exceptions import KgError
from kg.fsutil import atomic_write_text

ENV = "KG_LEXICON_DIR"
SUFFIXES: tuple[str, ...] = (".txt", ".tsv", ".json", ".jsonl")
KEY_COLUMNS = {"membership.tsv": 2}  # tables whose key is more than the first column
REMOVE = "-"


class LexiconError(KgError):
    """A user lexicon folder that cannot be layered: missing, an unknown file name, a bad line."""


def packaged_names() -> tuple[str, ...]:
    """The file names a user folder may hold: those of the packaged lexicons."""
    folder = resources.files("kg.resources").joinpath("lexicons")
    return tuple(sorted(e.name for e in folder.iterdir() if e.name.endswith(SUFFIXES)))


def packaged_text(name: str) -> str:
    """The packaged lexicon file ``name``, as shipped."""
    return (resources.files("kg.resources") / "lexicons" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class UserLexicon:
    """The lexicon files of a user's folder, by name, with the folder they came from."""

    files: tuple[tuple[str, str], ...]  # (file name, text), sorted by name
    source: str = ""  # the folder, for messages and for workers that can read it

    @classmethod
    def from_dir(cls, folder: str | Path) -> UserLexicon:
        """Read and check a user's lexicon folder (``LexiconError`` says what is wrong)."""
        path = Path(folder)
        if not path.is_dir():
            raise LexiconError(f"lexicon folder {folder} does not exist (or is no folder)")
        known = set(packaged_names())
        files = []
        for f in sorted(path.iterdir()):
            if f.name.startswith(".") or not f.is_file() or not f.name.endswith(SUFFIXES):
                continue
            if f.name not in known:
                raise LexiconError(f"{f}: no packaged lexicon has this name; a lexicon folder holds files named "
                                   f"like the packaged ones: {', '.join(sorted(known))}")
            try:
                files.append((f.name, f.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise LexiconError(f"cannot read {f}: {exc}") from None
        lexicon = cls(tuple(files), str(path.resolve()))
        for name, _ in lexicon.files:
            lexicon.text(name)  # a bad line shows now, naming its file, not in the middle of a build
        return lexicon

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the files' names and text (not of where they are)."""
        h = hashlib.sha256()
        for name, text in self.files:
            h.update(name.encode() + b"\0" + text.encode() + b"\0")
        return h.hexdigest()

    def text(self, name: str) -> str:
        """The lexicon file ``name`` with this folder's file layered over the packaged one."""
        own = dict(self.files).get(name)
        base = packaged_text(name)
        if own is None:
            return base
        try:
            return _LAYERS[Path(name).suffix](name, base, own)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LexiconError(f"{Path(self.source) / name}: {exc}") from None

    def folder(self) -> str:
        """A folder holding these files: the user's own where it is readable and unchanged, else a
        copy in the temporary folder (a worker on another host)."""
        if self.source:
            try:
                if UserLexicon.from_dir(self.source).digest == self.digest:
                    return self.source
            except LexiconError:
                pass
        copy = Path(tempfile.gettempdir()) / f"kg-lexicon-{self.digest[:16]}"
        for name, text in self.files:
            if not (copy / name).is_file():
                atomic_write_text(copy / name, text)
        return str(copy)

    def describe(self) -> str:
        return f"lexicon {self.source} ({len(self.files)} file(s))"


def lexicon_text(name: str, folder: str | None = None) -> str:
    """The lexicon file ``name``: the packaged one, with the user folder ``folder`` layered over it
    when there is one (for components configured with ``lexicon_dir``)."""
    if folder is None:
        return packaged_text(name)
    return UserLexicon.from_dir(folder).text(name)


def load(folder: str | Path | None = None) -> UserLexicon | None:
    """The user lexicon of ``folder``, else of ``$KG_LEXICON_DIR``, else None (the packaged lexicons alone)."""
    folder = folder or os.environ.get(ENV) or None
    return UserLexicon.from_dir(folder) if folder else None


# ---- layering, one function per kind of file ------------------------------------------

def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip() and not x.strip().startswith("#")]


def _layer_lines(name: str, base: str, own: str) -> str:
    out = dict.fromkeys(_lines(base))
    for line in _lines(own):
        if line.startswith(REMOVE) and len(line) > 1:
            out.pop(line[1:].strip(), None)
        else:
            out[line] = None
    return "\n".join(out) + "\n"


def _layer_table(name: str, base: str, own: str) -> str:
    width = KEY_COLUMNS.get(name, 1)

    def key(fields: list[str]) -> tuple[str, ...]:
        return tuple(fields[:width])

    rows = {key(f): f for f in ([x.strip() for x in line.split("\t")] for line in _lines(base))}
    for line in _lines(own):
        fields = [x.strip() for x in line.split("\t")]
        if fields[0].startswith(REMOVE) and len(fields[0]) > 1:
            rows.pop(key([fields[0][1:].strip(), *fields[1:]]), None)
        elif len(fields) < 2:
            raise ValueError(f"want a tab-separated row, got {line!r}")
        else:
            rows[key(fields)] = fields
    return "\n".join("\t".join(f) for f in rows.values()) + "\n"


def _layer_json(name: str, base: str, own: str) -> str:
    merged = json.loads(base)
    for section, value in json.loads(own).items():
        if isinstance(value, dict) and isinstance(merged.get(section), dict):
            merged[section] = {**merged[section], **value}
        else:
            merged[section] = value
    return json.dumps(merged, ensure_ascii=False, indent=1)


def _layer_jsonl(name: str, base: str, own: str) -> str:
    items: dict[str, dict] = {}
    for n, line in enumerate(x for x in (base + "\n" + own).splitlines() if x.strip()):
        item = json.loads(line)
        ident = item.get("id") or f"#{n}"
        if item.get("remove"):
            items.pop(ident, None)
        else:
            items[ident] = item
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items.values())


_LAYERS: dict[str, Callable[[str, str, str], str]] = {
    ".txt": _layer_lines, ".tsv": _layer_table, ".json": _layer_json, ".jsonl": _layer_jsonl,
}


# ---- the layer the process's direct readers see (kg.resources.read_*) ---------------------

_ACTIVE: list[UserLexicon | None] = [None]


def activate(lexicon: UserLexicon | None) -> None:
    """Make ``lexicon`` the layer ``kg.resources.read_text`` and friends apply to ``lexicons/…``
    (for the few modules that read a lexicon file directly); ``load_nlp`` calls this."""
    _ACTIVE[0] = lexicon


def active() -> UserLexicon | None:
    return _ACTIVE[0]
