"""Cleaning OCR and web copies of Chinese news into paragraphs, keeping the provenance map.

What it repairs (rules are general; the word lists and patterns are data in
``kg/resources/ingest``):

* control characters, NULs, BOMs and odd line endings (``\\r\\n``, ``\\r``);
* page furniture (``上一篇``, ``放大+ 缩小-``, ``扫码下载…``), HTML remnants and
  repeated kicker lines;
* spaces OCR put between Chinese characters (``党 支部``), while spaces between
  Latin words or numbers stay;
* lines hard-wrapped inside a paragraph, and paragraphs broken by the layout
  (the sentence goes on in the next paragraph, or after a photo);
* photos: a run of 3+ blank lines then a caption and/or credit (``…供图``,
  ``右图:``) is taken out of the running text so the broken sentence re-joins;
  the caption is kept as a trailing line of its article (splitting puts it there);
* editor lines and CMS footers become trailing metadata lines.

``clean_units`` returns the file as ``Unit``s in reading order, for
``split.py`` to group into articles (``reader.clean_text`` gives both stages
as text). Every character of the result is copied from the input
(``text[offsets[i]] == cleaned[i]``) except synthesised ``"\\n"``/``" "``
(see ``mapped.py``).
"""
from __future__ import annotations

import re
from functools import cache

from kg.ingest import patterns
from kg.ingest.byline import parse_byline
from kg.ingest.mapped import Mapped
from kg.ingest.units import BODY, BYLINE, CAPTION, HEADING, META, Unit

PHOTO_GAP = 3  # blank lines that mark where a photo stood
WRAP_SHARE = 0.7  # a line at least this share of its block's longest line is hard-wrapped


@cache
def _re() -> dict[str, re.Pattern[str]]:
    t = patterns.text()
    return {
        # \r\n -> \n, lone \r and other line separators -> \n, controls/BOM/zero-width -> gone,
        # tabs and exotic spaces -> " "
        "chars": re.compile("\r(?=\n)|[\r\x0b\x0c\x85\u2028\u2029]|[\x00-\x08\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2060]"
                            "|[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]"),
        "spaces": re.compile(" +"),
        "wide": re.compile(f"[{t.wide}]"),
        "latin": re.compile("[A-Za-z]"),
        "md": re.compile(r"^#{1,6}(?:\s+|(?=[^#]))"),
        "hard_break": re.compile(r" {2,}$"),
        "starts_fragment": re.compile(f"^[^{t.terminal}\\s]{{1,2}}[{t.terminal}]"),
        "colon_space": re.compile("(?<=[:：]) +"),
    }


def _normalise_chars(m: Mapped) -> Mapped:
    def repl(x: re.Match[str]) -> str:
        c = x.group()
        if c == "\r" and x.end() < len(x.string) and x.string[x.end()] == "\n":
            return ""
        if c in "\r\x0b\x0c\x85\u2028\u2029":
            return "\n"
        if c in "\t\xa0\u1680\u202f\u205f\u3000" or "\u2000" <= c <= "\u200a":
            return " "
        return ""

    return m.sub(_re()["chars"], repl)


def ends_sentence(s: str) -> bool:
    """Does ``s`` end a sentence (terminal punctuation, possibly followed by closing quotes)?"""
    t = patterns.text()
    s = s.rstrip()
    i = len(s)
    while i > 0 and s[i - 1] in t.closers:
        i -= 1
    return i > 0 and s[i - 1] in t.terminal


def _balanced(s: str) -> bool:
    t = patterns.text()
    if any(s.count(q) % 2 for q in t.symmetric_quotes):
        return False
    return all(s.count(pair[0]) == s.count(pair[1]) for pair in t.quote_pairs)


def heading_like(s: str) -> bool:
    """Short, no sentence punctuation, quotes closed: a title or section heading rather than text."""
    t = patterns.text()
    core = s.replace(" ", "")
    if not core or len(core) > t.heading_max_chars or ends_sentence(core):
        return False
    if any(ch in t.sentence_punct for ch in core) or core[-1] in ":：":
        return False
    return _balanced(core)


def title_like(s: str) -> bool:
    """Could be a title: not too long and no sentence ending anywhere (commas allowed)."""
    t = patterns.text()
    core = s.replace(" ", "")
    return 0 < len(core) <= t.title_max_chars and not ends_sentence(core) and not any(ch in t.terminal for ch in core)


def _space_body(m: Mapped) -> Mapped:
    """Drop spaces next to a Chinese character or mark unless the other side is a Latin letter."""
    r = _re()
    wide, latin = r["wide"], r["latin"]

    def repl(x: re.Match[str]) -> str:
        s, a, b = x.string, x.start(), x.end()
        if a == 0 or b == len(s):
            return ""
        left, right = s[a - 1], s[b]
        if (wide.match(left) or wide.match(right)) and not (latin.match(left) or latin.match(right)):
            return ""
        if left in ",;:!?)\"" and a >= 2 and wide.match(s[a - 2]):  # ASCII mark used as a Chinese one
            return ""
        return " "

    return m.sub(r["spaces"], repl)


def _space_heading(m: Mapped) -> Mapped:
    """In headings spaces separate phrases: keep one, unless punctuation already separates."""
    seps = patterns.text().separators
    bullets = patterns.byline().bullets

    def repl(x: re.Match[str]) -> str:
        s, a, b = x.string, x.start(), x.end()
        if a == 0 or b == len(s) or s[a - 1] in seps or s[b] in seps:
            return ""
        return " "

    m = m.sub(_re()["spaces"], repl)
    i = 0
    while i < len(m) and m.text[i] in bullets + " ":
        i += 1
    return m[i:] if i else m


def _space_meta(m: Mapped) -> Mapped:
    m = m.sub(_re()["spaces"], lambda x: "" if x.start() == 0 or x.end() == len(x.string) else " ")
    return m.sub(_re()["colon_space"], "")


def _footer(line: Mapped) -> Mapped | None:
    """A CMS footer line (``2024-05-21 … 1 1 XX日报 content_123.html …``) reduced to date and paper;
    None when ``line`` is not a footer."""
    noise = patterns.noise()
    if not noise.footer_junk.search(line.text):
        return None
    tokens = [line[m.start():m.end()] for m in re.finditer(r"\S+", line.text)]
    if len(tokens) < 3 or ends_sentence(noise.inline_drop.sub("", line.text)):
        return None
    keep = [tok for tok in tokens if any(p.match(tok.text) for p in noise.footer_keep)]
    return Mapped.join(keep, " ")


def _classify_line(line: Mapped) -> Unit | None:
    """One raw line -> a unit, or None when blank/furniture. Plain text lines come back as BODY
    (blocks decide later how they join)."""
    noise = patterns.noise()
    footer = _footer(line)
    if footer is not None:
        return Unit(META, footer) if footer else None
    line = line.sub(noise.inline_drop, "").strip(" ")
    if not line:
        return None
    core = line.text
    if any(p.match(core) for p in noise.line_drop):
        return None
    md = _re()["md"].match(core)
    if md:
        rest = line[md.end():].strip(" ")
        return Unit(HEADING, _space_heading(rest), md=True) if rest else None
    if patterns.metadata().match(core):
        return Unit(META, _space_meta(line))
    byline = parse_byline(line)
    if byline is not None:
        return Unit(BYLINE, byline.line, names=byline.names)
    caps = patterns.captions()
    marker = caps.marker.match(core)
    if marker and len(core) - marker.end() >= 2:
        return Unit(CAPTION, _space_body(line[marker.end():]))
    if len(core) <= caps.max_chars and any(p.match(core) for p in caps.credit):
        return Unit(CAPTION, _space_heading(line))  # 记者 王五 摄: the spaces separate a name
    return Unit(BODY, line)


def _join(a: Mapped, b: Mapped) -> Mapped:
    """Join two pieces of one paragraph: no space, except between two Latin letters/digits."""
    if a and b and a.text[-1].isascii() and a.text[-1].isalnum() and b.text[0].isascii() and b.text[0].isalnum():
        return Mapped.join([a, b], " ")
    return a + b


def _block_units(lines: list[tuple[Unit, bool]], gap: int) -> list[Unit]:
    """Units of one block (lines between blank lines). Consecutive text lines are joined when the
    first is hard-wrapped: not ending a sentence and about as long as the block's longest line."""
    widest = max((len(u.text) for u, _ in lines if u.kind == BODY), default=0)
    out: list[Unit] = []
    open_body = False  # is out[-1] a text run that may take the next line?
    for unit, hard_break in lines:
        if unit.kind != BODY:
            out.append(unit)
            open_body = False
            continue
        if open_body:
            prev = out[-1]
            prev.m = _join(prev.m, unit.m)
        else:
            out.append(unit)
        text = unit.text
        open_body = not hard_break and not ends_sentence(text) and len(text) >= WRAP_SHARE * widest
    for u in out:
        if u.kind == BODY:
            if heading_like(u.text):
                u.kind, u.m = HEADING, _space_heading(u.m)
            else:
                u.m = _space_body(u.m)
    if out:
        out[0].gap = gap
    return out


def _units(m: Mapped) -> list[Unit]:
    units: list[Unit] = []
    block: list[tuple[Unit, bool]] = []
    blank = 0
    gap = 0
    for raw in m.isplit("\n"):
        unit = _classify_line(raw)
        if unit is None:
            if block:
                units.extend(_block_units(block, gap))
                block = []
                blank = 0
            blank += 1
            continue
        if not block:
            gap = blank
        block.append((unit, bool(_re()["hard_break"].search(raw.text))))
    if block:
        units.extend(_block_units(block, gap))
    return units


def _mark_captions(units: list[Unit]) -> None:
    """After a photo gap, a short one-sentence paragraph (or a heading-like line followed by a
    credit) is the photo's caption. Only once an article's content has begun (running text, or a
    section heading after the byline): blank lines at the top, after a title or a byline say nothing."""
    caps = patterns.captions()
    t = patterns.text()
    seen_body = after_byline = False
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if (seen_body and u.gap >= PHOTO_GAP and u.kind in (BODY, HEADING) and not u.md
                and len(u.text) <= caps.max_chars and not (nxt is not None and nxt.kind == BYLINE)):
            core = u.text.rstrip(t.closers + t.terminal)
            one_sentence = ends_sentence(u.text) and not any(ch in t.terminal for ch in core)
            if one_sentence or (u.kind == HEADING and nxt is not None and nxt.kind == CAPTION):
                u.kind = CAPTION
        if u.kind == BYLINE:
            seen_body, after_byline = False, True
        elif u.kind == BODY or (u.kind == HEADING and after_byline):
            seen_body = True


def _drop_kickers(units: list[Unit]) -> list[Unit]:
    """Section labels (data list) and short heading lines repeated between two bylines are page
    furniture (a running header), unless a byline follows (then it is a title).

    Repeats are counted between bylines, not in the whole file: a file holding the same article
    twice repeats every heading once per copy, and those are section headings, not furniture."""
    kickers = patterns.noise().kickers
    counts: dict[tuple[int, str], int] = {}
    stretch = [0] * len(units)  # how many bylines come before each unit
    for i, u in enumerate(units):
        stretch[i] = stretch[i - 1] + (units[i - 1].kind == BYLINE) if i else 0
        if u.kind == HEADING and not u.md:
            key = (stretch[i], u.text)
            counts[key] = counts.get(key, 0) + 1
    out = []
    for i, u in enumerate(units):
        if u.kind == HEADING and not u.md and (counts[(stretch[i], u.text)] > 1 or u.text in kickers):
            if not _title_ahead(units, i):
                continue
        out.append(u)
    return out


def _join_paragraphs(units: list[Unit]) -> list[Unit]:
    """Re-join paragraphs the layout broke: the previous running paragraph does not end a sentence
    and this one is running text too (captions and metadata in between do not count). A short
    heading-like line re-joins when the next paragraph starts by finishing it (``…物流服务`` / ``网。…``)."""
    fragment = _re()["starts_fragment"]
    out: list[Unit] = []
    last: Unit | None = None  # last unit of the running text
    last_i = -1
    for i, u in enumerate(units):
        if u.kind in (CAPTION, META):
            out.append(u)
            continue
        if u.kind == BODY and last is not None and not last.md and not _title_ahead(units, i):
            if (last.kind == BODY and not ends_sentence(last.text)) or (
                last.kind == HEADING and fragment.match(u.text) and not _title_ahead(units, last_i)
            ):
                if last.kind == HEADING:  # it was not a heading after all: space it as running text
                    last.m, last.kind = _space_body(_join(last.m, u.m)), BODY
                else:
                    last.m = _join(last.m, u.m)
                continue
        out.append(u)
        last, last_i = u, i
    return out


def _merge_bylines(units: list[Unit]) -> list[Unit]:
    """Bylines on consecutive lines (记者 张三 / 通讯员 李四) are one byline."""
    out: list[Unit] = []
    for u in units:
        if u.kind == BYLINE and out and out[-1].kind == BYLINE:
            out[-1].m = Mapped.join([out[-1].m, u.m], " ")
            out[-1].names += u.names
            continue
        out.append(u)
    return out


def _title_ahead(units: list[Unit], i: int) -> bool:
    """Is units[i] a title or kicker (title-like, and a byline follows within two units)?"""
    return title_like(units[i].text) and any(v.kind == BYLINE for v in units[i + 1:i + 3])


def clean_units(text: str | Mapped) -> list[Unit]:
    """The file as units in reading order (see module docstring); offsets index into ``text``."""
    m = text if isinstance(text, Mapped) else Mapped.source(text)
    units = _merge_bylines(_units(_normalise_chars(m)))
    _mark_captions(units)
    units = _drop_kickers(units)
    return _join_paragraphs(units)

