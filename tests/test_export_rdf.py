"""N-Triples, N-Quads, TriG and JSON-LD exports: lossless, per-article graphs, deterministic."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from kg import exporters
from kg.cli import main
from kg.exporters._dataset import article_graphs
from kg.vocab import KG, KGR

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
AWKWARD = ['“红星”机械厂, 有限公司', '红星\n机械', '党建\\联盟', 'Hongxing "Red Star" Co., Ltd.', '"双轮\\驱动"机制']


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


def shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    g = Graph()
    for t in triples:
        g.add(t)
    return g


@pytest.mark.parametrize("fmt", ["ntriples", "nquads", "trig", "jsonld", "graphml", "cypher", "neo4j"])
def test_exports_are_deterministic(graph: Graph, fmt: str, tmp_path: Path) -> None:
    suffix = exporters.get(fmt).SUFFIX
    a = exporters.export(shuffled(graph, 1), fmt, tmp_path / "a" / f"g{suffix}")
    b = exporters.export(shuffled(graph, 2), fmt, tmp_path / "b" / f"g{suffix}")
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_ntriples_round_trip(graph: Graph, tmp_path: Path) -> None:
    (out,) = exporters.export(graph, "ntriples", tmp_path / "g.nt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)
    back = Graph().parse(out, format="nt")
    assert isomorphic(back, graph)
    for name in AWKWARD:
        assert any(o == Literal(name, lang="zh") for o in back.objects())


def test_article_graphs_partition(graph: Graph) -> None:
    default, named = article_graphs(graph)
    articles = set(graph.subjects(RDF.type, KG.Article))
    assert set(named) == articles
    union = set(default).union(*map(set, named.values()))
    assert union == set(graph)
    a1 = set(named[KGR["article/A1"]])
    # a statement, the fact it reifies and the mentions travel together with their article
    st = KGR["statement/s17"]
    assert (st, PROV.wasDerivedFrom, KGR["article/A1"]) in a1
    assert (KGR["enterprise/hongxing"], KG.memberOf, KGR["party-org/jining-alliance"]) in a1
    assert (KGR["enterprise/hongxing"], KG.mentionedIn, KGR["article/A1"]) in a1
    # the same fact from two articles sits in both graphs; gazetteer facts stay in the default graph
    fact = (KGR["place/370811"], KG.locatedIn, KGR["place/370800"])
    assert fact in a1 and fact in set(named[KGR["article/A3"]])
    assert (KGR["place/370800"], KG.locatedIn, KGR["place/370000"]) in set(default)
    assert (KGR["place/370800"], RDF.type, KG.Place) in set(default)


@pytest.mark.parametrize("fmt,rdflib_format,ox_format", [
    ("nquads", "nquads", ox.RdfFormat.N_QUADS),
    ("trig", "trig", ox.RdfFormat.TRIG),
])
def test_dataset_formats_keep_one_graph_per_article(graph: Graph, tmp_path: Path, fmt: str, rdflib_format: str,
                                                   ox_format: ox.RdfFormat) -> None:
    (out,) = exporters.export(graph, fmt, tmp_path / f"g.{fmt}")
    quads = list(ox.parse(path=str(out), format=ox_format))
    names = {str(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert names == {f"<{KGR}article/A{i}>" for i in (1, 2, 3)}
    assert len(quads) == len(graph) + 1  # the fact stated in two articles
    ds = Dataset()
    ds.parse(out, format=rdflib_format)
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, graph)
    a2 = ds.graph(URIRef(f"{KGR}article/A2"))
    assert (URIRef(f"{KGR}person/ma"), KG.leads, URIRef(f"{KGR}party-org/hengan")) in a2


def test_jsonld_with_context_file(graph: Graph, tmp_path: Path) -> None:
    out, ctx = exporters.export(graph, "jsonld", tmp_path / "g.jsonld")
    assert ctx == tmp_path / "context.jsonld"
    text = out.read_text(encoding="utf-8")
    assert '"@context": "context.jsonld"' in text
    assert '"label": "任城区\\"红链\\"党建联盟"' in text  # compacted by the context (@language zh)
    back = Graph().parse(out, format="json-ld")
    assert isomorphic(back, graph)


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shutil.copy(FIXTURE, tmp_path / "graph.ttl")
    assert main(["export", "--graph", str(tmp_path), "--format", "ntriples"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == str(tmp_path / "export" / "graph.nt")
    assert main(["export", "-g", str(tmp_path / "graph.ttl"), "-F", "neo4j", "-o", str(tmp_path / "neo")]) == 0
    assert (tmp_path / "neo" / "load.cypher").is_file()
    assert main(["export", "--list"]) == 0
    listing = capsys.readouterr().out
    for fmt in ("ntriples", "nquads", "trig", "jsonld", "graphml", "neo4j", "cypher"):
        assert fmt in listing
    assert main(["export", "-g", str(tmp_path), "-F", "cypher", "--option", "dialect=gremlin"]) == 2
    assert "unknown Cypher dialect" in capsys.readouterr().err


def test_split_matches_build_dataset_on_the_seeds(seed_build_blank) -> None:
    """Splitting graph.ttl gives exactly the named graphs the builder makes from the knowledge base."""
    from kg.graph import build_dataset, default_graph, load_graph

    result, out = seed_build_blank  # conftest.py: build(seeds/, model="blank") once per session
    expected = build_dataset(result.kb)
    default, named = article_graphs(load_graph(out / "graph.ttl"))
    assert set(default) == set(default_graph(expected))
    got_names = set(named)
    want_names = {g.identifier for g in expected.graphs() if g.identifier != default_graph(expected).identifier}
    want_names = {n for n in want_names if len(expected.graph(n))}
    assert got_names == want_names
    for article, triples in named.items():
        assert set(triples) == set(expected.graph(article)), article
