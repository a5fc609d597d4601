"""Score extracted entities and relations against hand-checked gold files.

Gold and predicted documents share one shape (see ``tests/gold/GUIDELINES.md``)::

    {"doc": "000_x.txt",
     "entities": [{"name": ..., "type": ..., "aliases": [...], "optional": true?}],
     "relations": [{"head": ..., "rel": ..., "tail": ..., "evidence": ...}]}

Matching rules, per document:

* Names are compared after :func:`normalise` (NFKC, spaces, quotation and
  book-title marks removed, middle-dot variants unified), so ``“三色预警”机制``
  matches ``三色预警机制`` and ``《…》`` matches the title inside.
* A predicted entity matches a gold entity when its name equals the gold name or
  a gold alias, or when one of its *own* aliases equals the gold name (the
  pipeline may have chosen another canonical form). Alias-to-alias is not a
  match: short cores such as ``红立方`` are shared by several programmes.
  A match is a true positive only when the types agree as well.
* Each gold entity is matched at most once. Exact name matches are assigned
  first, then predicted name = gold alias, then predicted alias = gold name.
  A further prediction of an already matched gold entity of the same type (an
  alias left unmerged) is a *duplicate*: neither a true nor a false positive,
  since the entity was found; it is counted separately and reported by
  :mod:`kg.evaluation.error_analysis`. A prediction is a false positive only
  when it matches no gold entity of its type.
* Gold entities marked ``optional`` are neither rewarded nor penalised: a
  prediction matching one (whatever its type) is ignored, missing one is not a
  false negative, and relations touching one are ignored on both sides.
* A relation's head and tail are mapped to gold entities by the same name and
  alias matching, regardless of type; triples ``(gold head, rel, gold tail)``
  are compared as sets, so duplicates count once.

Precision with nothing predicted is 0 unless nothing was to be found either;
recall likewise. A type with neither gold nor predictions scores 1.0: there was
nothing to get wrong.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluation.facts import FactScore, has_facts, score_facts
from kg.exceptions import KgError
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.textwidth import display_width, pad

Doc = dict[str, Any]
Extractor = Callable[[Path], Doc]
# A relation endpoint: a gold entity index, or the normalised name when it maps to none.
Key = int | str
Triple = tuple[Key, str, Key]

_QUOTES = "«»“”\"'‘’《》「」『』〈〉"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_DOTS = str.maketrans({c: "·" for c in "•・‧∙⋅･"})
_SPACE = re.compile(r"\s+")


class EvalError(KgError):
    """A gold directory, gold file or text file that cannot be used (message names it)."""


def normalise(name: str) -> str:
    """Canonical comparison form of a name, so that typography does not decide a match."""
    s = unicodedata.normalize("NFKC", name or "")
    s = _SPACE.sub("", s).translate(_QUOTE_TABLE).translate(_DOTS)
    return s


@dataclass
class Counts:
    """True/false positives and false negatives for one slice of the data."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.gold:
            return self.tp / self.gold
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Counts:
        return cls(int(data["tp"]), int(data["fp"]), int(data["fn"]))


@dataclass
class DocumentMatch:
    """How one document's predictions were aligned with its gold (input to error analysis).

    ``pred_status[i]`` is ``"tp"``, ``"fp"``, ``"duplicate"`` or ``"optional"``
    and ``pred_gold[i]`` the gold index it matched (None for ``"fp"``);
    ``gold_status[j]`` is ``"tp"``, ``"fn"`` or ``"optional"``. Relation dicts
    map the compared triple to the first relation record that produced it.
    """

    gold: Doc
    pred: Doc
    pred_status: list[str]
    pred_gold: list[int | None]
    gold_status: list[str]
    gold_relations: dict[Triple, dict[str, Any]]
    pred_relations: dict[Triple, dict[str, Any]]

    def gold_name(self, key: Key) -> str:
        """Display name of a relation endpoint."""
        return self.gold["entities"][key]["name"] if isinstance(key, int) else key


@dataclass
class DocumentScore:
    """Counts for one document, per entity type and per relation type."""

    doc: str
    entities: dict[str, Counts] = field(default_factory=dict)
    relations: dict[str, Counts] = field(default_factory=dict)
    duplicates: int = 0  # predictions of an already matched gold entity
    ignored: int = 0  # predictions matching an optional gold entity
    facts: FactScore | None = None  # amounts, facts and article metadata, when the gold annotates them
    match: DocumentMatch | None = field(default=None, repr=False, compare=False)
    text: str | None = field(default=None, repr=False, compare=False)

    @property
    def entity_total(self) -> Counts:
        return sum(self.entities.values(), Counts())

    @property
    def relation_total(self) -> Counts:
        return sum(self.relations.values(), Counts())

    def to_dict(self) -> dict[str, Any]:
        out = {
            "doc": self.doc,
            "entities": {t: c.to_dict() for t, c in self.entities.items()},
            "relations": {t: c.to_dict() for t, c in self.relations.items()},
            "entity_total": self.entity_total.to_dict(),
            "relation_total": self.relation_total.to_dict(),
            "duplicates": self.duplicates,
            "ignored": self.ignored,
        }
        if self.facts is not None:
            out["facts"] = self.facts.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentScore:
        return cls(
            doc=data["doc"],
            entities={t: Counts.from_dict(c) for t, c in data["entities"].items()},
            relations={t: Counts.from_dict(c) for t, c in data["relations"].items()},
            duplicates=int(data.get("duplicates", 0)),
            ignored=int(data.get("ignored", 0)),
            facts=FactScore.from_dict(data["facts"]) if "facts" in data else None,
        )


def _ordered(keys: Iterable[str], standard: tuple[str, ...]) -> list[str]:
    """The standard types first, in their fixed order, then any others seen, sorted."""
    seen = set(keys)
    return list(standard) + sorted(seen - set(standard))


@dataclass
class Report:
    """Scores over a set of documents: per type, micro totals and per document."""

    documents: list[DocumentScore] = field(default_factory=list)

    def _sum(self, attr: str, standard: tuple[str, ...]) -> dict[str, Counts]:
        keys = [k for d in self.documents for k in getattr(d, attr)]
        out = {k: Counts() for k in _ordered(keys, standard)}
        for d in self.documents:
            for k, c in getattr(d, attr).items():
                out[k] = out[k] + c
        return out

    @property
    def entities(self) -> dict[str, Counts]:
        return self._sum("entities", ENTITY_TYPES)

    @property
    def relations(self) -> dict[str, Counts]:
        return self._sum("relations", RELATION_TYPES)

    @property
    def entity_total(self) -> Counts:
        return sum((d.entity_total for d in self.documents), Counts())

    @property
    def relation_total(self) -> Counts:
        return sum((d.relation_total for d in self.documents), Counts())

    @property
    def facts(self) -> FactScore | None:
        """Amounts, facts and article metadata over the documents whose gold annotates them."""
        scored = [d.facts for d in self.documents if d.facts is not None]
        return sum(scored[1:], scored[0]) if scored else None

    def fact_counts(self, level: str) -> Counts:
        """Amount (``"amount"``) or fact (``"fact"``) counts over all documents."""
        facts = self.facts
        return Counts(*facts.counts(level)) if facts is not None else Counts()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "entities": {t: c.to_dict() for t, c in self.entities.items()},
            "entity_total": self.entity_total.to_dict(),
            "relations": {t: c.to_dict() for t, c in self.relations.items()},
            "relation_total": self.relation_total.to_dict(),
            "documents": [d.to_dict() for d in self.documents],
        }
        facts = self.facts
        if facts is not None:
            out["facts"] = facts.to_dict()
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        return cls([DocumentScore.from_dict(d) for d in data["documents"]])

    def format_table(self, only: str | None = None) -> str:
        """Aligned plain-text tables; ``only`` keeps the row of one entity or relation type."""
        return format_table(self, only)


# ---------------------------------------------------------------- matching


def _surfaces(entity: Mapping[str, Any]) -> list[str]:
    names = [entity.get("name", "")] + list(entity.get("aliases") or [])
    return [n for n in dict.fromkeys(normalise(x) for x in names) if n]


def score_document(gold: Doc, pred: Doc, text: str | None = None) -> DocumentScore:
    """Align one document's predictions with its gold and count hits and misses."""
    gents: list[dict[str, Any]] = list(gold.get("entities") or [])
    pents: list[dict[str, Any]] = list(pred.get("entities") or [])
    optional = [bool(g.get("optional")) for g in gents]

    by_name: dict[str, list[int]] = {}
    by_alias: dict[str, list[int]] = {}
    for j, g in enumerate(gents):
        gname = normalise(g.get("name", ""))
        by_name.setdefault(gname, []).append(j)
        for a in _surfaces(g):
            if a != gname:
                by_alias.setdefault(a, []).append(j)

    def tiers(p: Mapping[str, Any]) -> list[list[int]]:
        pname = normalise(p.get("name", ""))
        own = [a for a in _surfaces(p) if a != pname]
        return [
            by_name.get(pname, []),
            by_alias.get(pname, []),
            [j for a in own for j in by_name.get(a, [])],
        ]

    cand = [tiers(p) for p in pents]
    pred_status = [""] * len(pents)
    pred_gold: list[int | None] = [None] * len(pents)
    gold_taken = [False] * len(gents)

    def optional_hit(i: int, tiers_used: range) -> int | None:
        return next((j for t in tiers_used for j in cand[i][t] if optional[j]), None)

    # A prediction *named* as an optional entity is set aside before anything else.
    for i in range(len(pents)):
        hit = optional_hit(i, range(2))
        if hit is not None:
            pred_status[i], pred_gold[i] = "optional", hit
    for t in range(3):
        for i, p in enumerate(pents):
            if pred_status[i]:
                continue
            for j in cand[i][t]:
                if not gold_taken[j] and not optional[j] and gents[j].get("type") == p.get("type"):
                    gold_taken[j] = True
                    pred_status[i], pred_gold[i] = "tp", j
                    break
    for i, p in enumerate(pents):
        if pred_status[i]:
            continue
        hit = optional_hit(i, range(3))
        if hit is not None:
            pred_status[i], pred_gold[i] = "optional", hit
            continue
        same = [j for tier in cand[i] for j in tier if gents[j].get("type") == p.get("type")]
        if same:
            pred_status[i], pred_gold[i] = "duplicate", same[0]
        else:
            pred_status[i] = "fp"
    gold_status = ["optional" if optional[j] else "tp" if gold_taken[j] else "fn" for j in range(len(gents))]

    score = DocumentScore(doc=str(gold.get("doc", "")), text=text)
    score.entities = {t: Counts() for t in ENTITY_TYPES}
    score.relations = {r: Counts() for r in RELATION_TYPES}
    for i, p in enumerate(pents):
        c = score.entities.setdefault(str(p.get("type")), Counts())
        if pred_status[i] == "tp":
            c.tp += 1
        elif pred_status[i] == "fp":
            c.fp += 1
        elif pred_status[i] == "duplicate":
            score.duplicates += 1
        else:
            score.ignored += 1
    for j, g in enumerate(gents):
        if gold_status[j] == "fn":
            score.entities.setdefault(str(g.get("type")), Counts()).fn += 1

    # Relation endpoints: gold surface first, then the predicted entity's alignment or aliases.
    pred_by_name: dict[str, list[int]] = {}
    for i, p in enumerate(pents):
        pred_by_name.setdefault(normalise(p.get("name", "")), []).append(i)

    def gold_key(name: str) -> Key:
        n = normalise(name)
        same_name = pred_by_name.get(n, [])
        options = [*by_name.get(n, []), *by_alias.get(n, []),
                   *(g for i in same_name if (g := pred_gold[i]) is not None),
                   *(j for i in same_name for j in cand[i][2])]
        return options[0] if options else n

    def triples(rels: Iterable[Mapping[str, Any]], keyer: Callable[[str], Key]) -> dict[Triple, dict[str, Any]]:
        out: dict[Triple, dict[str, Any]] = {}
        for r in rels:
            key = (keyer(str(r.get("head", ""))), str(r.get("rel", "")), keyer(str(r.get("tail", ""))))
            if any(isinstance(k, int) and optional[k] for k in (key[0], key[2])):
                continue
            out.setdefault(key, dict(r))
        return out

    def gold_keyer(name: str) -> Key:
        n = normalise(name)
        return next(iter(by_name.get(n, []) + by_alias.get(n, [])), n)

    gold_rel = triples(gold.get("relations") or [], gold_keyer)
    pred_rel = triples(pred.get("relations") or [], gold_key)
    for key in gold_rel.keys() | pred_rel.keys():
        c = score.relations.setdefault(key[1], Counts())
        if key in gold_rel and key in pred_rel:
            c.tp += 1
        elif key in pred_rel:
            c.fp += 1
        else:
            c.fn += 1

    score.match = DocumentMatch(gold, pred, pred_status, pred_gold, gold_status, gold_rel, pred_rel)
    if has_facts(gold):
        score.facts = score_facts(gold, pred, normalise)
    return score


def evaluate(
    gold_docs: Mapping[str, Doc],
    pred_docs: Mapping[str, Doc],
    texts: Mapping[str, str] | None = None,
) -> Report:
    """Score predictions for every gold document (a missing prediction counts as empty).

    Predicted documents without gold are not scored: there is nothing to compare them with.
    """
    texts = texts or {}
    docs = []
    for doc, gold in sorted(gold_docs.items()):
        score = score_document(gold, pred_docs.get(doc) or {"entities": [], "relations": []}, texts.get(doc))
        score.doc = doc
        docs.append(score)
    return Report(docs)


# ---------------------------------------------------------------- files


def read_text(path: str | Path) -> str:
    """Decode a text file the way a news corpus needs: UTF-8 (with or without BOM), else GB18030."""
    data = Path(path).read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _check_doc(data: Any, source: Path) -> Doc:
    if not isinstance(data, dict):
        raise EvalError(f"{source}: expected a JSON object")
    data.setdefault("doc", source.with_suffix(".txt").name)
    ents, rels = data.setdefault("entities", []), data.setdefault("relations", [])
    if not isinstance(ents, list) or not all(isinstance(e, dict) and "name" in e and "type" in e for e in ents):
        raise EvalError(f"{source}: 'entities' must be a list of objects with 'name' and 'type'")
    rel_keys = ("head", "rel", "tail")
    if not isinstance(rels, list) or not all(isinstance(r, dict) and all(k in r for k in rel_keys) for r in rels):
        raise EvalError(f"{source}: 'relations' must be a list of objects with 'head', 'rel' and 'tail'")
    for e in ents:
        e.setdefault("aliases", [])
    return data


def load_gold(directory: str | Path) -> dict[str, Doc]:
    """Read every ``*.json`` gold file in ``directory``, keyed by its ``doc`` (text file name)."""
    root = Path(directory)
    if not root.is_dir():
        raise EvalError(f"gold directory not found: {root}")
    try:
        files = sorted(root.glob("*.json"))
    except OSError as exc:
        raise EvalError(f"cannot read gold directory {root}: {exc.strerror or exc}") from exc
    if not files:
        raise EvalError(f"no gold files (*.json) in {root}")
    out: dict[str, Doc] = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise EvalError(f"cannot read gold file {f}: {exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise EvalError(f"gold file {f} is not valid JSON: {exc.msg} (line {exc.lineno})") from exc
        doc = _check_doc(data, f)
        if doc["doc"] in out:
            raise EvalError(f"gold file {f}: document {doc['doc']!r} already has a gold file")
        out[doc["doc"]] = doc
    return out


def default_extractor(ner: str = "auto") -> Extractor:
    """The pipeline's extractor (``extract_file_json``), imported only when it runs (it loads models);
    ``ner`` picks the statistical layer ("rules": none, for an ablation)."""
    try:
        from kg.pipeline import extract_file_json
    except ImportError as exc:
        raise EvalError(f"the extraction pipeline is not available ({exc})") from exc
    return functools.partial(extract_file_json, ner=ner)


def evaluate_texts(
    gold_dir: str | Path,
    texts_dir: str | Path,
    extract: Extractor | None = None,
) -> Report:
    """Run ``extract`` on the text file named by each gold document and score the result."""
    gold = load_gold(gold_dir)
    texts_root = Path(texts_dir)
    if not texts_root.is_dir():
        raise EvalError(f"text directory not found: {texts_root}")
    paths: dict[str, Path] = {}
    for doc in gold:
        path = texts_root / doc
        if not path.is_file():
            raise EvalError(f"text file for gold document {doc!r} not found: {path}")
        paths[doc] = path
    run = extract or default_extractor()
    preds: dict[str, Doc] = {}
    texts: dict[str, str] = {}
    for doc, path in paths.items():
        try:
            texts[doc] = read_text(path)
        except OSError as exc:
            raise EvalError(f"cannot read text file {path}: {exc.strerror or exc}") from exc
        preds[doc] = run(path)
    return evaluate(gold, preds, texts)


# ---------------------------------------------------------------- table


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = []
    for r in [header, *rows]:
        cells = [pad(c, widths[i], right=i > 0) for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return out


def _row(label: str, c: Counts) -> list[str]:
    return [label, str(c.gold), str(c.predicted), str(c.tp), str(c.fp), str(c.fn),
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]


def format_table(report: Report, only: str | None = None) -> str:
    """Per-type, micro and per-document scores as aligned text (CJK-safe widths).

    With ``only`` (an entity or relation type) just that type's row and
    per-document counts are shown.
    """
    cols = ["gold", "pred", "TP", "FP", "FN", "P", "R", "F1"]
    lines: list[str] = []
    sections = [("Entities", "entities", report.entities, report.entity_total),
                ("Relations", "relations", report.relations, report.relation_total)]
    doc_header = ["Document"]
    shown: list[str] = []
    for title, attr, per_type, total in sections:
        if only and only not in per_type:
            continue
        shown.append(attr)
        rows = [_row(t, c) for t, c in per_type.items() if not only or t == only]
        if not only:
            rows.append(_row("micro", total))
        lines += _table([title, *cols], rows) + [""]
        doc_header += [f"{attr[:3]} TP/FP/FN", f"{attr[:3]} F1"]
    doc_rows = []
    for d in report.documents:
        row = [d.doc]
        for attr in shown:
            per_doc: dict[str, Counts] = getattr(d, attr)
            c = per_doc.get(only, Counts()) if only else sum(per_doc.values(), Counts())
            row += [f"{c.tp}/{c.fp}/{c.fn}", f"{c.f1:.3f}"]
        doc_rows.append(row)
    lines += _table(doc_header, doc_rows)
    if not only and report.facts is not None:
        lines += [""] + format_facts(report)
    dup = sum(d.duplicates for d in report.documents)
    ign = sum(d.ignored for d in report.documents)
    if dup or ign:
        lines += ["", f"not counted: {dup} duplicate prediction(s) of an already found entity, "
                      f"{ign} prediction(s) of optional gold entities"]
    return "\n".join(lines)


def format_facts(report: Report) -> list[str]:
    """The amounts / facts table, measure and date accuracy, and the article metadata table."""
    facts = report.facts
    if facts is None:
        return []
    cols = ["gold", "pred", "TP", "FP", "FN", "P", "R", "F1"]
    rows = [_row(level, report.fact_counts(level)) for level in ("amount", "fact")]
    lines = _table(["Facts", *cols], rows)
    lines.append(f"measure wording right in {facts.measure.right}/{facts.measure.total} matched facts "
                 f"({facts.measure.value:.3f}), date right in {facts.date.right}/{facts.date.total} "
                 f"({facts.date.value:.3f})")
    lines.append("")
    meta = [["date", str(facts.article_date.total), str(facts.article_date.right), f"{facts.article_date.value:.3f}",
             str(facts.article_date.extra)],
            ["outlet", str(facts.article_outlet.total), str(facts.article_outlet.right),
             f"{facts.article_outlet.value:.3f}", str(facts.article_outlet.extra)]]
    lines += _table(["Article", "gold", "right", "accuracy", "extra"], meta)
    return lines
