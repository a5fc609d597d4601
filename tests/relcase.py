"""Relation rules on invented sentences with the entities given by hand.

The rules are tested apart from the recognisers: each test names the entities a
recogniser would find (``"名称": "Type"`` or ``"Type:kind"``), and the helper
places them at every occurrence, builds each name's parts (the entities written
inside it) and runs every relation rule, as the pipeline does.
"""
from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand
from kg.extract.relations import RelationFinder
from kg.model import Relation


def candidates(text: str, entities: dict[str, str], once: tuple[str, ...] = ()) -> list[Cand]:
    """Each entity at every occurrence (the names in ``once`` at their first only)."""
    cands = []
    for name, spec in entities.items():
        type_, _, kind = spec.partition(":")
        for m in re.finditer(re.escape(name), text):
            cands.append(Cand(m.start(), m.end(), type_, name, "test", kind=kind))
            if name in once:
                break
    for c in cands:
        inner = [o for o in cands if o is not c and c.start <= o.start and o.end <= c.end
                 and (o.start, o.end) != (c.start, c.end) and o.type not in ("Person", "Programme")]
        c.parts = [o for o in inner if not any(x is not o and x.start <= o.start and o.end <= x.end
                                               and (x.start, x.end) != (o.start, o.end) for x in inner)]
    return cands


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[。；;！？!?\n]", text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def relations(text: str, entities: dict[str, str], title: bool = False,
              aliases: dict[tuple[str, str], str] | None = None,
              once: tuple[str, ...] = ()) -> dict[tuple[str, str, str], Relation]:
    """The relations the rules find, by (head, rel, tail); ``title``: the first line is the title."""
    cands = candidates(text, entities, once)
    names = {(c.type, c.name) for c in cands}
    aliases = aliases or {}

    def canon(c: Cand) -> str | None:
        name = aliases.get((c.type, c.name), c.name)
        return name if (c.type, name) in names or (c.type, c.name) in names else None

    title_end = text.find("\n") if title else 0
    found = RelationFinder(text, cands, cands, canon, sentences(text), Lexicon.load(), title_end, aliases).run()
    return {(r.head, r.rel, r.tail): r for r in found}


def triples(text: str, entities: dict[str, str], **kw: object) -> set[tuple[str, str, str]]:
    return set(relations(text, entities, **kw))  # type: ignore[arg-type]
