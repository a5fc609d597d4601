"""Error analysis: every cause at least once, sentences, grouping and JSON records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluation.error_analysis import (
    ENTITY_CAUSES,
    RELATION_CAUSES,
    ErrorRecord,
    analyse,
    analyse_document,
    find_sentence,
    format_errors,
    split_sentences,
)
from kg.evaluation.score import Report, evaluate, evaluate_texts, score_document

FIX = Path(__file__).resolve().parent / "fixtures" / "eval"


def fake_extract(path: Path) -> dict:
    return json.loads((FIX / "pred" / f"{Path(path).stem}.json").read_text(encoding="utf-8"))


@pytest.fixture
def records() -> list[ErrorRecord]:
    return analyse(evaluate_texts(FIX / "gold", FIX / "texts", extract=fake_extract))


def find(records: list[ErrorRecord], error: str, **fields: str) -> ErrorRecord:
    hits = [r for r in records if r.error == error and all(getattr(r, k) == v for k, v in fields.items())]
    assert len(hits) == 1, (error, fields, hits)
    return hits[0]


def test_every_cause_appears(records: list[ErrorRecord]):
    assert {r.cause for r in records if r.kind == "entity"} == set(ENTITY_CAUSES)
    assert {r.cause for r in records if r.kind == "relation"} == set(RELATION_CAUSES)


def test_counts_match_the_scores(records: list[ErrorRecord]):
    report = evaluate_texts(FIX / "gold", FIX / "texts", extract=fake_extract)
    ent = [r for r in records if r.kind == "entity"]
    rel = [r for r in records if r.kind == "relation"]
    assert sum(r.error == "FP" for r in ent) == report.entity_total.fp
    assert sum(r.error == "FN" for r in ent) == report.entity_total.fn
    assert sum(r.error == "duplicate" for r in ent) == 1
    assert sum(r.error == "FP" for r in rel) == report.relation_total.fp
    assert sum(r.error == "FN" for r in rel) == report.relation_total.fn


def test_entity_causes(records: list[ErrorRecord]):
    assert find(records, "FN", name="萨丁重工集团党支部").cause == "boundary-too-long"
    too_long = find(records, "FP", name="萨丁重工集团党支部书记")
    assert (too_long.cause, too_long.related) == ("boundary-too-long", "萨丁重工集团党支部")
    assert find(records, "FN", name="张三").cause == "boundary-too-short"
    assert find(records, "FP", name="张").cause == "boundary-too-short"
    assert find(records, "FN", name="萨丁重工集团").cause == "wrong-type"
    wrong = find(records, "FP", name="萨丁重工集团")
    assert (wrong.cause, wrong.type) == ("wrong-type", "Organisation")
    dup = find(records, "duplicate", name="安丘")
    assert (dup.cause, dup.related) == ("missed-alias-merge", "安丘市")
    assert find(records, "FN", name="合江县").cause == "missing"
    assert find(records, "FN", name="红旗先锋队").cause == "missing"
    assert find(records, "FP", name="红色大本营").cause == "spurious"


def test_optional_and_matched_entities_are_not_errors(records: list[ErrorRecord]):
    names = {r.name for r in records}
    assert "绪言" not in names and "山东省" not in names and "潍坊" not in names
    assert not any("绪言" in (r.head, r.tail) for r in records)


def test_relation_causes(records: list[ErrorRecord]):
    assert find(records, "FN", head="安丘市委组织部", rel="implements", tail="争星晋位行动").cause == "reversed"
    assert find(records, "FP", head="争星晋位", rel="implements", tail="安丘市委组织部").cause == "reversed"
    assert find(records, "FN", head="萨丁重工集团", rel="implements").cause == "wrong-rel"
    assert find(records, "FP", head="萨丁重工集团", rel="memberOf").cause == "wrong-rel"
    missing = find(records, "FN", head="张三", rel="leads")
    assert missing.cause == "missing-entity" and "张三" in missing.related
    assert find(records, "FN", head="红旗先锋队").cause == "missing-entity"
    assert find(records, "FN", head="安丘市委组织部", rel="locatedIn").cause == "missing-relation"
    assert find(records, "FP", head="萨丁重工集团党支部书记").cause == "spurious-relation"
    assert find(records, "FP", tail="红色大本营").cause == "spurious-relation"


def test_relation_errors_say_whether_their_entities_were_found(records: list[ErrorRecord]):
    missing = find(records, "FN", head="张三", rel="leads")
    assert (missing.head_found, missing.tail_found) == (False, False)
    rule = find(records, "FN", head="安丘市委组织部", rel="locatedIn")
    assert (rule.head_found, rule.tail_found) == (True, True)
    spurious = find(records, "FP", tail="红色大本营")
    assert spurious.tail_found is False
    text = format_errors(records)
    assert "[head missing · tail missing]" in text and "[head found · tail found]" in text
    assert "tail not in gold]" in text
    assert all(r.head_found is None for r in records if r.kind == "entity")


def test_sentences(records: list[ErrorRecord]):
    # FN entity: first sentence of the text with the name (OCR space removed from the fixture text).
    assert find(records, "FN", name="合江县").sentence == "合江县民政局联合红旗先锋队开展活动"
    # FP entity: the prediction's own evidence, then its first mention's sentence.
    assert find(records, "FP", name="萨丁重工集团党支部书记").sentence == "萨丁重工集团党支部书记张三介绍"
    assert find(records, "FP", name="红色大本营").sentence == "成为服务党员的“红色大本营”"
    # FP entity without evidence: searched in the text.
    assert find(records, "FP", name="张").sentence.startswith("萨丁重工集团党支部书记张三介绍")
    # FN relation: the gold evidence.
    assert find(records, "FN", head="红旗先锋队").sentence == "红旗先锋队是合江县民政局的成员单位"
    # FP relation without evidence: a sentence naming both ends, through typography.
    assert find(records, "FP", head="萨丁重工集团", rel="memberOf").sentence.endswith("“红镰·永动”党建品牌")


def test_split_sentences_removes_ocr_spaces():
    text = "同济大学 位于 上海市。合江县 民政局;第二句！Word  word\n第三句？"
    assert split_sentences(text) == ["同济大学位于上海市", "合江县民政局", "第二句", "Word  word", "第三句"]


def test_find_sentence_prefers_name_then_alias():
    sents = ["推行“争星晋位”行动", "争星晋位行动成效明显"]
    assert find_sentence(sents, ["争星晋位行动", "争星晋位"]) == "推行“争星晋位”行动"
    assert find_sentence(["开展争星晋位", "无关"], ["争星晋位行动", "争星晋位"]) == "开展争星晋位"
    assert find_sentence(["无关"], ["争星晋位"]) is None


def test_mention_sentence_by_index():
    gold = {"doc": "x.txt", "entities": [], "relations": []}
    pred = {"doc": "x.txt", "sentences": ["零", "第一句"],
            "entities": [{"name": "甲", "type": "Place", "aliases": [], "mentions": [{"sentence": 1}]}],
            "relations": []}
    (rec,) = analyse_document("x.txt", score_document(gold, pred).match)
    assert (rec.error, rec.cause, rec.sentence) == ("FP", "spurious", "第一句")


def test_two_predictions_of_one_gold_entity_via_alias():
    gold = {"doc": "x.txt", "relations": [],
            "entities": [{"name": "争星晋位行动", "type": "Programme", "aliases": ["争星晋位"]}]}
    pred = {"doc": "x.txt", "relations": [],
            "entities": [{"name": "争星晋位行动", "type": "Programme", "aliases": []},
                         {"name": "争星晋位", "type": "Programme", "aliases": []}]}
    (rec,) = analyse_document("x.txt", score_document(gold, pred).match, "开展“争星晋位”行动。")
    assert (rec.error, rec.cause, rec.related, rec.sentence) == (
        "duplicate", "missed-alias-merge", "争星晋位行动", "开展“争星晋位”行动")


def test_filter_by_type(records: list[ErrorRecord]):
    report = evaluate_texts(FIX / "gold", FIX / "texts", extract=fake_extract)
    only = analyse(report, "implements")
    assert only and all(r.type == "implements" and r.kind == "relation" for r in only)


def test_report_from_json_cannot_be_analysed():
    report = evaluate_texts(FIX / "gold", FIX / "texts", extract=fake_extract)
    with pytest.raises(ValueError, match="freshly scored"):
        analyse(Report.from_dict(report.to_dict()))


def test_json_records(records: list[ErrorRecord]):
    data = json.loads(json.dumps([r.to_dict() for r in records], ensure_ascii=False))
    ent = next(d for d in data if d["kind"] == "entity")
    rel = next(d for d in data if d["kind"] == "relation")
    assert set(ent) == {"doc", "kind", "error", "cause", "type", "name", "related", "sentence"}
    assert set(rel) == {"doc", "kind", "error", "cause", "type", "head", "rel", "tail", "related", "sentence",
                        "head_found", "tail_found"}


def test_text_report(records: list[ErrorRecord]):
    text = format_errors(records)
    assert text.index("== Entity errors: 10") < text.index("-- Place (2) --") < text.index("== Relation errors: 10")
    assert "boundary-too-long 2" in text and "reversed 2" in text
    assert "  missing (1)" in text
    assert "FN  张三 —leads→ 萨丁重工集团党支部  [demo.txt]  (not found: 张三, 萨丁重工集团党支部)" in text
    assert "「合江县民政局联合红旗先锋队开展活动」" in text
    assert format_errors([]) == "No errors."


def test_perfect_prediction_has_no_errors():
    gold = json.loads((FIX / "gold" / "tongji.json").read_text(encoding="utf-8"))
    report = evaluate({"tongji.txt": gold}, {"tongji.txt": gold})
    assert analyse(report) == []


def test_long_sentences_are_clipped_in_text_only():
    from kg.evaluation.error_analysis import clip

    sentence = "甲" * 100 + "合江县" + "乙" * 100
    short = clip(sentence, "合江县")
    assert "合江县" in short and short.startswith("…") and short.endswith("…")
    assert len(short) == 82
    assert clip(sentence, "不在其中").startswith("甲") and clip("短句", "x") == "短句"
    rec = ErrorRecord("x.txt", "entity", "FN", "missing", "Place", name="合江县", sentence=sentence)
    assert "合江县" in format_errors([rec]) and rec.to_dict()["sentence"] == sentence
