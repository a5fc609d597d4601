"""Words that stand for an entity named elsewhere: 该镇, 本村, 我校, 我司, 我们 (``references.tsv``).

该 + a word of ``references.tsv`` stands for the nearest entity before it whose
type and name ending fit the word (该镇 -> the last 某某镇). 我/本 + a word is the
speaker's own body: the article's main actor when it fits, else nothing (a
report may name the towns of 我市 and never the city itself: the nearest 某市
before it is then one of its towns). 我们 stands for the main actor: the first
body (or place) of the title, else of the first sentence. A bare Party body
(社区党委, 村党支部) written alone stands for the nearest one whose full name
ends so. 双方, 五方 stand for all the bodies of the nearest list before them with
that many items.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognize import Cand
from kg.extract.relations.vocab import Reference, RelationVocab

REF_RULE = "demonstrative"
PLURAL_RULE = "plural"
ACTORS = ("Place", "PartyOrganisation", "Enterprise", "Organisation")


def main_actor(outermost: list[Cand], title_end: int, first_sentence: tuple[int, int]) -> Cand | None:
    """The body the article is about: the first one of its title, else of its first sentence."""
    for a, b in ((0, title_end), first_sentence):
        found = next((c for c in outermost if a <= c.start and c.end <= b and c.type in ACTORS), None)
        if found is not None:
            return found
    return None


def nearest(cands: Iterable[Cand], ref: Reference, pos: int) -> Cand | None:
    """The entity that ends last before ``pos`` and fits ``ref``."""
    best = None
    for c in cands:
        if c.end <= pos and ref.fits(c.type, c.name) and (best is None or c.end > best.end):
            best = c
    return best


def own(ref: Reference, main: Cand | None) -> Cand | None:
    """The speaker's own body (我校, 本村): the main actor if it fits."""
    return main if main is not None and ref.fits(main.type, main.name) else None


def bare_names(text: str, cands: list[Cand], vocab: RelationVocab, party_heads: tuple[str, ...],
               stops: frozenset[str]) -> list[Cand]:
    """Bare Party bodies (社区党委, 村党支部, 党委) written alone where no name was found: each stands for
    the nearest Party body before it whose name ends so, else the first one after it. A bare head
    (党委) in a list (党委、政府) is generic and stands for nothing."""
    list_marks = set(vocab.words["person_joiners"])
    out = []
    covered = sorted((c.start, c.end) for c in cands)
    parties = sorted((c for c in cands if c.type == "PartyOrganisation"), key=lambda c: c.start)
    for word in [*vocab.references, ""]:
        for head in party_heads:
            bare = word + head
            at = text.find(bare)
            while at != -1:
                end = at + len(bare)
                alone = (at == 0 or text[at - 1] in stops) and (word or text[end : end + 1] not in list_marks)
                if alone and not any(a <= at and end <= b for a, b in covered):
                    same = [c for c in parties if c.name.endswith(bare) and c.name != bare]
                    target = max((c for c in same if c.end <= at), key=lambda c: c.end, default=None) or next(
                        (c for c in same if c.start >= end), None)
                    if target is not None:
                        out.append(_standing_for(target, at, end))
                at = text.find(bare, end)
    return out


def plural_names(text: str, cands: list[Cand], vocab: RelationVocab, joiners: tuple[str, ...]) -> list[Cand]:
    """双方, 五方 … : the bodies of the nearest list before it with that many items (items the
    recognisers missed count, but stand for nothing), each as a candidate over the same span."""
    outer = [c for c in cands if c.type in ACTORS and not any(
        o is not c and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end) for o in cands)]
    lists = _lists(text, sorted(outer, key=lambda c: c.start), joiners)
    not_after = re.escape("".join(vocab.words["plural_not_before"]))
    out = []
    for m in re.finditer(rf"([双两一二三四五六七八九十])方(?![{not_after}])", text):
        count = _count(m.group(1))
        group = next((items for end, n, items in reversed(lists) if end <= m.start() and n == count), [])
        out += [Cand(m.start(), m.end(), c.type, c.name, PLURAL_RULE, kind=c.kind) for c in group]
    return out


def _lists(text: str, bodies: list[Cand], joiners: tuple[str, ...]) -> list[tuple[int, int, list[Cand]]]:
    """(end, number of items, bodies found among them) of each list in ``text``, in order: runs of
    bodies joined by 、/和/与, and 、-lists of a clause whose items may not all be names found."""
    out = []
    run: list[Cand] = []
    for c in bodies + [Cand(len(text) + 1, len(text) + 1, "", "", "")]:
        if run and text[run[-1].end : c.start] in joiners:
            run.append(c)
            continue
        if len(run) > 1:
            out.append((run[-1].end, len(run), run))
        run = [c]
    for m in re.finditer(r"[^，,。；;：:！？!?\n]+", text):
        pieces = m.group().split("、")
        if len(pieces) < 3:
            continue
        found, pos = [], m.start()
        for i, piece in enumerate(pieces):
            # an item ends where its piece does; the last one may be followed by the clause's verb
            last = i == len(pieces) - 1
            item = next((c for c in bodies if pos <= c.start and c.end == pos + len(piece)
                         or last and c.start == pos and c.type != "Place"), None)
            found += [item] if item is not None else []
            pos += len(piece) + 1
        out.append((m.end(), len(pieces), found))
    return sorted(out, key=lambda x: x[0])


def _count(numeral: str) -> int:
    """The number a one-character Chinese numeral writes (双 and 两: 2)."""
    return 2 if numeral in "双两" else "一二三四五六七八九十".index(numeral) + 1


def references(text: str, cands: list[Cand], vocab: RelationVocab, main: Cand | None,
               party_heads: tuple[str, ...] = (), stops: frozenset[str] = frozenset()) -> list[Cand]:
    """One candidate per referring word, spanning the word, named and typed as the entity it stands for;
    ``party_heads`` and ``stops``: the Party head nouns and the characters a bare name follows."""
    out = []
    words = sorted(vocab.references, key=len, reverse=True)
    for det in vocab.words["reference_determiners"]:
        at = text.find(det)
        while at != -1:
            pos = at + len(det)
            word = next((w for w in words if text.startswith(w, pos)), None)
            if word is not None:
                ref = vocab.references[word]
                target = nearest(cands, ref, at) if det in vocab.words["anaphoric_determiners"] else own(ref, main)
                if target is not None:
                    out.append(_standing_for(target, at, pos + len(word)))
            at = text.find(det, pos)
    out += bare_names(text, cands, vocab, party_heads, stops)
    out += plural_names(text, cands + out, vocab, vocab.words["person_joiners"])
    for word in vocab.words["speaker_words"]:
        at = text.find(word)
        while at != -1 and main is not None:
            out.append(_standing_for(main, at, at + len(word)))
            at = text.find(word, at + len(word))
    return sorted(out, key=lambda c: c.start)


def _standing_for(target: Cand, a: int, b: int) -> Cand:
    return Cand(a, b, target.type, target.name, REF_RULE, kind=target.kind)
