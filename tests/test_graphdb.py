"""Exports loaded into real databases give the answers the embedded store gives.

- RDF: the N-Quads export is POSTed to a running oxigraph server through the
  SPARQL 1.1 Graph Store Protocol; counts, per-article graphs and every named
  query are compared with the embedded store.
- Property graph: the Cypher export (Kuzu dialect) and the Neo4j CSV files
  (loaded the way load.cypher does it) go into Kuzu; node and edge counts per
  type and a variable-length path query (party organisations in a place) are
  compared with the RDF side.
"""
from __future__ import annotations

import json
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from kg import exporters, store
from kg import query as q
from kg.exporters._dataset import article_graphs
from kg.exporters._property_graph import EDGE_NAMES, EDGE_SCHEMA, NODE_SCHEMA, local_name, property_graph
from kg.exporters.cypher import schema_statements
from kg.exporters.neo4j import ARRAY_DELIMITER
from kg.serve import Endpoint, free_port, oxigraph_binary, stop, wait_ready

from query_args import ARGS, FIXTURE  # tests/fixtures/query, put on sys.path by conftest.py

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("graph")
    (d / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    return d


@pytest.fixture(scope="module")
def graph(graph_dir: Path) -> Graph:
    return Graph().parse(graph_dir / "graph.ttl")


def embedded(graph_dir: Path, sparql: str) -> dict:
    return json.loads(q.format_result(q.run(store.open_store(graph_dir), sparql), "json"))


def count(result: dict) -> int:
    (row,) = result["results"]["bindings"]
    return int(next(iter(row.values()))["value"])


# --------------------------------------------------------------------------- RDF database


@pytest.fixture(scope="module")
def rdf_server() -> Iterator[Endpoint]:
    """An empty in-memory oxigraph server whose default graph is the union of all graphs."""
    endpoint = Endpoint("127.0.0.1", free_port())
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"{endpoint.host}:{endpoint.port}", "--union-default-graph"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(endpoint, proc, timeout=60)
        yield endpoint
    finally:
        stop(proc)


def sparql(endpoint: Endpoint, text: str) -> dict:
    req = urllib.request.Request(endpoint.query, data=urllib.parse.urlencode({"query": text}).encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read())


def test_nquads_through_graph_store_protocol(rdf_server: Endpoint, graph: Graph, graph_dir: Path,
                                             tmp_path: Path) -> None:
    (nq,) = exporters.export(graph, "nquads", tmp_path / "graph.nq")
    req = urllib.request.Request(rdf_server.store, data=nq.read_bytes(), method="POST",
                                 headers={"Content-Type": "application/n-quads"})
    with urllib.request.urlopen(req, timeout=60) as response:
        assert response.status in (200, 201, 204)

    quads = len(nq.read_text(encoding="utf-8").splitlines())
    assert count(sparql(rdf_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")) == quads
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert count(sparql(rdf_server, distinct)) == count(embedded(graph_dir, distinct)) == len(graph)
    graphs = sparql(rdf_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    _, named = article_graphs(graph)
    assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == sorted(str(a) for a in named)

    # one article's graph, fetched back through the Graph Store Protocol
    article = min(named)
    url = rdf_server.store + "?" + urllib.parse.urlencode({"graph": str(article)})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/n-triples"}),
                                timeout=30) as response:
        fetched = Graph().parse(data=response.read().decode("utf-8"), format="nt")
    assert set(fetched) == set(named[article])

    for name in q.named_queries():
        text = q.prepare_named(name, ARGS.get(name, []))
        assert sparql(rdf_server, text) == embedded(graph_dir, text), name


# --------------------------------------------------------------------------- property graph (Kuzu)


def rdf_counts(graph_dir: Path) -> tuple[dict[str, int], dict[str, int]]:
    def table(name: str) -> dict[str, int]:
        rows = embedded(graph_dir, q.prepare_named(name))["results"]["bindings"]
        return {next(iter(r.values()))["value"]: int(r["count"]["value"]) for r in rows}

    types = table("type-counts")
    types.pop("Statement")
    renamed = {local_name(str(p)): name for p, name in EDGE_NAMES.items()}  # hasQuantity -> HAS_QUANTITY
    return types, {renamed.get(k, k): n for k, n in table("relation-counts").items()}


def kuzu_counts(conn) -> tuple[dict[str, int], dict[str, int]]:
    nodes = dict(conn.execute("MATCH (n) RETURN label(n), count(*)").get_all())
    edges = dict(conn.execute("MATCH ()-[r]->() RETURN label(r), count(*)").get_all())
    return nodes, edges


PLACES = ("济宁市", "新疆")


def path_query(place: str) -> str:
    """Cypher for party-orgs-by-place: located in the place or below, directly or via the body they belong to."""
    where = f"WHERE p.name = '{place}' OR list_contains(p.aliases, '{place}') RETURN o.name AS name"
    return (f"MATCH (o:PartyOrganisation)-[:locatedIn*1..12]->(p:Place) {where} "
            f"UNION MATCH (o:PartyOrganisation)-[:partyOrgOf]->()-[:locatedIn*1..12]->(p:Place) {where}")


def kuzu_path_answer(conn, place: str) -> list[str]:
    return sorted(r[0] for r in conn.execute(path_query(place)).get_all())


def rdf_path_answer(graph_dir: Path, place: str) -> list[str]:
    rows = embedded(graph_dir, q.prepare_named("party-orgs-by-place", [place]))["results"]["bindings"]
    return sorted({r["organisation"]["value"] for r in rows})


@pytest.fixture
def kuzu_conn(tmp_path: Path):
    kuzu = pytest.importorskip("kuzu")
    db = kuzu.Database(str(tmp_path / "kuzu"))
    conn = kuzu.Connection(db)
    yield conn
    conn.close()
    db.close()


def test_cypher_export_in_kuzu(kuzu_conn, graph: Graph, graph_dir: Path, tmp_path: Path) -> None:
    (script,) = exporters.export(graph, "cypher", tmp_path / "graph.cypher", dialect="kuzu")
    kuzu_conn.execute(script.read_text(encoding="utf-8"))
    assert kuzu_counts(kuzu_conn) == rdf_counts(graph_dir)
    for place in PLACES:
        assert kuzu_path_answer(kuzu_conn, place) == rdf_path_answer(graph_dir, place), place
    names = {r[0]: r[1] for r in kuzu_conn.execute("MATCH (n:Enterprise) RETURN n.name, n.aliases").get_all()}
    assert names["“红星”机械厂, 有限公司"] == ['Hongxing "Red Star" Co., Ltd.', "红星\n机械"]
    # running the script again changes nothing (MERGE)
    kuzu_conn.execute("\n".join(line for line in script.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("CREATE ")))
    assert kuzu_counts(kuzu_conn) == rdf_counts(graph_dir)


def _kuzu_value(column: str, kind: str) -> str:
    if kind == "string[]":
        return f"CASE WHEN {column} IS NULL THEN NULL ELSE string_split({column}, '{ARRAY_DELIMITER}') END"
    if kind == "int":
        return f"CAST({column} AS INT64)"
    if kind in ("double", "boolean"):
        return f"CAST({column} AS {kind.upper()})"
    return column


def test_neo4j_csv_in_kuzu(kuzu_conn, graph: Graph, graph_dir: Path, tmp_path: Path) -> None:
    """Load the neo4j-admin CSV files with a real CSV reader, statement by statement like load.cypher."""
    out = tmp_path / "neo4j"
    exporters.export(graph, "neo4j", out)
    pg = property_graph(graph)
    for ddl in schema_statements(pg):
        kuzu_conn.execute(ddl)
    node_columns = list(NODE_SCHEMA.items())
    for path in sorted(out.glob("nodes_*.csv")):
        table = path.stem.split("_")[1]
        sets = ", ".join(f"n.{k} = {_kuzu_value(f'column{i}', kind)}"
                         for i, (k, kind) in enumerate(node_columns) if k != "iri")
        kuzu_conn.execute(f"LOAD FROM '{path}' (header=false, skip=1, parallel=false) "
                          f"MERGE (n:`{table}` {{iri: column0}}) SET {sets}")
    # Kuzu tables are typed, so each relationship file is loaded once per (FROM, TO) table pair
    type_of = {n.iri: n.type for n in pg.nodes}
    for path in sorted(out.glob("rels_*.csv")):
        rel = path.stem.split("_", 1)[1]
        sets = ", ".join(f"r.{k} = {_kuzu_value(f'column{i + 3}', kind)}"
                         for i, (k, kind) in enumerate(EDGE_SCHEMA.items()))
        for a, b in sorted({(type_of[e.start], type_of[e.end]) for e in pg.edges if e.type == rel}):
            kuzu_conn.execute(f"LOAD FROM '{path}' (header=false, skip=1, parallel=false) "
                              f"MATCH (a:`{a}`), (b:`{b}`) WHERE a.iri = column0 AND b.iri = column1 "
                              f"MERGE (a)-[r:`{rel}`]->(b) SET {sets}")
    assert kuzu_counts(kuzu_conn) == rdf_counts(graph_dir)
    for place in PLACES:
        assert kuzu_path_answer(kuzu_conn, place) == rdf_path_answer(graph_dir, place), place
    evidence = kuzu_conn.execute("MATCH (:Enterprise)-[r:memberOf]->(:PartyOrganisation) RETURN r.evidence").get_all()
    assert evidence == [[['“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”']]]
