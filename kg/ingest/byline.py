"""Byline lines: ``■记者 王小明 李 华`` -> ``记者 王小明 李华`` and the names [王小明, 李华].

A byline is what tells where an article starts, and its names are people the
graph wants. Role words (记者, 通讯员, <paper>记者 ...) come from
``resources/ingest/byline.json``. Names are the space-separated tokens; runs of
one-character tokens are pairs of a two-character name spaced out by the
typesetter (``李 华``) and are merged two by two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.ingest import patterns
from kg.ingest.mapped import Mapped


@dataclass(frozen=True)
class Byline:
    line: Mapped  # normalised line: role words and names separated by single spaces
    names: tuple[str, ...]


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    b = patterns.byline()
    cjk = patterns.text().cjk
    roles = "|".join(re.escape(r) for r in b.roles)
    suffixes = "|".join(re.escape(s) for s in b.role_suffixes)
    role = re.compile(f"(?:[{cjk}]{{1,{b.role_prefix_max_chars}}}?(?:{suffixes})|{roles})")
    name = re.compile(f"[{cjk}][{cjk}·]{{0,{b.max_name_chars + 2}}}")
    token = re.compile(f"[^\\s{re.escape(b.separators)}]+")
    colons = re.compile(f"^[{re.escape(b.role_colons)}]+")
    return role, name, token, colons


def parse_byline(line: Mapped) -> Byline | None:
    """The byline on ``line`` (a whole stripped line), or None when it is not one."""
    b = patterns.byline()
    role_re, name_re, token_re, colon_re = _regexes()
    text = line.text
    if not text or len(text.replace(" ", "")) > b.max_line_chars:
        return None
    i = 0
    while i < len(text) and (text[i] in b.bullets or text[i].isspace()):
        i += 1
    bullet = i > 0 and any(ch in b.bullets for ch in text[:i])
    body = line[i:]
    if len(body) >= 2 and body.text[0] in "（(【[" and body.text[-1] in "）)】]":
        body = body[1:-1]
    parts: list[tuple[str, Mapped]] = []  # ("role" | "name", text)
    for m in token_re.finditer(body.text):
        tok = body[m.start():m.end()]
        while tok:
            c = colon_re.match(tok.text)
            if c:
                tok = tok[c.end():]
                continue
            r = role_re.match(tok.text)
            # a role glued to a name (记者王小明) is split off, but a name is never read as a role
            if r and (r.end() == len(tok) or colon_re.match(tok.text[r.end():])
                      or (r.end() >= 2 and len(tok) - r.end() >= 2)):
                parts.append(("role", tok[:r.end()]))
                tok = tok[r.end():]
                continue
            n = name_re.fullmatch(tok.text)
            if not n:
                return None
            parts.append(("name", tok))
            break
    parts = _merge_singles(parts)
    names = [p for kind, p in parts if kind == "name"]
    roles = [p for kind, p in parts if kind == "role"]
    if not names or len(names) > b.max_names or any(len(n) > b.max_name_chars for n in names):
        return None
    if not roles and not (bullet and len(names) >= 2 and all(2 <= len(n) <= 3 for n in names)):
        return None
    if roles and (parts[0][0] != "role" or parts[-1][0] == "role"):
        return None  # a name before any role, or a role last (张三 摄: a photo credit)
    return Byline(Mapped.join((p for _, p in parts), " "), tuple(n.text for n in names))


def _merge_singles(parts: list[tuple[str, Mapped]]) -> list[tuple[str, Mapped]]:
    """``李 华`` -> ``李华``: consecutive one-character names joined two by two (an odd one joins the last)."""
    out: list[tuple[str, Mapped]] = []
    run: list[Mapped] = []

    def flush() -> None:
        pieces = [run[k] + run[k + 1] if k + 1 < len(run) else run[k] for k in range(0, len(run), 2)]
        if len(pieces) > 1 and len(pieces[-1]) == 1:
            last = pieces.pop()
            pieces[-1] = pieces[-1] + last
        out.extend(("name", p) for p in pieces)
        run.clear()

    for kind, p in parts:
        if kind == "name" and len(p) == 1:
            run.append(p)
            continue
        flush()
        out.append((kind, p))
    flush()
    return out
