"""Evidence from the statistical tagger (LAC, or a trained model's NER): the names it sees.

The rules decide what a name is (a head noun makes a Party organisation); the
tagger, trained on far more text than any rule list, knows where names begin
and which words are verbs. These helpers answer the rules' questions from its
spans and words, and answer "nothing" when no tagger ran (``--ner rules``).
"""
from __future__ import annotations

from kg.extract.recognize.scan import Cand, NerSpan, Scan
from kg.extract.recognize.vocabulary import Vocabulary

# the tagger labels whose spans may give the left edge of a name of each type (or place level);
# administrative place stems are left to the gazetteer and the chain rules, which know more
# about them than the tagger; named sites (广场, 大厦) and zones are not in any gazetteer
EDGE_LABELS: dict[str, tuple[str, ...]] = {
    "compound": ("LOC",),
    "zone": ("LOC",),
    "Enterprise": ("ORG",),
    "Organisation": ("ORG",),
    "PartyOrganisation": ("ORG",),
}


def edge_labels(type_: str, kind: str) -> tuple[str, ...]:
    """The tagger labels that may give the left edge of a name of this type and place level."""
    return EDGE_LABELS.get(kind if type_ == "Place" else type_, ())


def covering(scan: Scan, s: int, e: int, labels: tuple[str, ...]) -> NerSpan | None:
    """The tagger name with one of ``labels`` that starts before ``s`` and runs to ``e`` or beyond:
    it holds the whole head noun at [s, e), so its start is where the name begins."""
    best = None
    for span in scan.ner:
        if span.start >= s:
            break
        if span.label in labels and span.end >= e and (best is None or span.start < best.start):
            best = span
    return best


def leading(scan: Scan, edge: int, s: int, labels: tuple[str, ...]) -> NerSpan | None:
    """A tagger name with one of ``labels`` that starts before ``edge`` and ends inside the stem
    [edge, s): the name begins with it (某某|商业广场, where the segmenter cut the first word)."""
    for span in scan.ner:
        if span.start >= edge:
            break
        if span.label in labels and edge < span.end <= s:
            return span
    return None


def last_break(scan: Scan, a: int, s: int, tags: frozenset[str]) -> int | None:
    """The end of the last tagger word in [a, s) whose tag is one of ``tags`` (a verb, a preposition…)
    and that is not part of a name the tagger found: a name before ``s`` cannot start before it."""
    end = None
    for w in scan.words:
        if w.start >= s:
            break
        if w.start >= a and w.end <= s and w.tag in tags:
            end = w.end
    return end


def tagged_as(scan: Scan, a: int, b: int, label: str) -> bool:
    """True when the tagger has a name with ``label`` that starts at ``a`` and holds [a, b)."""
    for span in scan.ner:
        if span.start > a:
            break
        if span.start == a and span.end >= b and span.label == label:
            return True
    return False


def organisations(v: Vocabulary, scan: Scan) -> None:
    """Organisations the tagger names that no head noun in the lexicon ends (a news agency named 某某社, a
    province's 某某办): kept when they end in a body's head character and overlap no other name."""
    lex, text = v.lex, scan.text
    heads = lex.chars["tagged_body_heads"]
    taken = sorted((c.start, c.end) for c in scan.cands)
    for span in scan.ner:
        name = text[span.start : span.end]
        if span.label != "ORG" or len(name) < 3 or name[-1] not in heads or name in lex.generic_names:
            continue
        if any(ch in v.hard_stops for ch in name) or v.generic(name[:-1]):
            continue
        if any(a < span.end and span.start < b for a, b in taken):
            continue
        scan.add(Cand(span.start, span.end, "Organisation", name, "tagger:ORG", kind="body"))


def only_verbs(scan: Scan, a: int, b: int, verbs: frozenset[str], verbal_nouns: frozenset[str]) -> bool:
    """True when the tagger's words cover [a, b) exactly, each a verb or a verbal noun, one at least a
    verb (False when no tagger ran, or the stretch is empty)."""
    words = [w for w in scan.words if a <= w.start and w.end <= b]
    return bool(words) and words[0].start == a and words[-1].end == b \
        and sum(w.end - w.start for w in words) == b - a \
        and all(w.tag in verbs or w.tag in verbal_nouns for w in words) and any(w.tag in verbs for w in words)
