"""An article's publication date and outlet, read from its own text.

News copy says when and where it appeared in a few recurring shapes, all kept
by cleaning as lines of the article: a labelled field (``发布时间：2018-06-11``,
``来源：某某日报 2023-06-13``), a bare dateline on a short line or glued to a
time (``2024-05-21 某某日报``, ``…某某网2021-01-22 20:56``), a reprint note
(``转载自《某某日报》``), a byline whose role names the paper (``某某报记者 张三``)
or an agency dateline (``某某社北京6月12日电``). The words of each shape are
data (``kg/resources/ingest/article_meta.json``); this module only combines them.

A date is ISO and as precise as the text: ``2018-12-06``, ``2018-12`` or ``2018``.
What the text does not show stays ``None``.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.ingest import patterns
from kg.model import Article


@dataclass(frozen=True)
class ArticleMeta:
    date: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class _Rules:
    labelled_date: re.Pattern[str]
    numeric_date: re.Pattern[str]
    chinese_date: re.Pattern[str]
    time: re.Pattern[str]
    source: re.Pattern[str]
    reprint: re.Pattern[str]
    byline: re.Pattern[str]
    agency: re.Pattern[str]
    name_run: re.Pattern[str]
    heads: tuple[str, ...]
    own: tuple[str, ...]
    not_outlet: frozenset[str]
    roles: frozenset[str]
    glued_lead: str
    short_line: int
    max_outlet: int
    years: tuple[int, int]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"
_CN = r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = patterns.load("article_meta.json")
    b = patterns.load("byline.json")
    cjk = patterns.text().cjk
    name = f"[{cjk}A-Za-z·]"
    colon = "[:：]"
    labels = _alternation(d["date_labels"])
    return _Rules(
        labelled_date=re.compile(f"(?:{labels})\\s*{colon}?\\s*(?:{_NUM}|{_CN})"),
        numeric_date=re.compile(_NUM),
        chinese_date=re.compile(_CN),
        time=re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?"),
        source=re.compile(f"(?:{_alternation(d['source_labels'])})\\s*{colon}\\s*(?:[《“]\\s*)?({name}+)(?:[》”])?(\\s*{colon})?"),
        reprint=re.compile(f"(?:{_alternation(d['reprint_markers'])})\\s*{colon}?\\s*《?({name}+)》?"),
        byline=re.compile(f"^[\\s{re.escape(b['bullets'])}（(]*({name}{{2,16}}?)({_alternation(d['byline_role_suffixes'])})"),
        agency=re.compile(f"^[\\s（(]*({name}{{2,10}}?社)[{cjk}]{{0,6}}\\d{{1,2}}月\\d{{1,2}}日电"),
        name_run=re.compile(f"{name}+"),
        heads=tuple(d["outlet_heads"]),
        own=tuple(d["own_outlet"]),
        not_outlet=frozenset(d["not_outlet"]),
        roles=frozenset(b["roles"]),
        glued_lead=d["glued_lead"],
        short_line=int(d["short_line_chars"]),
        max_outlet=int(d["max_outlet_chars"]),
        years=(int(d["year_range"][0]), int(d["year_range"][1])),
    )


def iso_date(year: str | int, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """``2018-12-06``, ``2018-12`` or ``2018`` from the parts given; None when they are no real date."""
    r = _rules()
    y = int(year)
    if not r.years[0] <= y <= r.years[1]:
        return None
    if month is None or month == "":
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day is None or day == "":
        return f"{y:04d}-{m:02d}"
    try:
        return datetime.date(y, m, int(day)).isoformat()
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> str | None:
    """The date of a ``_NUM``/``_CN`` (or labelled) match: whichever group triple is filled."""
    groups = [g for g in match.groups()]
    for i in range(0, len(groups) - 2, 3):
        if groups[i]:
            return iso_date(groups[i], groups[i + 1], groups[i + 2])
    return None


def _dates(text: str) -> Iterator[tuple[int, int, str]]:
    """(priority, position, date) of every dateline: labelled first, then bare ones on short lines
    or glued to a time of day; a date inside running text is what the article reports, not when."""
    r = _rules()
    for m in r.labelled_date.finditer(text):
        date = _date_of(m)
        if date:
            yield 0, m.start(), date
    pos = 0
    for line in text.split("\n"):
        short = len(line.strip()) <= r.short_line
        for m in r.numeric_date.finditer(line):
            date = _date_of(m)
            if date and (short or r.time.match(line, m.end())):
                yield 1, pos + m.start(), date
        if short and not re.search("[，,。；;]", line):
            for m in r.chinese_date.finditer(line):
                date = _date_of(m)
                if date and len(date) == 10:
                    yield 2, pos + m.start(), date
        pos += len(line) + 1


def _outlet_name(name: str) -> str | None:
    r = _rules()
    name = name.strip("·")
    if not 2 <= len(name) <= r.max_outlet or name in r.not_outlet:
        return None
    if any(name.startswith(w) for w in r.not_outlet | set(r.own)):
        return None
    return name


def _is_outlet_like(name: str) -> bool:
    return name.endswith(_rules().heads)


def _outlets(text: str) -> Iterator[tuple[int, int, str]]:
    """(priority, position, outlet): a source field, a reprint note, a byline role, an agency
    dateline, then a name ending like an outlet's right before or after a dateline."""
    r = _rules()
    for m in r.source.finditer(text):
        name = _outlet_name(m.group(1)) if not m.group(2) else None
        if name:
            yield 0, m.start(), name
    for m in r.reprint.finditer(text):
        name = _outlet_name(m.group(1))
        if name:
            yield 1, m.start(), name
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if n < 8 and len(line.strip()) <= r.short_line:
            role = r.byline.match(line)
            if role and role.group(1) + role.group(2) not in r.roles and not role.group(1).endswith(r.own):
                name = _outlet_name(role.group(1))
                if name:
                    yield 2, pos + role.start(1), name
            agency = r.agency.match(line)
            if agency and (name := _outlet_name(agency.group(1))):
                yield 2, pos + agency.start(1), name
        for m in r.numeric_date.finditer(line):
            if not _date_of(m):
                continue
            end = m.end()
            t = r.time.match(line, end)
            if t:
                end = t.end()
            after = r.name_run.match(line[end:].lstrip())
            if after and _is_outlet_like(after.group()) and (name := _outlet_name(after.group())):
                yield 3, pos + end, name
            before = _glued_before(line[: m.start()])
            if before and _is_outlet_like(before) and (name := _outlet_name(before)):
                yield 3, pos + m.start() - len(before), name
        pos += len(line) + 1


def _glued_before(left: str) -> str | None:
    """The name right before a dateline, without the unit of a number glued to its left
    (``…10万元某某网2021-01-22``: the page was flattened into one line)."""
    r = _rules()
    runs = list(r.name_run.finditer(left.rstrip()))
    if not runs or runs[-1].end() != len(left.rstrip()):
        return None
    name = runs[-1].group()
    if runs[-1].start() > 0 and left[runs[-1].start() - 1].isdigit():
        name = name.lstrip(r.glued_lead)
    return name if len(name) <= r.max_outlet else None


def read_metadata(text: str) -> ArticleMeta:
    """The publication date and outlet ``text`` shows (see the module docstring for where)."""
    dates = sorted(_dates(text))
    outlets = sorted(_outlets(text))
    return ArticleMeta(dates[0][2] if dates else None, outlets[0][2] if outlets else None)


def annotate(articles: list[Article]) -> list[Article]:
    """Set ``date`` and ``outlet`` on the articles of one file.

    An article that shows neither takes what its file's other articles agree on: a page
    header's date or a paper's name holds for every article laid out on that page.
    """
    metas = [read_metadata(a.text) for a in articles]
    shared_date = _agreed(m.date for m in metas)
    shared_outlet = _agreed(m.outlet for m in metas)
    for article, meta in zip(articles, metas, strict=True):
        article.date = meta.date or shared_date
        article.outlet = meta.outlet or shared_outlet
    return articles


def _agreed(values: Iterable[str | None]) -> str | None:
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else None
