"""Words that stand for an entity named elsewhere: 该镇, 本村, 我校, 我司, 我们 (``references.tsv``).

该 + a word of ``references.tsv`` stands for the nearest entity before it whose
type and name ending fit the word (该镇 -> the last 某某镇). 我/本 + a word is the
speaker's own body: the article's main actor when it fits, else nothing (a
report may name the towns of 我市 and never the city itself: the nearest 某市
before it is then one of its towns). 我们 stands for the main actor: the first
body (or place) of the title, else of the first sentence.
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.extract.recognize import Cand
from kg.extract.relations.vocab import Reference, RelationVocab

REF_RULE = "demonstrative"
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


def references(text: str, cands: list[Cand], vocab: RelationVocab, main: Cand | None) -> list[Cand]:
    """One candidate per referring word, spanning the word, named and typed as the entity it stands for."""
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
    for word in vocab.words["speaker_words"]:
        at = text.find(word)
        while at != -1 and main is not None:
            out.append(_standing_for(main, at, at + len(word)))
            at = text.find(word, at + len(word))
    return sorted(out, key=lambda c: c.start)


def _standing_for(target: Cand, a: int, b: int) -> Cand:
    return Cand(a, b, target.type, target.name, REF_RULE, kind=target.kind)
