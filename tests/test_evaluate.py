"""Scoring: matching rules, hand-computed numbers, table, JSON and the ``kg eval`` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import cli
from kg.evaluation import score as evaluate
from kg.evaluation.score import Counts, EvalError, Report, evaluate_texts, load_gold, normalise, score_document
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.textwidth import display_width

ROOT = Path(__file__).resolve().parent
FIX = ROOT / "fixtures" / "eval"
GOLD = ROOT / "gold"


def fake_extract(path: Path, ner: str = "auto") -> dict:
    """Stands in for kg.pipeline: returns the hand-made prediction for the text file."""
    return json.loads((FIX / "pred" / f"{Path(path).stem}.json").read_text(encoding="utf-8"))


def doc(entities: list[tuple], relations: list[tuple] = ()) -> dict:
    ents = []
    for e in entities:
        name, typ, *rest = e
        d = {"name": name, "type": typ, "aliases": list(rest[0]) if rest else []}
        if len(rest) > 1:
            d["optional"] = rest[1]
        ents.append(d)
    rels = [{"head": h, "rel": r, "tail": t, "evidence": ""} for h, r, t in relations]
    return {"doc": "x.txt", "entities": ents, "relations": rels}


def ents(score: evaluate.DocumentScore, typ: str) -> tuple[int, int, int]:
    c = score.entities[typ]
    return c.tp, c.fp, c.fn


def rels(score: evaluate.DocumentScore, rel: str) -> tuple[int, int, int]:
    c = score.relations[rel]
    return c.tp, c.fp, c.fn


@pytest.fixture
def report() -> Report:
    return evaluate_texts(FIX / "gold", FIX / "texts", extract=fake_extract)


# ------------------------------------------------------------ matching rules


def test_normalise_removes_typography():
    assert normalise("“争星晋位” 行动") == "争星晋位行动"
    assert normalise("《以产业链党建赋能产业高质量发展的意见（试行）》") == "以产业链党建赋能产业高质量发展的意见(试行)"
    assert normalise("红镰・永动") == normalise("红镰·永动")


def test_exact_match():
    s = score_document(doc([("山东省", "Place")]), doc([("山东省", "Place")]))
    assert ents(s, "Place") == (1, 0, 0)


def test_predicted_name_is_gold_alias():
    s = score_document(doc([("安丘市", "Place", ["安丘"])]), doc([("安丘", "Place")]))
    assert ents(s, "Place") == (1, 0, 0)


def test_predicted_alias_is_gold_name():
    s = score_document(doc([("潍坊市", "Place")]), doc([("潍坊", "Place", ["潍坊市"])]))
    assert ents(s, "Place") == (1, 0, 0)


def test_alias_to_alias_is_not_a_match():
    gold = doc([("红立方党群服务体系", "Programme", ["红立方"])])
    s = score_document(gold, doc([("红立方服务站", "Programme", ["红立方"])]))
    assert ents(s, "Programme") == (0, 1, 1)


def test_type_mismatch_is_fp_and_fn():
    s = score_document(doc([("萨丁重工集团", "Enterprise")]), doc([("萨丁重工集团", "Organisation")]))
    assert ents(s, "Enterprise") == (0, 0, 1)
    assert ents(s, "Organisation") == (0, 1, 0)


def test_duplicate_prediction_is_neither_tp_nor_fp():
    gold = doc([("安丘市", "Place", ["安丘"])])
    s = score_document(gold, doc([("安丘", "Place"), ("安丘市", "Place"), ("安丘市", "Place")]))
    assert ents(s, "Place") == (1, 0, 0)
    assert s.duplicates == 2
    assert s.match is not None and s.match.pred_status == ["duplicate", "tp", "duplicate"]


def test_exact_name_match_is_preferred_over_alias():
    gold = doc([("安丘市", "Place", ["安丘"])])
    s = score_document(gold, doc([("安丘", "Place"), ("安丘市", "Place")]))
    assert s.match.pred_status == ["duplicate", "tp"]


def test_optional_gold_is_neither_rewarded_nor_penalised():
    gold = doc([("绪言", "Person", [], True), ("合江县", "Place")],
               [("绪言", "memberOf", "合江县"), ("合江县", "leads", "绪言")])
    found = score_document(gold, doc([("绪言", "Person"), ("合江县", "Place")], [("绪言", "memberOf", "合江县")]))
    assert found.entity_total == Counts(1, 0, 0)
    assert found.relation_total == Counts(0, 0, 0)
    assert found.ignored == 1
    missed = score_document(gold, doc([("合江县", "Place")]))
    assert missed.entity_total == Counts(1, 0, 0)
    assert missed.relation_total == Counts(0, 0, 0)
    other_type = score_document(gold, doc([("绪言", "Organisation"), ("合江县", "Place")]))
    assert other_type.entity_total == Counts(1, 0, 0)


def test_relations_match_through_aliases_and_count_once():
    gold = doc([("安丘市", "Place", ["安丘"]), ("潍坊市", "Place")], [("安丘市", "locatedIn", "潍坊市")])
    pred = doc([("安丘", "Place"), ("潍坊", "Place", ["潍坊市"])],
               [("安丘", "locatedIn", "潍坊"), ("安丘市", "locatedIn", "潍坊市"), ("安丘", "locatedIn", "潍坊")])
    s = score_document(gold, pred)
    assert rels(s, "locatedIn") == (1, 0, 0)


def test_relation_endpoints_ignore_entity_type():
    gold = doc([("同济大学", "Organisation"), ("上海市", "Place")], [("同济大学", "locatedIn", "上海市")])
    pred = doc([("同济大学", "Enterprise")], [("同济大学", "locatedIn", "上海市")])
    s = score_document(gold, pred)
    assert rels(s, "locatedIn") == (1, 0, 0)
    assert s.entity_total == Counts(0, 1, 2)


def test_relation_rel_and_direction_must_agree():
    gold = doc([("甲党委", "PartyOrganisation"), ("甲公司", "Enterprise")], [("甲党委", "partyOrgOf", "甲公司")])
    pred = doc([("甲党委", "PartyOrganisation"), ("甲公司", "Enterprise")],
               [("甲公司", "partyOrgOf", "甲党委"), ("甲党委", "memberOf", "甲公司")])
    s = score_document(gold, pred)
    assert rels(s, "partyOrgOf") == (0, 1, 1)
    assert rels(s, "memberOf") == (0, 1, 0)


def test_counts_conventions():
    assert Counts(0, 0, 0).f1 == 1.0
    assert (Counts(0, 0, 3).precision, Counts(0, 0, 3).f1) == (0.0, 0.0)
    assert (Counts(0, 2, 0).recall, Counts(0, 2, 0).f1) == (0.0, 0.0)
    c = Counts(8, 4, 5)
    assert c.precision == pytest.approx(8 / 12)
    assert c.recall == pytest.approx(8 / 13)
    assert c.f1 == pytest.approx(16 / 25)


# ------------------------------------------------------------ hand-computed fixture numbers


def test_fixture_per_type_numbers(report: Report):
    demo = next(d for d in report.documents if d.doc == "demo.txt")
    assert ents(demo, "Place") == (3, 0, 1)
    assert ents(demo, "PartyOrganisation") == (1, 1, 1)
    assert ents(demo, "Enterprise") == (0, 0, 1)
    assert ents(demo, "Programme") == (3, 1, 0)
    assert ents(demo, "Person") == (0, 1, 1)
    assert ents(demo, "Organisation") == (1, 1, 1)
    assert demo.entity_total == Counts(8, 4, 5)
    assert demo.entity_total.f1 == pytest.approx(0.64)
    assert (demo.duplicates, demo.ignored) == (1, 1)

    assert rels(demo, "locatedIn") == (3, 0, 1)
    assert rels(demo, "implements") == (1, 2, 2)
    assert rels(demo, "partyOrgOf") == (0, 1, 1)
    assert rels(demo, "memberOf") == (0, 1, 1)
    assert rels(demo, "leads") == (0, 0, 1)
    assert demo.relation_total == Counts(4, 4, 6)


def test_fixture_micro_totals(report: Report):
    assert [d.doc for d in report.documents] == ["demo.txt", "tongji.txt"]
    assert report.entity_total == Counts(10, 4, 5)
    assert report.relation_total == Counts(5, 4, 6)
    assert report.entities["Place"] == Counts(4, 0, 1)
    assert report.entities["Organisation"] == Counts(2, 1, 1)
    assert report.relations["locatedIn"] == Counts(4, 0, 1)
    assert report.relation_total.precision == pytest.approx(5 / 9)
    assert report.relation_total.recall == pytest.approx(5 / 11)
    assert list(report.entities) == list(ENTITY_TYPES)
    assert list(report.relations) == list(RELATION_TYPES)


def test_gold_against_itself_is_perfect():
    gold = load_gold(GOLD)
    assert len(gold) == 5
    report = evaluate.evaluate(gold, gold)
    for counts in [*report.entities.values(), *report.relations.values(),
                   report.entity_total, report.relation_total]:
        assert counts.f1 == 1.0
    for d in report.documents:
        assert d.entity_total.f1 == 1.0 and d.relation_total.f1 == 1.0
    assert report.entity_total.tp > 300 and report.relation_total.tp > 200


def test_gold_scored_through_evaluate_texts():
    def extract(path: Path) -> dict:
        return json.loads((GOLD / f"{Path(path).stem}.json").read_text(encoding="utf-8"))

    report = evaluate_texts(GOLD, ROOT.parent / "seeds", extract=extract)
    assert report.entity_total.f1 == 1.0 and report.relation_total.f1 == 1.0


def test_missing_prediction_counts_as_empty():
    gold = {"x.txt": doc([("山东省", "Place")])}
    report = evaluate.evaluate(gold, {})
    assert report.entity_total == Counts(0, 0, 1)


# ------------------------------------------------------------ files and errors


def test_load_gold_keys_by_doc():
    gold = load_gold(FIX / "gold")
    assert set(gold) == {"demo.txt", "tongji.txt"}
    assert gold["demo.txt"]["entities"][0]["name"] == "山东省"


def test_load_gold_errors(tmp_path: Path):
    with pytest.raises(EvalError, match="not found"):
        load_gold(tmp_path / "nope")
    with pytest.raises(EvalError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text('{"entities": [{"name": "x"}]}', encoding="utf-8")
    with pytest.raises(EvalError, match="'name' and 'type'"):
        load_gold(tmp_path)


def test_missing_text_file_is_named(tmp_path: Path):
    (tmp_path / "demo.txt").write_text("山东省。", encoding="utf-8")
    with pytest.raises(EvalError, match="tongji.txt"):
        evaluate_texts(FIX / "gold", tmp_path, extract=fake_extract)


def test_gb18030_text_is_read(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes("合江县民政局。".encode("gb18030"))
    assert evaluate.read_text(tmp_path / "a.txt") == "合江县民政局。"


# ------------------------------------------------------------ output


def test_json_round_trip(report: Report):
    data = json.loads(report.to_json())
    assert data["entity_total"] == {"tp": 10, "fp": 4, "fn": 5, "precision": round(10 / 14, 6),
                                    "recall": round(10 / 15, 6), "f1": round(20 / 29, 6)}
    again = Report.from_dict(data)
    assert again == report
    assert again.to_dict() == report.to_dict()


def test_table_aligns_chinese_names():
    gold = {"合江县.txt": doc([("合江县", "Place")]), "b.txt": doc([("山东省", "Place")])}
    pred = {"合江县.txt": doc([("合江县", "Place")]), "b.txt": doc([("山东", "Place")])}
    table = evaluate.evaluate(gold, pred).format_table()
    doc_lines = table.split("Document", 1)[1].splitlines()
    rows = [line for line in doc_lines if line.startswith(("合江县.txt", "b.txt"))]
    assert len(rows) == 2
    b_row, hj_row = rows if rows[0].startswith("b.txt") else rows[::-1]
    assert display_width(b_row) == display_width(hj_row)
    right_edge = [display_width(r[: r.index(cell) + len(cell)]) for r, cell in
                  ((b_row, "0/1/1"), (hj_row, "1/0/0"))]
    assert right_edge[0] == right_edge[1]


def test_table_has_all_rows(report: Report):
    table = report.format_table()
    for label in [*ENTITY_TYPES, *RELATION_TYPES, "micro", "demo.txt", "tongji.txt"]:
        assert label in table
    only = report.format_table("Person")
    assert "Person" in only and "Place" not in only and "Relations" not in only


def test_display_width():
    assert display_width("abc") == 3
    assert display_width("合江县") == 6
    assert display_width("（试行）") == 8
    assert display_width("e\u0301") == 1  # a combining mark takes no column (kg query counted so, kg eval did not)


# ------------------------------------------------------------ command


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "default_extractor", lambda ner="auto": fake_extract)


def test_cli_eval_table(fake_pipeline, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["eval", str(FIX / "gold"), "--texts", str(FIX / "texts")]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "demo.txt" in out
    assert "Entity errors" not in out


def test_cli_eval_json_with_errors(fake_pipeline, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["eval", str(FIX / "gold"), "--texts", str(FIX / "texts"), "--json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entity_total"]["tp"] == 10
    assert {e["cause"] for e in data["errors"]} >= {"wrong-type", "reversed", "missed-alias-merge"}


def test_cli_eval_errors_and_type(fake_pipeline, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["eval", str(FIX / "gold"), "--texts", str(FIX / "texts"), "--errors", "--type", "Person"]) == 0
    out = capsys.readouterr().out
    assert "boundary-too-short" in out and "Place" not in out and "locatedIn" not in out


def test_cli_eval_bad_gold_dir(fake_pipeline, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["eval", str(tmp_path / "missing"), "--texts", str(FIX / "texts")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg eval:") and "missing" in err and "\n" not in err


def test_cli_eval_unknown_type(fake_pipeline, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["eval", str(FIX / "gold"), "--texts", str(FIX / "texts"), "--type", "Nope"]) == 2
    assert "unknown type" in capsys.readouterr().err


def test_cli_eval_without_pipeline(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    import sys

    monkeypatch.setitem(sys.modules, "kg.pipeline", None)  # importing it now raises ImportError
    assert cli.main(["eval", str(FIX / "gold"), "--texts", str(FIX / "texts")]) == 2
    assert "pipeline is not available" in capsys.readouterr().err
    assert cli.main(["extract", str(FIX / "texts" / "tongji.txt")]) == 2
    assert capsys.readouterr().err.startswith("kg extract: the extraction pipeline is not available")


def test_cli_extract(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    import sys
    import types

    pipeline = types.ModuleType("kg.pipeline")
    pipeline.extract_file_json = fake_extract
    monkeypatch.setitem(sys.modules, "kg.pipeline", pipeline)
    text = str(FIX / "texts" / "tongji.txt")
    assert cli.main(["extract", text, "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data == fake_extract(Path(text))
    assert list(data) == ["doc", "entities", "relations"]
    assert list(data["entities"][0]) == ["name", "type", "aliases", "rule"]
    assert "同济大学" in out
    assert cli.main(["extract", text]) == 0
    summary = capsys.readouterr().out
    assert "2 entities, 1 relations" in summary and "同济大学 → 上海" in summary
    assert cli.main(["extract", str(FIX / "nope.txt")]) == 2


def test_optional_alias_does_not_hide_a_true_positive():
    gold = doc([("合江县", "Place"), ("合江", "Person", [], True)])
    s = score_document(gold, doc([("合江县", "Place", ["合江"])]))
    assert s.entity_total == Counts(1, 0, 0) and s.ignored == 0
