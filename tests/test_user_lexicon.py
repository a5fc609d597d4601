"""A user's lexicon folder layered over the packaged lexicons: ``kg build --lexicon DIR`` / ``KG_LEXICON_DIR``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg import resources, user_lexicon
from kg.cli import main
from kg.executors import get_nlp, run_extraction
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Recognizer
from kg.gazetteer import Gazetteer
from kg.ingest import read_file
from kg.pipeline import build, extract_file_json
from kg.user_lexicon import LexiconError, UserLexicon

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
(SEED_002,) = SEEDS.glob("002_*.txt")  # writes 学习强国, which no rule can see as a programme


def folder(tmp_path: Path, **files: str) -> Path:
    """A lexicon folder; keyword names stand for file names (known_names_tsv -> known_names.tsv)."""
    lex = tmp_path / "lexicon"
    lex.mkdir(exist_ok=True)
    for name, text in files.items():
        (lex / name.replace("_tsv", ".tsv").replace("_txt", ".txt").replace("_jsonl", ".jsonl")
         .replace("_json", ".json")).write_text(text, encoding="utf-8")
    return lex


@pytest.fixture(autouse=True)
def _packaged_layer_after():
    yield
    user_lexicon.activate(None)


# ---- layering, file kind by kind ------------------------------------------------------------

def test_lines_are_added_and_removed(tmp_path: Path) -> None:
    lex = UserLexicon.from_dir(folder(tmp_path, stopwords_txt="# mine\n某词\n-在\n"))
    words = lex.text("stopwords.txt").splitlines()
    assert "某词" in words and "在" not in words and "于" in words


def test_table_rows_override_add_and_remove_by_key(tmp_path: Path) -> None:
    lex = UserLexicon.from_dir(folder(tmp_path, roles_tsv="书记\tmemberOf\n站长\tleads\n-副书记\n",
                                      membership_tsv="verb\t囊括\n-verb\t吸纳\n"))
    roles = dict(line.split("\t") for line in lex.text("roles.tsv").splitlines())
    assert roles["书记"] == "memberOf" and roles["站长"] == "leads" and "副书记" not in roles
    membership = lex.text("membership.tsv").splitlines()
    # membership.tsv is keyed by both columns: one verb added, one removed, the others kept
    assert "verb\t囊括" in membership and "verb\t吸纳" not in membership and "verb\t链接" in membership


def test_markers_classes_are_replaced_one_by_one(tmp_path: Path) -> None:
    lex = UserLexicon.from_dir(folder(tmp_path, markers_json=json.dumps(
        {"chars": {"measure_words": {"chars": "个"}}}, ensure_ascii=False)))
    merged = json.loads(lex.text("markers.json"))
    assert merged["chars"]["measure_words"]["chars"] == "个"
    packaged = json.loads(user_lexicon.packaged_text("markers.json"))
    assert merged["chars"]["hard_stops"] == packaged["chars"]["hard_stops"]


def test_relation_patterns_replace_add_and_remove_by_id(tmp_path: Path) -> None:
    packaged = [json.loads(x) for x in user_lexicon.packaged_text("relation_patterns.jsonl").splitlines() if x]
    mine = {**packaged[0], "between": "^成员$"}
    new = {**packaged[0], "id": "my-pattern"}
    lines = [json.dumps(mine), json.dumps(new), json.dumps({"id": packaged[1]["id"], "remove": True})]
    lex = UserLexicon.from_dir(folder(tmp_path, relation_patterns_jsonl="\n".join(lines) + "\n"))
    layered = [json.loads(x) for x in lex.text("relation_patterns.jsonl").splitlines()]
    ids = [p["id"] for p in layered]
    assert ids[0] == packaged[0]["id"] and layered[0]["between"] == "^成员$"
    assert ids[-1] == "my-pattern" and packaged[1]["id"] not in ids and len(ids) == len(packaged)
    # the relation component of the pipeline with this lexicon reads them
    nlp = get_nlp("blank", "rules", lex)
    assert [p.id for p in nlp.get_pipe("kg_relations").vocab.patterns] == ids
    plain = get_nlp("blank", "rules")  # the packaged pipeline, and its patterns
    assert "my-pattern" not in [p.id for p in plain.get_pipe("kg_relations").vocab.patterns]


def test_direct_readers_see_the_active_layer(tmp_path: Path) -> None:
    lex = UserLexicon.from_dir(folder(tmp_path, place_short_stop_txt="某某\n"))
    user_lexicon.activate(lex)
    assert "某某" in resources.read_lines("lexicons/place_short_stop.txt")
    user_lexicon.activate(None)
    assert "某某" not in resources.read_lines("lexicons/place_short_stop.txt")


# ---- what is refused ------------------------------------------------------------------------

def test_unknown_file_missing_folder_and_bad_rows_are_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(LexiconError, match="stopword.txt: no packaged lexicon has this name"):
        UserLexicon.from_dir(folder(tmp_path, stopword_txt="x\n"))
    with pytest.raises(LexiconError, match="does not exist"):
        UserLexicon.from_dir(tmp_path / "nowhere")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "known_names.tsv").write_text("某某公司\tCompany\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not an entity type"):
        Lexicon.load(bad)
    (bad / "known_names.tsv").write_text("只有名字\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="tab-separated"):
        UserLexicon.from_dir(bad)
    assert main(["build", str(SEED_002), "--out", str(tmp_path / "o"), "--lexicon", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg build: lexicon folder ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


# ---- known names ----------------------------------------------------------------------------

def test_a_known_name_is_found_wherever_it_is_written(tmp_path: Path) -> None:
    lex = Lexicon.load(folder(tmp_path, known_names_tsv="学习强国\tProgramme\n星火科技\tEnterprise\n"))
    found = Recognizer(lex, Gazetteer.default()).recognise("星火科技员工用学习强国学习。星火科技还……")
    assert [(c.name, c.type, c.rule) for c in found if c.rule == "known-name"] == [
        ("星火科技", "Enterprise", "known-name"), ("学习强国", "Programme", "known-name"),
        ("星火科技", "Enterprise", "known-name")]
    assert Lexicon.load().known_names == {}  # the packaged file is empty


def test_name_patterns_find_a_fixed_shape_and_bad_rows_are_refused(tmp_path: Path) -> None:
    lex = Lexicon.load(folder(tmp_path, name_patterns_tsv="星火[一二三]号\tProgramme\n"))
    found = Recognizer(lex, Gazetteer.default()).recognise("我们推进星火二号,又启动星火三号。")
    assert [(c.name, c.type) for c in found if c.rule == "name-pattern"] == [
        ("星火二号", "Programme"), ("星火三号", "Programme")]
    with pytest.raises(LexiconError, match="name_patterns.tsv: 星火.*not a regular expression"):
        Lexicon.load(folder(tmp_path, name_patterns_tsv="星火[一二三\tProgramme\n"))
    with pytest.raises(LexiconError, match="name_patterns.tsv: 星火.*not an entity type"):
        Lexicon.load(folder(tmp_path, name_patterns_tsv="星火\tProject\n"))


def test_kg_extract_finds_a_known_name_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    before = {(e["type"], e["name"]) for e in extract_file_json(SEED_002, model="blank")["entities"]}
    assert ("Programme", "学习强国") not in before
    monkeypatch.setenv(user_lexicon.ENV, str(folder(tmp_path, known_names_tsv="学习强国\tProgramme\n")))
    after = {(e["type"], e["name"]) for e in extract_file_json(SEED_002, model="blank")["entities"]}
    assert after - before == {("Programme", "学习强国")}


def test_a_changed_lexicon_re_extracts(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEED_002, corpus)
    lex = folder(tmp_path, known_names_tsv="# none yet\n")
    out = tmp_path / "out"

    def run() -> tuple[int, bool]:
        result = build(corpus, out, lexicon=lex, validate=False, model="blank")
        assert result.cache is not None and "lexicon: " in result.model
        return result.cache.extracted, any(n.name == "学习强国" for n in result.kb.nodes.values())

    assert run() == (1, False)
    assert run() == (0, False)  # unchanged: from the cache
    (lex / "known_names.tsv").write_text("学习强国\tProgramme\n", encoding="utf-8")
    assert run() == (1, True)
    assert run() == (0, True)


def test_pool_workers_layer_the_same_lexicon(tmp_path: Path) -> None:
    lex = UserLexicon.from_dir(folder(tmp_path, known_names_tsv="学习强国\tProgramme\n"))
    articles = read_file(SEED_002) * 2
    one = run_extraction(articles, "blank", jobs=1, lexicon=lex)
    two = run_extraction(articles, "blank", jobs=2, lexicon=lex)
    assert [sorted((e.type, e.name) for e in x.entities) for x in two] == \
        [sorted((e.type, e.name) for e in x.entities) for x in one]
    assert any(e.name == "学习强国" for e in two[1].entities)
