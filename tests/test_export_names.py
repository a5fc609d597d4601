"""Any name made of text, quotes, backslashes, newlines and commas survives every export format."""
from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg import exporters
from kg.exporters.cypher import string_literal
from kg.exporters.neo4j import ARRAY_DELIMITER
from kg.vocab import KG, KGR

ALPHABET = st.sampled_from(list("党建联盟红星abcXYZ 0123,;:'\"\\\n\t{}[]()<>#@“”，。、|`$%&") + ["\u3000", "é"])
NAMES = st.text(ALPHABET, min_size=1, max_size=20).filter(lambda s: s.strip() == s and s != "")


def tiny_graph(name: str, alias: str, sentence: str) -> Graph:
    g = Graph()
    e, p, a, s = KGR["enterprise/x"], KGR["place/370800"], KGR["article/A"], KGR["statement/s"]
    g.add((e, RDF.type, KG.Enterprise))
    g.add((e, RDFS.label, Literal(name, lang="zh")))
    g.add((e, SKOS.altLabel, Literal(alias, lang="zh")))
    g.add((e, KG.mentionedIn, a))
    g.add((p, RDF.type, KG.Place))
    g.add((p, RDFS.label, Literal("济宁市", lang="zh")))
    g.add((a, RDF.type, KG.Article))
    g.add((a, KG.sourceFile, Literal(name)))
    g.add((e, KG.locatedIn, p))
    for t in [(s, RDF.type, KG.Statement), (s, RDF.subject, e), (s, RDF.predicate, KG.locatedIn),
              (s, RDF.object, p), (s, KG.derivation, KG.FromText), (s, PROV.wasDerivedFrom, a),
              (s, KG.evidence, Literal(sentence, lang="zh"))]:
        g.add(t)
    return g


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, alias=NAMES, sentence=NAMES)
def test_names_survive_every_format(name: str, alias: str, sentence: str) -> None:
    g = tiny_graph(name, alias, sentence)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt, rdf_format in [("ntriples", "nt"), ("jsonld", "json-ld")]:
            (path, *_) = exporters.export(g, fmt, out / f"g.{fmt}")
            assert isomorphic(Graph().parse(path, format=rdf_format), g), fmt
        for fmt in ("nquads", "trig"):
            (path,) = exporters.export(g, fmt, out / f"g.{fmt}")
            ds = Dataset()
            ds.parse(path, format=fmt)
            union = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            assert isomorphic(union, g), fmt

        (path,) = exporters.export(g, "graphml", out / "g.graphml")
        node = nx.read_graphml(path).nodes[str(KGR["enterprise/x"])]
        assert node["label"] == name and json.loads(node["aliases"]) == [alias]

        exporters.export(g, "neo4j", out / "neo4j")
        with (out / "neo4j" / "nodes_Enterprise.csv").open(encoding="utf-8", newline="") as fh:
            (row,) = list(csv.DictReader(fh))
        assert row["name:string"] == name and row["aliases:string[]"].split(ARRAY_DELIMITER) == [alias]
        with (out / "neo4j" / "rels_locatedIn.csv").open(encoding="utf-8", newline="") as fh:
            (rel,) = list(csv.DictReader(fh))
        assert rel["evidence:string[]"] == sentence

        (path,) = exporters.export(g, "cypher", out / "g.cypher")
        line = next(x for x in path.read_text(encoding="utf-8").splitlines() if "enterprise/x" in x and "MERGE (n" in x)
        assert f"n.name = {string_literal(name)}" in line  # string_literal's round trip: test_export_cypher
