"""The relation rules' own vocabulary: patterns between two entities and named word lists.

Read from the packaged lexicons, with the user's folder the pipeline is configured with
(component config ``lexicon_dir``) layered over them, like ``kg.extract.lexicon``:
``relation_patterns.jsonl`` (one pattern a line), ``relation_words.json``
(named lists of function words and verbs, each with what it is for) and
``references.tsv`` (what 该镇, 我校 … can stand for).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.user_lexicon import lexicon_text


@dataclass(frozen=True)
class Pattern:
    """Two entities in one sentence with text between them that states a relation."""

    id: str
    rel: str
    left: frozenset[str]
    right: frozenset[str]
    between: re.Pattern[str]
    after: re.Pattern[str] | None
    reverse: bool  # True: the right entity is the head

    @classmethod
    def from_json(cls, data: dict) -> Pattern:
        # matched with .match(text, pos), which anchors at pos: a leading ^ would never match there
        after = re.compile(data["after"].lstrip("^")) if data.get("after") else None
        return cls(data["id"], data["rel"], frozenset(data["left"]), frozenset(data["right"]),
                   re.compile(data["between"]), after, data["direction"] == "right->left")


@dataclass(frozen=True)
class Reference:
    """What a referring word (该镇, 我校) can stand for: entities of these types whose names end so."""

    types: frozenset[str]
    endings: tuple[str, ...]  # empty: any name of the types

    def fits(self, type_: str, name: str) -> bool:
        return type_ in self.types and (not self.endings or name.endswith(self.endings))


@dataclass(frozen=True)
class RelationVocab:
    patterns: tuple[Pattern, ...]
    words: dict[str, tuple[str, ...]]
    references: dict[str, Reference]

    @classmethod
    def load(cls, folder: str | Path | None = None) -> RelationVocab:
        return _load(str(folder) if folder else None)

    def regex(self, name: str) -> str:
        """An alternation of the words of list ``name``, longest first (for building patterns)."""
        return "|".join(re.escape(w) for w in sorted(self.words[name], key=lambda w: (-len(w), w)))


def _read(folder: str | None, name: str) -> str:
    """A lexicon file, with a user's lexicon folder layered over the packaged one (kg.user_lexicon)."""
    return lexicon_text(name, folder)


@lru_cache(maxsize=4)
def _load(folder: str | None) -> RelationVocab:
    patterns = tuple(Pattern.from_json(json.loads(line))
                     for line in _read(folder, "relation_patterns.jsonl").splitlines() if line.strip())
    data = json.loads(_read(folder, "relation_words.json"))
    words = {k: tuple(v["words"]) for k, v in data["words"].items()}
    references = {}
    for line in _read(folder, "references.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = [c.strip() for c in line.split("\t")] + [""]
            references[cols[0]] = Reference(frozenset(cols[1].split(",")), tuple(e for e in cols[2].split(",") if e))
    return RelationVocab(patterns, words, references)
