"""The rule vocabulary, loaded from the data files in ``kg/resources/lexicons``.

Rules read vocabulary only through this object, so a user can layer their own
lexicon folder over the packaged one (component config ``lexicon_dir``, see
``kg.user_lexicon``) without touching code.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.model import ENTITY_TYPES
from kg.user_lexicon import LexiconError, UserLexicon, packaged_text


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    kind: str  # place level (town, community, zone...) or party / company / body
    flags: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    suffixes: dict[str, Suffix]
    programme_heads: frozenset[str]
    programme_heads_inside: frozenset[str]
    head_modifiers: frozenset[str]
    stopwords: frozenset[str]
    generic_stems: frozenset[str]
    generic_names: frozenset[str]
    quote_pairs: dict[str, str]
    implement_verbs: frozenset[str]
    non_programme_after: frozenset[str]
    name_verbs: frozenset[str]
    roles: dict[str, str]
    speech_verbs: frozenset[str]
    surnames: frozenset[str]
    non_person: frozenset[str]
    suffix_continuations: frozenset[str]
    committees: tuple[str, ...]
    departments: frozenset[str]
    prefix_stop_endings: tuple[str, ...]
    programme_heads_unquoted: frozenset[str]
    enumeration_tails: tuple[tuple[str, ...], ...]
    suffix_blocked_words: frozenset[str]
    non_name_endings: tuple[str, ...]
    conjoined_bodies: frozenset[str]
    membership_verbs: tuple[str, ...]
    demonstratives: tuple[str, ...]
    abbreviation_markers: tuple[str, ...]
    alliance_endings: tuple[str, ...]
    chars: dict[str, frozenset[str]]  # named character classes (markers.json)
    words: dict[str, tuple[str, ...]]  # named function-word lists (markers.json)
    pos: dict[str, frozenset[str]]  # named sets of jieba POS flags (markers.json)
    programme_heads_direct: frozenset[str] = frozenset()
    programme_heads_after_de: frozenset[str] = frozenset()
    non_programme_heads: frozenset[str] = frozenset()
    programme_heads_named: frozenset[str] = frozenset()
    known_names: dict[str, str] = field(default_factory=dict)  # name -> entity type (known_names.tsv)
    name_patterns: tuple[tuple[str, str], ...] = ()  # (regular expression, entity type) (name_patterns.tsv)
    max_suffix: int = field(init=False)
    demonstrative_re: re.Pattern = field(init=False)
    abbreviation_re: re.Pattern = field(init=False)
    mark_table: dict[int, None] = field(init=False)
    opening_re: re.Pattern = field(init=False)
    known_re: re.Pattern | None = field(init=False)
    name_res: tuple[tuple[re.Pattern, str], ...] = field(init=False)

    def __post_init__(self) -> None:
        self.max_suffix = max(len(s) for s in self.suffixes)
        words = "|".join(re.escape(w) for w in sorted(self.demonstratives, key=len, reverse=True))
        markers = "|".join(re.escape(w) for w in sorted(self.abbreviation_markers, key=len, reverse=True))
        # 该村 / 该企业: a reference back to the last entity of that kind
        self.demonstrative_re = re.compile(f"该({words})")
        # (以下简称“华宇建材”): the short form declared for the name before it
        self.abbreviation_re = re.compile(
            rf"[(（]\s*(?:{markers})\s*[“\"‘「]?([^”\"’」)）]{{2,20}})[”\"’」]?\s*[)）]")
        # quote marks are single characters of the text: a str.translate table drops them, a class finds them
        self.mark_table = {ord(m): None for pair in self.quote_pairs.items() for m in pair if len(m) == 1}
        opening = "".join(sorted(m for m in self.quote_pairs if len(m) == 1))
        self.opening_re = re.compile(f"[{re.escape(opening)}]" if opening else "(?!)")
        from kg.ingest.simplify import simplified

        # articles are matched on a simplified copy (kg.extract.article): so are known names
        self.known_names = {simplified(n) or n: t for n, t in self.known_names.items()}
        wrong = sorted(f"{n} ({t})" for n, t in self.known_names.items() if t not in ENTITY_TYPES)
        if wrong:
            raise LexiconError(f"known_names.tsv: not an entity type ({', '.join(ENTITY_TYPES)}): {', '.join(wrong)}")
        # the longest known name first, so 华宇建材有限公司 wins over 华宇建材 where both are known
        names = sorted(self.known_names, key=lambda n: (-len(n), n))
        self.known_re = re.compile("|".join(map(re.escape, names))) if names else None
        self.name_res = tuple(_name_pattern(p, t) for p, t in self.name_patterns)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Lexicon:
        """The packaged lexicons, with the user's lexicon folder ``folder`` layered over them."""
        return _load(UserLexicon.from_dir(folder) if folder else None)


def _name_pattern(pattern: str, type_: str) -> tuple[re.Pattern, str]:
    """One row of ``name_patterns.tsv``, compiled; a bad row is a LexiconError that names it."""
    if type_ not in ENTITY_TYPES:
        raise LexiconError(f"name_patterns.tsv: {pattern}: not an entity type ({', '.join(ENTITY_TYPES)}): {type_!r}")
    try:
        return re.compile(pattern), type_
    except re.error as e:
        raise LexiconError(f"name_patterns.tsv: {pattern}: not a regular expression ({e})") from e


Lines = Callable[[str], tuple[str, ...]]
Table = Callable[[str], tuple[tuple[str, ...], ...]]
Text = Callable[[str], str]


def _reader(user: UserLexicon | None) -> tuple[Lines, Table, Text]:
    def text(n: str) -> str:
        return user.text(n) if user is not None else packaged_text(n)

    def lines(n: str) -> tuple[str, ...]:
        return tuple(x.strip() for x in text(n).splitlines() if x.strip() and not x.strip().startswith("#"))

    def table(n: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(f.strip() for f in line.split("\t")) for line in lines(n))

    return lines, table, text


def _markers(text: str) -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    """The named classes of ``markers.json``: characters, words and POS flags."""
    data = json.loads(text)
    chars = {k: frozenset(v["chars"]) for k, v in data["chars"].items()}
    words = {k: tuple(v["words"]) for k, v in data["words"].items()}
    pos = {k: frozenset(v["flags"]) for k, v in data["pos"].items()}
    return chars, words, pos


@lru_cache(maxsize=4)
def _load(user: UserLexicon | None) -> Lexicon:
    lines, table, text = _reader(user)
    suffixes = {}
    for row in table("suffixes.tsv"):
        flags = frozenset(f for f in (row[3].split(",") if len(row) > 3 else []) if f)
        suffixes[row[0]] = Suffix(row[0], row[1], row[2], flags)
    chars, words, pos = _markers(text("markers.json"))
    quote_pairs = {}
    for line in lines("quote_pairs.txt"):
        a, b = line.split()
        quote_pairs[a] = b
    return Lexicon(
        suffixes=suffixes,
        programme_heads=frozenset(lines("programme_heads.txt")),
        programme_heads_inside=frozenset(lines("programme_heads_inside.txt")),
        head_modifiers=frozenset(lines("head_modifiers.txt")),
        stopwords=frozenset(lines("stopwords.txt")),
        generic_stems=frozenset(lines("generic_stems.txt")),
        generic_names=frozenset(lines("generic_names.txt")),
        quote_pairs=quote_pairs,
        implement_verbs=frozenset(lines("implement_verbs.txt")),
        non_programme_after=frozenset(lines("non_programme_after.txt")),
        name_verbs=frozenset(lines("name_verbs.txt")),
        roles={r[0]: r[1] for r in table("roles.tsv")},
        speech_verbs=frozenset(lines("speech_verbs.txt")),
        surnames=frozenset(lines("surnames.txt")),
        non_person=frozenset(lines("non_person.txt")),
        suffix_continuations=frozenset(lines("suffix_continuations.txt")),
        committees=tuple(lines("committee_chars.txt")),
        departments=frozenset(lines("departments.txt")),
        prefix_stop_endings=tuple(lines("prefix_stop_endings.txt")),
        programme_heads_unquoted=frozenset(lines("programme_heads_unquoted.txt")),
        enumeration_tails=tuple(table("enumeration_tails.tsv")),
        suffix_blocked_words=frozenset(lines("suffix_blocked_words.txt")),
        non_name_endings=tuple(lines("non_name_endings.txt")),
        conjoined_bodies=frozenset(lines("conjoined_bodies.txt")),
        demonstratives=tuple(lines("demonstratives.txt")),
        abbreviation_markers=tuple(lines("abbreviation_markers.txt")),
        membership_verbs=tuple(r[1] for r in table("membership.tsv") if r[0] == "verb"),
        alliance_endings=tuple(r[1] for r in table("membership.tsv") if r[0] == "alliance"),
        chars=chars,
        words=words,
        pos=pos,
        programme_heads_direct=frozenset(lines("programme_heads_direct.txt")),
        programme_heads_after_de=frozenset(lines("programme_heads_after_de.txt")),
        non_programme_heads=frozenset(lines("non_programme_heads.txt")),
        programme_heads_named=frozenset(lines("programme_heads_named.txt")),
        known_names={r[0]: r[1] for r in table("known_names.tsv")},
        name_patterns=tuple((r[0], r[1] if len(r) > 1 else "") for r in table("name_patterns.tsv")),
    )
