"""The time an amount holds for, from the sentence that reports it.

The last time expression before the amount in its sentence dates it:
``截至2023年底`` -> 2023-12, ``2025年2月`` -> 2025-02, ``2024年`` -> 2024; a month
or day without a year (``9月``, ``7月1日``, ``截至11月底``) and the relative words
(今年, 去年) take the year of the article's date, ``目前``/``截至目前`` its whole
date, ``当年`` the last year the article named before. A time that opens a span
(``2019年以来``, ``从2019年…增至``) dates nothing: the amount is a total since
then, so no date is given. Without an article date a relative time gives none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.facts.lexicon import FactLexicon
from kg.ingest.metadata import iso_date

YEAR = re.compile(r"(?<!\d)(\d{4})年")


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    date: str | None  # None: a span's start, which dates nothing


@lru_cache(maxsize=4)
def _patterns(lex: FactLexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                         re.Pattern[str]]:
    alt = "|".join
    full = re.compile(r"(从)?(?<!\d)(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?(底|末|年底|以来|度)?")
    month = re.compile(r"(每)?(?<![\d年])(\d{1,2})月(?:(\d{1,2})[日号](?:[至到—-](\d{1,2})[日号])?)?(底|末|以来)?")
    relative = re.compile(f"({alt(re.escape(w) for w in lex.time_words)})(?:(\\d{{1,2}})月)?(底|末|以来)?")
    now = re.compile(alt(re.escape(w) for w in lex.now_words))
    same = re.compile(alt(re.escape(w) for w in lex.same_year_words))
    return full, month, relative, now, same


def _times(sentence: str, article_date: str | None, previous_year: str | None, lex: FactLexicon) -> list[_Time]:
    full, month, relative, now, same = _patterns(lex)
    year = article_date[:4] if article_date else None
    out = []
    for m in full.finditer(sentence):
        since, y, mo, d, tail = m.groups()
        if since or tail == "以来":
            out.append(_Time(m.start(), m.end(), None))
        elif tail in ("底", "末", "年底") and not mo:
            out.append(_Time(m.start(), m.end(), iso_date(y, 12)))
        else:
            out.append(_Time(m.start(), m.end(), iso_date(y, mo, d)))
    for m in month.finditer(sentence):
        every, mo, d, d2, tail = m.groups()
        if every:
            continue
        if tail == "以来":
            out.append(_Time(m.start(), m.end(), None))
        elif year:
            out.append(_Time(m.start(), m.end(), iso_date(year, mo, None if d2 or tail else d)))
    for m in relative.finditer(sentence):
        word, mo, tail = m.groups()
        if tail == "以来":
            out.append(_Time(m.start(), m.end(), None))
        elif year:
            out.append(_Time(m.start(), m.end(), iso_date(int(year) + lex.time_words[word], mo)))
    for m in now.finditer(sentence):
        if article_date:
            out.append(_Time(m.start(), m.end(), article_date))
    for m in same.finditer(sentence):
        if previous_year:
            out.append(_Time(m.start(), m.end(), previous_year))
    return out


def amount_date(sentence: str, position: int, lex: FactLexicon, article_date: str | None = None,
                previous_year: str | None = None) -> str | None:
    """The date the amount at ``position`` of ``sentence`` holds for, ISO, or None.

    ``previous_year``: the last year the article named before this sentence (for 当年).
    """
    before = [t for t in _times(sentence, article_date, previous_year, lex) if t.end <= position]
    if not before:
        return None
    # the time nearest the amount; one inside another (2024年 within 截至2024年底) loses to the longer
    last = max(before, key=lambda t: (t.end, t.end - t.start))
    return last.date


def last_year(text: str) -> str | None:
    """The last year (``2021年``) named in ``text``, for a later ``当年``."""
    years = YEAR.findall(text)
    return years[-1] if years else None
