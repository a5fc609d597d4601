"""Arbitrary Unicode through cleaning, segmentation, recognition, extraction and IRI minting:
nothing crashes, every IRI is valid, and the Turtle of whatever comes out always parses."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from kg.executors import get_nlp
from kg.exporters.turtle import serialize
from kg.extract.article import extract_article
from kg.extract.lexicon import Lexicon
from kg.extract.recognize import Recognizer
from kg.extract.segment import words
from kg.gazetteer import Gazetteer
from kg.graph import build_graph
from kg.ingest import IngestError, clean_text, decode_bytes, read_file
from kg.ingest.simplify import simplified
from kg.iri import article_iri, entity_iri, statement_iri
from kg.model import (
    ENTITY_TYPES,
    METHOD_GAZETTEER,
    METHOD_NAME,
    METHOD_TEXT,
    RELATION_TYPES,
    Article,
    Edge,
    KnowledgeBase,
    Node,
    Provenance,
)
from kg.resolve import resolve

FUZZ = settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces the rules react to, so random text often looks like a name, a post, a quote or a chain.
FRAGMENTS = [
    "山东省", "济宁市", "任城区", "古槐街道", "吉祥社区", "党支部", "党委", "党工委", "有限公司", "集团", "合作社",
    "工程", "行动", "机制", "平台", "驿站", "书记", "副书记", "负责人", "介绍", "表示", "记者", "张三", "李四",
    "“", "”", "「", "」", "《", "》", "（", "）", "(", ")", "以下简称", "该村", "该社区", "推行", "实施", "打造",
    "成员", "联盟", "位于", "。", "，", "、", "；", "：", "\n", "\r\n", "\r", "\n\n", " ", "\u3000", "\t", "\x00",
    "\ufeff", "濟寧市", "黨支部", "書記", "張三", "社區", "紅色", "<p>", "</p>", "<script>", "&amp;", "#", "■",
    "0", "12", "、", "…", "——", "\u200b", "\u2028", "\U0001F600", "ｱ", "A", "z",
]
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARS, max_size=4)), max_size=40).map("".join)
NAME = st.one_of(TEXT, st.text(CHARS, min_size=1, max_size=12))

_RECOGNIZER: list[Recognizer] = []


def recognizer() -> Recognizer:
    if not _RECOGNIZER:
        _RECOGNIZER.append(Recognizer(Lexicon.load(), Gazetteer.default()))
    return _RECOGNIZER[0]


def assert_valid_iri(iri: str) -> None:
    assert iri.isascii(), iri
    assert not re.search(r"[\x00-\x20<>\"{}|\\^`]", iri), iri
    ox.NamedNode(iri)  # raises on an invalid IRI


def assert_turtle_parses(graph: Graph) -> None:
    data = serialize(graph)
    again = Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert set(again) == set(graph)
    assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) == len(graph)


@FUZZ
@given(TEXT)
def test_clean_text(text):
    cleaned, offsets = clean_text(text)
    assert len(cleaned) == len(offsets)
    assert all(0 <= o < len(text) for o in offsets)


@FUZZ
@given(st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8")),
                 TEXT.map(lambda t: t.encode("gb18030", "replace")), TEXT.map(lambda t: t.encode("utf-16"))))
def test_read_any_bytes(data):
    try:
        decode_bytes(data)
    except IngestError as exc:
        assert exc.reason and "\n" not in exc.reason
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(data)
        try:
            articles = read_file(path)
        except IngestError as exc:
            assert "\n" not in exc.reason and str(path) in str(exc)
        else:
            for a in articles:
                assert len(a.offsets) == len(a.text)
                assert a.match_text is None or len(a.match_text) == len(a.text)


@FUZZ
@given(TEXT)
def test_segmentation_keeps_every_character(text):
    assert "".join(w for w, _ in words(text)) == text


@FUZZ
@given(TEXT, st.lists(st.sampled_from(["张三", "李四", "張三", "", "记者"]), max_size=2))
def test_recognition(text, byline):
    for c in recognizer().recognise(text, byline):
        assert 0 <= c.start < c.end <= len(text)
        assert c.type in ENTITY_TYPES
        assert isinstance(c.name, str)


@settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 2))
@given(TEXT, st.booleans())
def test_extract_resolve_and_graph(text, title):
    article = Article("fuzz", "fuzz.txt", 0, text, list(range(len(text))), "utf-8",
                      title=text.split("\n", 1)[0] if title else None, byline=["张三"],
                      match_text=simplified(text))
    ex = extract_article(get_nlp(), article)
    for e in ex.entities:
        assert e.type in ENTITY_TYPES
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text == text[m.start:m.end]  # as written, even when matched on a simplified copy
    for r in ex.relations:
        assert r.rel in RELATION_TYPES
        assert r.evidence == "" or r.evidence in text
    for s in ex.sentences:
        assert s in text
    graph = build_graph(resolve([ex]))
    for term in {x for triple in graph for x in triple}:
        if isinstance(term, URIRef):
            assert_valid_iri(str(term))
    assert_turtle_parses(graph)


@FUZZ
@given(st.sampled_from(ENTITY_TYPES), st.text(CHARS, max_size=30), st.one_of(st.none(), st.text(CHARS, max_size=14)))
def test_entity_iri_is_always_valid(type_, name, code):
    assert_valid_iri(str(entity_iri(type_, name, code)))
    assert_valid_iri(str(article_iri(name)))
    assert_valid_iri(str(statement_iri(entity_iri(type_, name), "p", "o", "d", None, name)))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ENTITY_TYPES), NAME, st.lists(NAME, max_size=2)), min_size=1, max_size=6,
                unique_by=lambda t: (t[0], t[1])),
       st.lists(st.tuples(st.integers(0, 5), st.sampled_from(RELATION_TYPES), st.integers(0, 5),
                          st.sampled_from([METHOD_TEXT, METHOD_NAME, METHOD_GAZETTEER]), TEXT), max_size=6),
       NAME, NAME)
def test_turtle_of_fuzzed_names_parses(entities, relations, title, source):
    kb = KnowledgeBase()
    article = Article(title, source, 0, title, [], "utf-8", title=title, byline=[])
    kb.articles[article.id] = article
    keys = []
    for type_, name, aliases in entities:
        key = f"{type_}:{name}"
        keys.append(key)
        kb.nodes[key] = Node(key, name, type_, set(aliases), {article.id})
    for h, rel, t, method, evidence in relations:
        head, tail = keys[h % len(keys)], keys[t % len(keys)]
        prov = Provenance(method, None if method == METHOD_GAZETTEER else article.id, evidence or None)
        kb.edges.setdefault((head, rel, tail), Edge(head, rel, tail)).provenance.append(prov)
    graph = build_graph(kb)
    for term in {x for triple in graph for x in triple}:
        if isinstance(term, URIRef):
            assert_valid_iri(str(term))
    assert_turtle_parses(graph)
