"""Error analysis: every false positive and false negative, with its sentence and a likely cause.

Meant for people annotating their own corpus: the causes tell a boundary rule
that is too greedy from a type confusion or an alias the resolver failed to
merge, and the sentence shows where to look. Causes:

entities
    ``boundary-too-long``  a prediction of the same type strictly contains an unmatched gold name/alias
    ``boundary-too-short`` a prediction of the same type is strictly contained in one
    ``wrong-type``         the same name was predicted with another type
    ``missed-alias-merge`` a second prediction of an entity already found (an alias not merged);
                           these are listed with error ``duplicate`` and are not counted as FP
    ``missing``            a false negative with no related prediction
    ``spurious``           a false positive with no related gold entity
relations (each record also says whether its head and its tail were found as entities:
for a false negative, whether the gold entity was predicted; for a false positive, whether
the predicted name is a gold entity at all)
    ``reversed``           the same rel with head and tail swapped
    ``wrong-rel``          the same head and tail with another rel
    ``missing-entity``     a false negative whose head or tail was not found as an entity
    ``missing-relation``   both entities found, the relation not
    ``spurious-relation``  any other false positive
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from kg.evaluation.score import DocumentMatch, Report, normalise
from kg.model import ENTITY_TYPES, RELATION_TYPES

ENTITY_CAUSES: tuple[str, ...] = (
    "boundary-too-long",
    "boundary-too-short",
    "wrong-type",
    "missed-alias-merge",
    "missing",
    "spurious",
)
RELATION_CAUSES: tuple[str, ...] = (
    "reversed",
    "wrong-rel",
    "missing-entity",
    "missing-relation",
    "spurious-relation",
)

_OCR_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


@dataclass
class ErrorRecord:
    """One error. ``name``/``type`` for entities; ``head``/``rel``/``tail`` for relations
    (``type`` is then the rel). ``related`` names what the cause points at: the
    gold or predicted name it overlaps, or the triple it confuses."""

    doc: str
    kind: str  # "entity" or "relation"
    error: str  # "FP", "FN" or "duplicate"
    cause: str
    type: str
    name: str | None = None
    head: str | None = None
    rel: str | None = None
    tail: str | None = None
    related: str | None = None
    sentence: str | None = None
    head_found: bool | None = None  # relations: the head was found as an entity (FP: it is a gold entity)
    tail_found: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        keep = ("name",) if self.kind == "entity" else ("head", "rel", "tail", "head_found", "tail_found")
        return {k: v for k, v in asdict(self).items()
                if k not in ("name", "head", "rel", "tail", "head_found", "tail_found") or k in keep}


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` with OCR spaces between Chinese characters removed."""
    text = _OCR_SPACE.sub("", text)
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def find_sentence(sentences: list[str], names: list[str]) -> str | None:
    """First sentence containing the first name that occurs at all (names in order of preference)."""
    normed = [normalise(s) for s in sentences]
    for name in names:
        n = normalise(name)
        if not n:
            continue
        for s, ns in zip(sentences, normed, strict=True):
            if n in ns:
                return s
    return None


def find_relation_sentence(sentences: list[str], head: str, tail: str) -> str | None:
    """First sentence naming both ends of a relation, else one naming either."""
    h, t = normalise(head), normalise(tail)
    for s in sentences:
        ns = normalise(s)
        if h and t and h in ns and t in ns:
            return s
    return find_sentence(sentences, [head, tail])


def _pred_sentence(entity: Mapping[str, Any], pred: Mapping[str, Any]) -> str | None:
    """The sentence the pipeline itself recorded for a predicted entity, if any."""
    if isinstance(entity.get("evidence"), str) and entity["evidence"]:
        return entity["evidence"]
    mentions = entity.get("mentions") or []
    if mentions and isinstance(mentions[0], Mapping):
        sent = mentions[0].get("sentence")
        if isinstance(sent, str) and sent:
            return sent
        sents = pred.get("sentences")
        if isinstance(sent, int) and isinstance(sents, list) and 0 <= sent < len(sents):
            return str(sents[sent])
    return None


def _names(entity: Mapping[str, Any]) -> list[str]:
    return [n for n in [entity.get("name", ""), *(entity.get("aliases") or [])] if n]


def _entity_errors(doc: str, m: DocumentMatch, sentences: list[str]) -> list[ErrorRecord]:
    gents, pents = m.gold["entities"], m.pred.get("entities") or []
    fn = [j for j, s in enumerate(m.gold_status) if s == "fn"]
    fp = [i for i, s in enumerate(m.pred_status) if s == "fp"]
    out: list[ErrorRecord] = []

    def contains(outer: str, inner: str) -> bool:
        return bool(inner) and inner != outer and inner in outer

    def gold_cause(j: int) -> tuple[str, str | None]:
        g = gents[j]
        gsurf = [normalise(n) for n in _names(g)]
        for p in pents:
            pname = normalise(p.get("name", ""))
            own = [normalise(a) for a in p.get("aliases") or []]
            if p.get("type") != g.get("type") and (pname in gsurf or normalise(g["name"]) in own):
                return "wrong-type", f"{p.get('name')} ({p.get('type')})"
        for i in fp:
            p = pents[i]
            if p.get("type") == g.get("type") and any(contains(normalise(p.get("name", "")), s) for s in gsurf):
                return "boundary-too-long", p.get("name")
        for i in fp:
            p = pents[i]
            if p.get("type") == g.get("type") and any(contains(s, normalise(p.get("name", ""))) for s in gsurf):
                return "boundary-too-short", p.get("name")
        return "missing", None

    def pred_cause(i: int) -> tuple[str, str | None]:
        p = pents[i]
        pname = normalise(p.get("name", ""))
        own = [normalise(a) for a in p.get("aliases") or []]
        for g in gents:
            gsurf = [normalise(n) for n in _names(g)]
            if not g.get("optional") and g.get("type") != p.get("type") and (
                pname in gsurf or normalise(g["name"]) in own
            ):
                return "wrong-type", f"{g['name']} ({g.get('type')})"
        for j in fn:
            g = gents[j]
            if g.get("type") == p.get("type") and any(contains(pname, normalise(s)) for s in _names(g)):
                return "boundary-too-long", g["name"]
        for j in fn:
            g = gents[j]
            if g.get("type") == p.get("type") and any(contains(normalise(s), pname) for s in _names(g)):
                return "boundary-too-short", g["name"]
        return "spurious", None

    for j in fn:
        g = gents[j]
        cause, related = gold_cause(j)
        out.append(ErrorRecord(doc, "entity", "FN", cause, str(g.get("type")), name=g["name"],
                               related=related, sentence=find_sentence(sentences, _names(g))))
    for i, status in enumerate(m.pred_status):
        if status not in ("fp", "duplicate"):
            continue
        p = pents[i]
        if status == "fp":
            cause, related = pred_cause(i)
            error = "FP"
        else:
            cause, related, error = "missed-alias-merge", gents[m.pred_gold[i]]["name"], "duplicate"
        sentence = _pred_sentence(p, m.pred) or find_sentence(sentences, _names(p))
        out.append(ErrorRecord(doc, "entity", error, cause, str(p.get("type")), name=p.get("name"),
                               related=related, sentence=sentence))
    return out


def _relation_errors(doc: str, m: DocumentMatch, sentences: list[str]) -> list[ErrorRecord]:
    found = {m.pred_gold[i] for i, s in enumerate(m.pred_status) if s in ("tp", "duplicate")}
    out: list[ErrorRecord] = []

    def by_pair(rels: Mapping[tuple, Any], key: tuple) -> tuple[str, str | None]:
        h, r, t = key
        for other in rels:
            if other[0] == t and other[1] == r and other[2] == h and h != t:
                return "reversed", f"{m.gold_name(t)} {r} {m.gold_name(h)}"
        for other in rels:
            if other[0] == h and other[2] == t and other[1] != r:
                return "wrong-rel", f"{m.gold_name(h)} {other[1]} {m.gold_name(t)}"
        return "", None

    for key, rel in m.gold_relations.items():
        if key in m.pred_relations:
            continue
        cause, related = by_pair(m.pred_relations, key)
        if not cause:
            missing = [k for k in (key[0], key[2]) if k not in found]
            cause = "missing-entity" if missing else "missing-relation"
            related = ", ".join(m.gold_name(k) for k in missing) or None
        head, tail = str(rel.get("head", "")), str(rel.get("tail", ""))
        out.append(ErrorRecord(doc, "relation", "FN", cause, key[1], head=head, rel=key[1], tail=tail,
                               related=related,
                               sentence=rel.get("evidence") or find_relation_sentence(sentences, head, tail),
                               head_found=key[0] in found, tail_found=key[2] in found))
    for key, rel in m.pred_relations.items():
        if key in m.gold_relations:
            continue
        cause, related = by_pair(m.gold_relations, key)
        head, tail = str(rel.get("head", "")), str(rel.get("tail", ""))
        sentence = rel.get("evidence") or find_relation_sentence(sentences, head, tail)
        out.append(ErrorRecord(doc, "relation", "FP", cause or "spurious-relation", key[1],
                               head=head, rel=key[1], tail=tail, related=related, sentence=sentence,
                               head_found=isinstance(key[0], int), tail_found=isinstance(key[2], int)))
    return out


def analyse_document(doc: str, match: DocumentMatch, text: str | None = None) -> list[ErrorRecord]:
    """Errors of one scored document; ``text`` lets sentences be found for entities."""
    sentences = split_sentences(text) if text else []
    return _entity_errors(doc, match, sentences) + _relation_errors(doc, match, sentences)


def analyse(report: Report, only: str | None = None) -> list[ErrorRecord]:
    """Errors of every document in ``report`` (which must come from scoring, not from JSON)."""
    out: list[ErrorRecord] = []
    for d in report.documents:
        if d.match is None:
            raise ValueError(f"{d.doc}: no alignment recorded; error analysis needs a freshly scored report")
        out += analyse_document(d.doc, d.match, d.text)
    return [e for e in out if only is None or e.type == only]


def clip(sentence: str, needle: str | None, width: int = 80) -> str:
    """At most ``width`` characters of ``sentence``, centred on ``needle`` when it occurs."""
    if len(sentence) <= width:
        return sentence
    at = sentence.find(needle) if needle else -1
    start = max(0, min(at - width // 3, len(sentence) - width)) if at >= 0 else 0
    end = start + width
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _found_label(e: ErrorRecord, end: str, found: bool) -> str:
    """Whether one end of a relation error is an entity that was found: a miss with both ends
    found wants a rule, one with an end missing wants the entity first."""
    if e.error == "FN":
        return f"{end} found" if found else f"{end} missing"
    return f"{end} in gold" if found else f"{end} not in gold"


def _record_line(e: ErrorRecord) -> str:
    what = e.name if e.kind == "entity" else f"{e.head} —{e.rel}→ {e.tail}"
    label = "dup" if e.error == "duplicate" else e.error
    line = f"    {label:<3} {what}  [{e.doc}]"
    if e.related:
        line += f"  ({'not found: ' if e.cause == 'missing-entity' else 'vs '}{e.related})"
    if e.kind == "relation" and e.head_found is not None:
        line += f"  [{_found_label(e, 'head', e.head_found)} · {_found_label(e, 'tail', bool(e.tail_found))}]"
    if e.sentence:
        line += f"\n          「{clip(e.sentence, e.name or e.head)}」"
    return line


def format_errors(records: list[ErrorRecord]) -> str:
    """A readable report: counts per cause, then records grouped by kind, type and cause."""
    if not records:
        return "No errors."
    lines: list[str] = []
    for kind, causes, types, title in (("entity", ENTITY_CAUSES, ENTITY_TYPES, "Entity errors"),
                                       ("relation", RELATION_CAUSES, RELATION_TYPES, "Relation errors")):
        recs = [e for e in records if e.kind == kind]
        if not recs:
            continue
        counts = Counter(e.cause for e in recs)
        summary = ", ".join(f"{c} {counts[c]}" for c in causes if counts[c])
        lines += [f"== {title}: {len(recs)} ({summary}) =="]
        seen = {e.type for e in recs}
        for typ in [t for t in types if t in seen] + sorted(seen - set(types)):
            of_type = [e for e in recs if e.type == typ]
            lines.append(f"-- {typ} ({len(of_type)}) --")
            for cause in causes:
                group = [e for e in of_type if e.cause == cause]
                if group:
                    lines.append(f"  {cause} ({len(group)})")
                    lines += [_record_line(e) for e in group]
        lines.append("")
    if any(e.error == "duplicate" for e in records):
        lines.append("dup: a second prediction of an entity already found (alias not merged); not counted as FP.")
    return "\n".join(lines).rstrip()
