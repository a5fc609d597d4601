"""Words that stand for an entity named elsewhere: 该镇, 该企业 … (the entity they refer back to)."""
from __future__ import annotations

from kg.extract.entities import demonstrative_refs
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Cand

REF_RULE = "demonstrative"


def references(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """One candidate per referring word, spanning the word, named and typed as the entity it stands for."""
    return [Cand(a, b, ref.type, ref.name, REF_RULE, kind=ref.kind) for a, b, ref in demonstrative_refs(text, cands, lex)]
