"""The vocabulary of the quantity rules (``fact_units.tsv``, ``fact_markers.json``), loaded once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.user_lexicon import lexicon_text


@dataclass(frozen=True)
class Anaphor:
    """A sentence opener that names an entity by its kind (全市, 该企业)."""

    word: str
    level: str | None = None  # gazetteer level of the place meant
    suffix: str | None = None  # how the meant entity's name ends
    type: str | None = None  # the meant entity's type


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per lexicon folder
class FactLexicon:
    units: dict[str, str]  # unit -> kind (count, money, area, length, weight, share)
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    approx_before: tuple[str, ...]
    exact_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    approx_mid: tuple[str, ...]
    approx_tail: tuple[str, ...]
    money_unit: str
    measure_linkers: tuple[str, ...]
    range_marks: tuple[str, ...]
    ordinal_before: tuple[str, ...]
    unit_blocked_next: dict[str, str]
    quotes: dict[str, str]
    small_chinese_max: int
    list_separators: str
    list_joiners: tuple[str, ...]
    list_closers: tuple[str, ...]
    money_after: tuple[str, ...]
    money_before: tuple[str, ...]
    measure_stop: str
    measure_verbs_after: tuple[str, ...]
    measure_verbs_before: tuple[str, ...]
    condition_after: tuple[str, ...]
    time_words: dict[str, int]
    now_words: tuple[str, ...]
    same_year_words: tuple[str, ...]
    anaphora: tuple[Anaphor, ...]
    subject_types: tuple[str, ...]
    actor_types: tuple[str, ...]
    post_words: tuple[str, ...]
    subject_openers: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    measure_anaphora: dict[str, str]
    disposal_words: tuple[str, ...]
    collective_words: tuple[str, ...]

    @classmethod
    def load(cls, folder: str | Path | None = None) -> FactLexicon:
        return _load(str(folder) if folder else None)


def _text(folder: str | None, name: str) -> str:
    """A lexicon file, with a user's lexicon folder layered over the packaged one (kg.user_lexicon)."""
    return lexicon_text(name, folder)


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=4)
def _load(folder: str | None) -> FactLexicon:
    units = {}
    for line in _text(folder, "fact_units.tsv").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            unit, kind = line.split("\t")[:2]
            units[unit.strip()] = kind.strip()
    d: dict[str, Any] = json.loads(_text(folder, "fact_markers.json"))
    anaphora = tuple(Anaphor(w, a.get("level"), a.get("suffix"), a.get("type"))
                     for a in d["anaphora"] for w in a["words"])
    return FactLexicon(
        units=dict(sorted(units.items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        digits=dict(d["digits"]),
        small_units=dict(d["small_units"]),
        big_units=dict(d["big_units"]),
        approx_before=_longest_first(d["approx_before"]),
        exact_before=_longest_first(d["exact_before"]),
        approx_after=_longest_first(d["approx_after"]),
        approx_mid=_longest_first(d["approx_mid"]),
        approx_tail=_longest_first(d["approx_tail"]),
        money_unit=d["money_unit"],
        measure_linkers=_longest_first(d["measure_linkers"]),
        range_marks=_longest_first(d["range"]),
        ordinal_before=_longest_first(d["ordinal_before"]),
        unit_blocked_next=dict(d["unit_blocked_next"]),
        quotes=dict(d["quotes"]),
        small_chinese_max=int(d["small_chinese_max"]),
        list_separators=d["list_separators"],
        list_joiners=_longest_first(d["list_joiners"]),
        list_closers=_longest_first(d["list_closers"]),
        money_after=_longest_first(d["money_context_after"]),
        money_before=_longest_first(d["money_context_before"]),
        measure_stop=d["measure_stop"],
        measure_verbs_after=_longest_first(d["measure_verbs_after"]),
        measure_verbs_before=_longest_first(d["measure_verbs_before"]),
        condition_after=_longest_first(d["condition_after"]),
        time_words=dict(d["time_words"]),
        now_words=_longest_first(d["now_words"]),
        same_year_words=_longest_first(d["same_year_words"]),
        anaphora=tuple(sorted(anaphora, key=lambda a: (-len(a.word), a.word))),
        subject_types=tuple(d["subject_types"]),
        actor_types=tuple(d["actor_types"]),
        post_words=_longest_first(d["post_words"]),
        subject_openers=_longest_first(d["subject_openers"]),
        speech_verbs=_longest_first(d["speech_verbs"]),
        measure_anaphora=dict(d["measure_anaphora"]),
        disposal_words=_longest_first(d["disposal_words"]),
        collective_words=_longest_first(d["collective_words"]),
    )
