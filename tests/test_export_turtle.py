"""The Turtle exporter: registered, atomic, byte-stable, readable by rdflib and Oxigraph."""
from __future__ import annotations

import pyoxigraph
from rdflib import Graph

from kg import exporters
from kg.exporters import turtle
from kg.graph import build_graph

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py


def test_registered():
    module = exporters.get("turtle")
    assert module.NAME == "turtle" and module.SUFFIX == ".ttl" and module.DESCRIPTION


def test_two_runs_are_byte_identical(tmp_path):
    a = exporters.export(build_graph(fx.sample_kb()), "turtle", tmp_path / "a" / "graph.ttl")
    b = exporters.export(build_graph(fx.sample_kb()), "turtle", tmp_path / "b" / "graph.ttl")
    assert a == [tmp_path / "a" / "graph.ttl"]
    assert a[0].read_bytes() == b[0].read_bytes()
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp file left


def test_folder_gets_graph_ttl(tmp_path):
    (written,) = turtle.export(build_graph(fx.sample_kb()), tmp_path)
    assert written == tmp_path / "graph.ttl"


def test_rdflib_and_oxigraph_read_it(tmp_path):
    for kb in (fx.sample_kb(), fx.hostile_kb()):
        g = build_graph(kb)
        (path,) = turtle.export(g, tmp_path / "graph.ttl")
        back = Graph().parse(path, format="turtle")
        assert set(back) == set(g)
        quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
        assert len(quads) == len(g)
        store = pyoxigraph.Store()
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        labels = {str(row["l"].value) for row in store.query(
            "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
        assert labels == {n.name for n in kb.nodes.values()}


def test_output_is_utf8_with_prefixes(tmp_path):
    (path,) = turtle.export(build_graph(fx.sample_kb()), tmp_path / "graph.ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-dangjian/ontology#> ." in text
    assert '"安丘市"@zh' in text
