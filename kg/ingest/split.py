"""Group a cleaned file's units into articles and lay each article out.

A new article starts at a byline (``■记者 …``, ``▶ 张三 李四``): its title is
the title-like line right before it, or the one before that when the nearer
line is a subtitle (``——…``), the farther one a markdown ``#`` title, or the
nearer one much longer (the farther one then being a kicker like
``党旗在基层一线 高高飘扬``). Heading lines just before the title are kickers.

Layout of an article's text, one unit a line::

    title
    byline (normalised: 记者 王小明 李华)
    kickers and subtitles
    paragraphs and section headings, in reading order
    captions and credits
    metadata (编辑:… / date and paper)

Layout can strand the end of an article before the next one's title (in seed
004 the last section of the 隰县 story, ``组团队提效益 延伸“助农增收链”``, sits at
the end of the police-station story). The last section of an article (from
its last section heading) is moved to the end of the next article when its
vocabulary (character bigrams) is much closer to the next article than to the
rest of its own; otherwise it stays where it is.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.ingest import patterns
from kg.ingest.clean import title_like
from kg.ingest.mapped import Mapped
from kg.ingest.units import BODY, BYLINE, CAPTION, HEADING, META, Unit

MOVE_RATIO = 2.0  # a stranded section moves when it is this much closer to the next article
MOVE_MIN = 0.1  # ... and shares at least this share of its bigrams with it
_DASH = re.compile(r"^[—－\-─━]{1,2}")


@dataclass
class Piece:
    """One article of a file: its laid-out text (with offsets), title and byline names."""

    m: Mapped
    title: str | None
    byline: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.m.text


@dataclass
class _Segment:
    title: Unit | None = None
    byline: Unit | None = None
    front: list[Unit] = field(default_factory=list)  # kickers and subtitles
    flow: list[Unit] = field(default_factory=list)  # paragraphs and section headings
    trail: list[Unit] = field(default_factory=list)  # captions and metadata


def split_articles(units: list[Unit]) -> list[Piece]:
    """Articles of a cleaned file (``clean_units``), in file order."""
    segments = _segments(units)
    _move_stranded_sections(segments)
    return [_layout(s) for s in segments if s.title or s.byline or s.flow or s.front or s.trail]


def _title_like(u: Unit) -> bool:
    return u.kind in (HEADING, BODY) and title_like(u.text)


def _choose_title(units: list[Unit], b: int, lo: int) -> tuple[int | None, int]:
    """(index of the title of the byline at ``b``, or None; first index of the article's head)."""
    def cand(i: int) -> bool:
        return i > lo and _title_like(units[i])

    if not cand(b - 1):
        return None, b
    if not cand(b - 2):
        return b - 1, b - 1
    near, far = units[b - 1], units[b - 2]
    if _DASH.match(near.text) or (far.md and not near.md):
        return b - 2, b - 2
    if near.md and not far.md:
        return b - 1, b - 2
    if far.text in patterns.noise().kickers or 2 * len(far.text) < len(near.text):
        return b - 1, b - 2
    return b - 2, b - 2


def _segments(units: list[Unit]) -> list[_Segment]:
    bylines = [i for i, u in enumerate(units) if u.kind == BYLINE]
    starts: list[tuple[int, int | None, int]] = []  # (first unit, title, byline)
    lo = -1
    for k, b in enumerate(bylines):
        title, head = _choose_title(units, b, lo)
        lo = b
        following = units[b + 1:bylines[k + 1] if k + 1 < len(bylines) else len(units)]
        if title is None and not any(u.kind == BODY for u in following):
            continue  # a closing byline (（记者 张三）after the text): it stays with its article
        while head > 0 and units[head - 1].kind == HEADING and not units[head - 1].md:
            head -= 1  # kickers (the previous article's byline always stops this)
        starts.append((head, title, b))
    if not starts:
        return [_fill(units, None, None)]
    out: list[_Segment] = []
    head, title, b = starts[0]
    if head > 0:
        if any(u.kind == BODY for u in units[:head]):  # text before the first article: one of its own
            out.append(_fill(units[:head], None, None))
        else:  # only headings, captions, metadata: they belong to the first article
            starts[0] = (0, title, b)
    for k, (head, title, b) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(units)
        out.append(_fill(units[head:end], None if title is None else title - head, b - head))
    return out


def _fill(units: list[Unit], title: int | None, byline: int | None) -> _Segment:
    seg = _Segment()
    if byline is None:  # no byline: a leading heading is the title
        first = next((i for i, u in enumerate(units) if u.kind not in (CAPTION, META, BYLINE)), None)
        if first is not None and units[first].kind == HEADING:
            title = first
        byline = -1
    for i, u in enumerate(units):
        if i == title:
            seg.title = u
        elif i == byline:
            seg.byline = u
        elif u.kind in (CAPTION, META, BYLINE):  # a second, closing byline is a trailing line
            seg.trail.append(u)
        elif i < byline:
            seg.front.append(u)
        else:
            seg.flow.append(u)
    seg.trail.sort(key=lambda u: u.kind != CAPTION)  # captions first, then metadata (stable)
    return seg


def _bigrams(units: list[Unit]) -> Counter[str]:
    cjk = re.compile(f"[{patterns.text().cjk}]{{2,}}")
    out: Counter[str] = Counter()
    for u in units:
        for run in cjk.findall(u.text):
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def _share(part: Counter[str], other: Counter[str]) -> float:
    """Share of ``part``'s distinct bigrams that ``other`` also uses."""
    return sum(1 for g in part if g in other) / len(part) if part else 0.0


def stranded_section(seg: _Segment) -> int | None:
    """Index in ``seg.flow`` of the last section heading when that section could be stranded:
    running text after it and before it."""
    heads = [i for i, u in enumerate(seg.flow) if u.kind == HEADING]
    if not heads:
        return None
    h = heads[-1]
    before = any(u.kind == BODY for u in seg.flow[:h])
    after = any(u.kind == BODY for u in seg.flow[h + 1:])
    return h if before and after else None


def _move_stranded_sections(segments: list[_Segment]) -> None:
    for k in range(len(segments) - 1):
        seg, nxt = segments[k], segments[k + 1]
        h = stranded_section(seg)
        if h is None or nxt.byline is None:
            continue
        section = seg.flow[h:]
        part = _bigrams(section)
        own = _share(part, _bigrams(seg.flow[:h] + ([seg.title] if seg.title else [])))
        # a copy of the section in the next article (the same story twice) says nothing about where it belongs
        copied = {u.text for u in section}
        rest = [u for u in nxt.flow if u.text not in copied]
        other = _share(part, _bigrams(rest + ([nxt.title] if nxt.title else [])))
        if other >= MOVE_MIN and other >= MOVE_RATIO * own:
            del seg.flow[h:]
            nxt.flow.extend(section)


def _layout(seg: _Segment) -> Piece:
    lines = [u.m for u in (seg.title, seg.byline) if u is not None]
    lines += [u.m for u in seg.front + seg.flow + seg.trail]
    return Piece(
        m=Mapped.join(lines, "\n"),
        title=seg.title.text if seg.title else None,
        byline=(seg.byline or next((u for u in seg.trail if u.kind == BYLINE), Unit(BYLINE, Mapped.empty()))).names,
    )
