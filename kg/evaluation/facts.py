"""Scoring quantitative facts and article metadata against gold (``facts``, ``article``).

Two levels, per document (tests/gold/GUIDELINES.md, "Quantities and dates"):

* an **amount** is right when its value and unit equal those of a gold fact of the
  same document (one gold fact per prediction);
* a **fact** is right when, besides, its subject is the gold subject: the predicted
  subject's name or one of its aliases is the gold subject's name or alias.

Pairs are chosen so that as many facts as possible are right. Over the right facts,
the measure's wording is reported as accuracy (one wording contains the other, after
normalising) and so is the date (equal, or both absent). The article's date and
outlet are reported as accuracy over the documents whose gold gives one, with the
documents where one was predicted that the gold does not show.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

Doc = dict[str, Any]


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    extra: int = 0  # predicted where the gold gives none (article metadata)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.right + other.right, self.total + other.total, self.extra + other.extra)

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "extra": self.extra, "accuracy": round(self.value, 6)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Accuracy:
        return cls(int(data["right"]), int(data["total"]), int(data.get("extra", 0)))


@dataclass
class FactPair:
    """One predicted fact matched to a gold fact (``subject_ok``: right at the fact level too)."""

    gold: dict[str, Any]
    pred: dict[str, Any]
    subject_ok: bool


@dataclass
class FactScore:
    """One document's amounts, facts, measure and date accuracy, and article metadata."""

    amount_tp: int = 0
    fact_tp: int = 0
    gold: int = 0
    pred: int = 0
    measure: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    article_date: Accuracy = field(default_factory=Accuracy)
    article_outlet: Accuracy = field(default_factory=Accuracy)
    pairs: list[FactPair] = field(default_factory=list, repr=False, compare=False)
    missed: list[dict[str, Any]] = field(default_factory=list, repr=False, compare=False)
    spurious: list[dict[str, Any]] = field(default_factory=list, repr=False, compare=False)

    def counts(self, level: str) -> tuple[int, int, int]:
        """(tp, fp, fn) at the ``"amount"`` or ``"fact"`` level."""
        tp = self.amount_tp if level == "amount" else self.fact_tp
        return tp, self.pred - tp, self.gold - tp

    def __add__(self, other: FactScore) -> FactScore:
        return FactScore(self.amount_tp + other.amount_tp, self.fact_tp + other.fact_tp, self.gold + other.gold,
                         self.pred + other.pred, self.measure + other.measure, self.date + other.date,
                         self.article_date + other.article_date, self.article_outlet + other.article_outlet)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "pred": self.pred}
        for level in ("amount", "fact"):
            tp, fp, fn = self.counts(level)
            p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
            r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
            out[level] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 6), "recall": round(r, 6),
                          "f1": round(2 * p * r / (p + r), 6) if p + r else 0.0}
        out["measure_accuracy"] = self.measure.to_dict()
        out["date_accuracy"] = self.date.to_dict()
        out["article"] = {"date": self.article_date.to_dict(), "outlet": self.article_outlet.to_dict()}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FactScore:
        return cls(int(data["amount"]["tp"]), int(data["fact"]["tp"]), int(data["gold"]), int(data["pred"]),
                   Accuracy.from_dict(data["measure_accuracy"]), Accuracy.from_dict(data["date_accuracy"]),
                   Accuracy.from_dict(data["article"]["date"]), Accuracy.from_dict(data["article"]["outlet"]))


def has_facts(gold: Mapping[str, Any]) -> bool:
    """Whether a gold document annotates facts or article metadata at all."""
    return "facts" in gold or "article" in gold


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def score_facts(gold: Doc, pred: Doc, normalise: Any) -> FactScore:
    """Match one document's predicted facts and article metadata with its gold."""
    gold_facts = list(gold.get("facts") or [])
    pred_facts = list(pred.get("facts") or [])
    surfaces = _surfaces(gold.get("entities") or [], normalise)
    pred_surfaces = _surfaces(pred.get("entities") or [], normalise)

    def subject_ok(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
        gs, ps = normalise(str(g.get("subject", ""))), normalise(str(p.get("subject", "")))
        return bool(surfaces.get(gs, {gs}) & pred_surfaces.get(ps, {ps}))

    def same_amount(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
        gv, pv = _number(g.get("value")), _number(p.get("value"))
        return gv is not None and gv == pv and str(g.get("unit", "")) == str(p.get("unit", ""))

    score = FactScore(gold=len(gold_facts), pred=len(pred_facts))
    free_gold = set(range(len(gold_facts)))
    free_pred = set(range(len(pred_facts)))
    for want_subject in (True, False):
        for i in sorted(free_pred):
            j = next((j for j in sorted(free_gold) if same_amount(gold_facts[j], pred_facts[i])
                      and (not want_subject or subject_ok(gold_facts[j], pred_facts[i]))), None)
            if j is None:
                continue
            free_gold.discard(j)
            free_pred.discard(i)
            score.pairs.append(FactPair(gold_facts[j], pred_facts[i], want_subject))
    score.pairs.sort(key=lambda x: (str(x.gold.get("evidence", "")), str(x.gold.get("value"))))
    score.amount_tp = len(score.pairs)
    score.fact_tp = sum(1 for x in score.pairs if x.subject_ok)
    for x in score.pairs:
        if not x.subject_ok:
            continue
        gm, pm = normalise(str(x.gold.get("measure", ""))), normalise(str(x.pred.get("measure", "")))
        score.measure += Accuracy(int(bool(gm and pm and (gm in pm or pm in gm))), 1)
        score.date += Accuracy(int((x.gold.get("date") or None) == (x.pred.get("date") or None)), 1)
    score.missed = [gold_facts[j] for j in sorted(free_gold)]
    score.spurious = [pred_facts[i] for i in sorted(free_pred)]
    g_article, p_article = gold.get("article") or {}, pred.get("article") or {}
    score.article_date = _field(g_article.get("date"), p_article.get("date"))
    score.article_outlet = _field(g_article.get("outlet"), p_article.get("outlet"), normalise)
    return score


def _field(gold: Any, pred: Any, normalise: Any = str) -> Accuracy:
    if not gold:
        return Accuracy(0, 0, int(bool(pred)))
    return Accuracy(int(bool(pred) and normalise(str(gold)) == normalise(str(pred))), 1)


def _surfaces(entities: Iterable[Mapping[str, Any]], normalise: Any) -> dict[str, set[str]]:
    """Normalised name -> the normalised name and aliases of that entity."""
    out: dict[str, set[str]] = {}
    for e in entities:
        names = {normalise(str(x)) for x in [e.get("name", ""), *(e.get("aliases") or [])]} - {""}
        for n in names:
            out.setdefault(n, set()).update(names)
    return out
