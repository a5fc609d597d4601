"""kg query: the embedded store, named queries, parameter binding, result formats, errors."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg import query as q
from kg import store
from kg.cli import main
from kg.textwidth import display_width

from query_args import ARGS, FIXTURE  # tests/fixtures/query, put on sys.path by conftest.py


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE, tmp_path / "graph.ttl")
    return tmp_path


def kg(*argv: str, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def named(graph_dir: Path, name: str, *args: str) -> tuple[list[str], list[tuple[str, ...]]]:
    return q.comparable(q.run(store.open_store(graph_dir), q.prepare_named(name, args)))


def values(rows: list[tuple[str, ...]], column: int = 0) -> list[str]:
    """Lexical values of one column (N-Triples literal syntax stripped)."""
    return [_lexical(row[column]) for row in rows]


def _lexical(nt: str) -> str:
    """The value of an N-Triples term: IRI text or the literal's lexical form."""
    if nt.startswith("<"):
        return nt[1:-1]
    if nt.startswith('"'):
        body = nt[1:nt.rindex('"')]
        return json.loads('"' + body + '"')
    return nt


# --------------------------------------------------------------------------- the store


def test_store_is_built_beside_the_turtle_and_reused(graph_dir: Path) -> None:
    ttl = graph_dir / "graph.ttl"
    assert not store.store_dir(ttl).exists()
    s = store.open_store(graph_dir)
    assert len(s) == len(rdflib.Graph().parse(ttl))
    assert store.store_dir(ttl) == graph_dir / "graph.oxigraph"
    key = json.loads((graph_dir / "graph.oxigraph" / store.KEY_FILE).read_text())
    assert key["sha256"] == store.file_sha256(ttl)
    assert store.is_fresh(ttl)
    marker = graph_dir / "graph.oxigraph" / "CURRENT"
    before = marker.stat().st_mtime_ns
    store.open_store(graph_dir)
    assert marker.stat().st_mtime_ns == before  # not rebuilt


def test_store_rebuilt_when_turtle_changes_not_when_touched(graph_dir: Path) -> None:
    ttl = graph_dir / "graph.ttl"
    store.open_store(graph_dir)
    os.utime(ttl, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert store.is_fresh(ttl)  # same bytes: the hash decides, the new mtime is recorded
    assert json.loads((store.store_dir(ttl) / store.KEY_FILE).read_text())["mtime_ns"] == ttl.stat().st_mtime_ns
    with ttl.open("a", encoding="utf-8") as fh:
        fh.write('\nkgr:place\\/999 a kg:Place ; rdfs:label "新地方"@zh .\n')
    assert not store.is_fresh(ttl)
    s = store.open_store(graph_dir)
    assert bool(s.query('ASK { ?p <http://www.w3.org/2000/01/rdf-schema#label> "新地方"@zh }'))


def test_unwritable_folder_is_queried_from_memory(graph_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(store, "ensure_store", refuse)
    s = store.open_store(graph_dir)
    assert len(s) == len(rdflib.Graph().parse(graph_dir / "graph.ttl"))
    assert not store.store_dir(graph_dir / "graph.ttl").exists()


def test_missing_graph_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = kg("query", "--graph", str(tmp_path / "nope"), "ASK {}", capsys=capsys)
    assert code == 2 and "no graph" in err and "Traceback" not in err


# --------------------------------------------------------------------------- named queries


def test_every_named_query_has_a_header_and_runs(graph_dir: Path) -> None:
    queries = q.named_queries()
    required = {
        "entities-in-place", "party-orgs-by-place", "enterprises-with-party-org", "programmes",
        "people-posts", "admin-chain", "most-connected", "evidence",
    }
    assert required <= set(queries)
    for name, nq in queries.items():
        assert nq.description and "\n" not in nq.description
        assert nq.text.startswith("# name: " + name)
        variables, rows = named(graph_dir, name, *ARGS.get(name, []))
        assert variables, name
        assert rows, f"{name} found nothing in the fixture"


def test_list(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = kg("query", "--list", capsys=capsys)
    assert code == 0
    for name, nq in q.named_queries().items():
        assert any(line.startswith(name) and nq.description in line for line in out.splitlines())
    assert "params: place:name" in out


def test_party_orgs_by_place_covers_the_whole_chain_below(graph_dir: Path) -> None:
    _, rows = named(graph_dir, "party-orgs-by-place", "济宁市")
    assert values(rows) == ['任城区"红链"党建联盟', "吉祥社区党委"]  # county level and community level
    _, by_alias = named(graph_dir, "party-orgs-by-place", "济宁")
    assert by_alias == rows
    _, rows = named(graph_dir, "party-orgs-by-place", "新疆")
    assert values(rows) == ["恒安纸业党支部", "昌吉高新区党工委"]  # the first through its enterprise


def test_entities_in_place(graph_dir: Path) -> None:
    _, rows = named(graph_dir, "entities-in-place", "Enterprise", "山东省")
    assert values(rows) == ["“红星”机械厂, 有限公司", "拉普达"]
    _, rows = named(graph_dir, "entities-in-place", "place", "济宁市")  # type names are case-insensitive
    assert values(rows) == ["任城区", "古槐街道", "吉祥社区"]


def test_admin_chain_runs_top_down(graph_dir: Path) -> None:
    variables, rows = named(graph_dir, "admin-chain", "吉祥社区")
    assert variables[:2] == ["depth", "name"]
    assert values(rows, 1) == ["山东省", "济宁市", "任城区", "古槐街道", "吉祥社区"]
    assert values(rows, 0) == ["0", "1", "2", "3", "4"]


def test_enterprises_programmes_people(graph_dir: Path) -> None:
    _, rows = named(graph_dir, "enterprises-with-party-org")
    assert [(_lexical(r[0]), _lexical(r[1])) for r in rows] == [
        ("新疆恒安纸业有限公司", "恒安纸业党支部")
    ]
    _, rows = named(graph_dir, "programmes")
    pairs = {(_lexical(r[0]), _lexical(r[1])) for r in rows}
    assert ("红帆驿站", "济宁市") in pairs and ("红帆驿站", "吉祥社区党委") in pairs
    assert ('"双轮\\驱动"机制', "“红星”机械厂, 有限公司") in pairs
    _, rows = named(graph_dir, "people-posts")
    posts = {(_lexical(r[0]), _lexical(r[1]), _lexical(r[2])) for r in rows}
    assert posts == {
        ("马建梅", "书记", "恒安纸业党支部"),
        ("陈长胜", "书记", "吉祥社区党委"),
        ("师然杰", "挂职副书记", "昌吉高新区党工委"),
    }


def test_most_connected_and_type_filter(graph_dir: Path) -> None:
    _, rows = named(graph_dir, "most-connected")
    degrees = [int(_lexical(r[2])) for r in rows]
    assert degrees == sorted(degrees, reverse=True) and degrees[0] == 4
    _, rows = named(graph_dir, "most-connected", "Enterprise")
    assert values(rows) == ["“红星”机械厂, 有限公司", "新疆恒安纸业有限公司", "拉普达"]


def test_evidence_between_awkward_names_either_way_round(graph_dir: Path) -> None:
    _, rows = named(graph_dir, "evidence", "党建\\联盟", "“红星”机械厂, 有限公司")
    assert len(rows) == 1
    head, rel, tail, derivation, article, title, sentence = map(_lexical, rows[0])
    assert (head, rel, tail, derivation) == ("“红星”机械厂, 有限公司", "memberOf", '任城区"红链"党建联盟', "FromText")
    assert article.endswith("article/A1") and title == "济宁市：红帆驿站温暖“小哥”"
    assert sentence == '“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”'
    _, rows = named(graph_dir, "evidence", "任城区", "济宁市")  # one fact, two articles
    assert sorted(_lexical(r[4]).rsplit("/", 1)[1] for r in rows) == ["A1", "A3"]


# --------------------------------------------------------------------------- binding


@pytest.mark.parametrize(
    "hostile",
    [
        '济宁市"@zh } ?s ?p ?o . { "',
        "济宁市' } UNION { ?top ?p ?o } #",
        '济宁市"""\n} INSERT DATA { <a:b> <a:b> <a:b> } #',
        "\\",
        "济宁市\\",
    ],
)
def test_arguments_are_terms_not_text(graph_dir: Path, hostile: str) -> None:
    text = q.prepare_named("party-orgs-by-place", [hostile])
    assert _lexical(str(ox.Literal(hostile.strip(), language="zh"))) == hostile.strip()
    _, rows = q.comparable(q.run(store.open_store(graph_dir), text))
    assert rows == []


def test_values_go_into_the_outer_group_whatever_precedes_it() -> None:
    sparql = (
        "# a { comment\nPREFIX x: <http://e/x#>\n"
        "SELECT ?a (\"}{\" AS ?b) ('''{''' AS ?c) WHERE { ?a ?p ?v }"
    )
    bound = q.bind(sparql, {"v": ox.Literal("x")})
    assert bound.endswith('WHERE { VALUES (?v) { ("x") }  ?a ?p ?v }')
    assert bound.count("\n") == sparql.count("\n")  # error positions unchanged
    assert list(ox.Store().query(bound)) == []


def test_bad_arguments(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    g = str(graph_dir)
    for argv, needle in [
        (["--name", "nope"], "no named query 'nope'"),
        (["--name", "entities-in-place", "Company", "济宁市"], "not an entity type"),
        (["--name", "admin-chain"], "needs place"),
        (["--name", "admin-chain", "a", "b"], "takes 1 argument"),
        (["--name", "admin-chain", "--param", "where=济宁"], "no parameter where"),
    ]:
        code, _, err = kg("query", "-g", g, *argv, capsys=capsys)
        assert code == 2, argv
        assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_param_by_name(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = kg("query", "-g", str(graph_dir), "-n", "evidence", "-p", "a=马建梅", "-p", "b=恒安纸业党支部",
                      "--format", "csv", capsys=capsys)
    assert code == 0
    header, rows = q.parse_csv_result(out.encode())
    assert header[:3] == ["head", "relation", "tail"] and rows[0][:3] == ["马建梅", "leads", "恒安纸业党支部"]


# --------------------------------------------------------------------------- errors


def test_syntax_error_gives_line_caret_and_one_sentence(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = kg("query", "-g", str(graph_dir), "SELECT * WHERE {\n  ?s ?p \n}", capsys=capsys)
    assert code == 2 and out == ""
    first, line, caret = err.rstrip("\n").split("\n")
    assert re.match(r"kg query: syntax error at line 3, column 2: .*\.$", first) and "\\u{" not in first
    assert (line, caret) == ("  }", "   ^")


def test_unknown_prefix_is_named_with_a_caret_under_it(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = kg("query", "-g", str(graph_dir), 'SELECT ?s WHERE { ?s ?p "党建" . ?s a foo:Place }', capsys=capsys)
    first, line, caret = err.rstrip("\n").split("\n")
    assert code == 2 and "unknown prefix 'foo:'" in first and "kg, kgr" in first
    assert len(first) < 300  # one sentence, not the engine's Unicode ranges
    # the caret stands under the f of foo:, counting CJK characters as two columns
    assert caret.index("^") == display_width(line[:line.index("foo:")])


def test_project_prefixes_are_predeclared(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = kg("query", "-g", str(graph_dir), "--format", "csv",
                        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Place ; rdfs:label ?l }", capsys=capsys)
    assert code == 0, err
    assert int(q.parse_csv_result(out.encode())[1][0][0]) > 0
    # a query's own declaration wins over the predeclared one
    code, out, _ = kg("query", "-g", str(graph_dir), "PREFIX kg: <https://example.org/> ASK { ?s a kg:Place }",
                      capsys=capsys)
    assert (code, out) == (0, "false\n")
    assert "PREFIX rdf:" in q.with_prefixes("SELECT * { ?s rdf:type ?t }")
    assert "PREFIX kg:" not in q.with_prefixes("prefix kg: <x:> SELECT * { ?s a kg:Place }")


def test_named_query_with_an_unknown_name_says_so(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = kg("query", "-g", str(graph_dir), "--name", "admin-chain", "济宁高新", capsys=capsys)
    assert code == 0 and "(0 rows)" in out
    assert err.startswith("kg query: no entity named 济宁高新; did you mean ") and "济宁" in err
    code, _, err = kg("query", "-g", str(graph_dir), "--name", "admin-chain", "济宁市", capsys=capsys)
    assert code == 0 and err == ""


def test_bad_query_in_a_subprocess_prints_no_traceback(graph_dir: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(graph_dir), "SELEC ?x"],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2 and re.match(r"kg query: syntax error at line 1, column \d+: ", r.stderr)
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_evaluation_error_is_reported_cleanly(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = kg("query", "-g", str(graph_dir), "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
                      capsys=capsys)
    assert code == 2 and err.startswith("kg query: query failed")


# --------------------------------------------------------------------------- formats


def test_formats_are_the_sparql_result_formats(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    g = str(graph_dir)
    code, out, _ = kg("query", "-g", g, "-n", "admin-chain", "吉祥社区", "--format", "json", capsys=capsys)
    assert code == 0
    variables, bindings = q.parse_json_result(out.encode())
    assert variables == ["depth", "name", "level", "adminCode", "iri"]
    assert bindings[0]["name"] == {"type": "literal", "value": "山东省", "xml:lang": "zh"}
    assert bindings[0]["iri"]["type"] == "uri"
    parsed = list(ox.parse_query_results(out.encode(), format=ox.QueryResultsFormat.JSON))
    assert len(parsed) == 5
    code, out, _ = kg("query", "-g", g, "-n", "admin-chain", "吉祥社区", "--format", "tsv", capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "?depth\t?name\t?level\t?adminCode\t?iri"
    assert lines[1].split("\t")[1] == '"山东省"@zh'
    code, out, _ = kg("query", "-g", g, "-n", "evidence", "党建\\联盟", "红星\n机械", "--format", "csv", capsys=capsys)
    assert code == 0
    _, rows = q.parse_csv_result(out.encode())
    assert rows[0][6] == '“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”'
    code, out, _ = kg("query", "-g", g, "ASK { ?s ?p ?o }", capsys=capsys)
    assert code == 0 and out == "true\n"
    code, out, _ = kg("query", "-g", g, "CONSTRUCT WHERE { ?s a <https://w3id.org/kg-dangjian/ontology#Person> }",
                      capsys=capsys)
    assert code == 0
    assert len(out.splitlines()) == 4 and out.splitlines() == sorted(out.splitlines())


def _cells_start_at(line: str, starts: list[int]) -> bool:
    """Every column start (a display column) is preceded by a two-space gap in ``line``."""
    at: dict[int, str] = {}
    col = 0
    for ch in line:
        for k in range(display_width(ch)):
            at[col + k] = ch if k == 0 else "<wide>"
        col += display_width(ch)
    return all(s >= col or (at.get(s - 1) == " " and at.get(s - 2) == " " and at.get(s) != "<wide>")
               for s in starts[1:])


def test_table_aligns_chinese_text(graph_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = kg("query", "-g", str(graph_dir), "-n", "people-posts", "--max-width", "0", capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "(3 rows)"
    header, rule, body = lines[0], lines[1], lines[2:-1]
    starts = [i for i, ch in enumerate(rule) if ch == "─" and (i == 0 or rule[i - 1] == " ")]
    assert len(starts) == 6
    assert display_width("马建梅") == 6 and display_width("a“b”") == 4
    assert header.startswith("person  post")
    for line in [header, *body]:
        assert _cells_start_at(line, starts), line
    assert sorted(line[:3] for line in body) == sorted(["马建梅", "陈长胜", "师然杰"])


def test_table_escapes_newlines_and_clips(graph_dir: Path) -> None:
    s = store.open_store(graph_dir)
    text = q.prepare_named("evidence", ["党建\\联盟", "红星\n机械"])
    clipped = q.format_result(q.run(s, text), "table", max_width=20).decode()
    row = clipped.splitlines()[2]
    assert row.endswith("…")
    full = q.format_result(q.run(s, text), "table", max_width=0).decode()
    assert "成员企业,↵负责人说" in full and len(full.splitlines()) == 4


# --------------------------------------------------------------------------- engines agree


def _rdflib_nt(term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype == rdflib.XSD.decimal:  # same value; oxigraph writes 35.0 as its canonical 35
            return str(ox.Literal(format(Decimal(str(term)).normalize(), "f"),
                                  datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None))
    return str(term)


def test_rdflib_gives_the_same_answers(graph_dir: Path) -> None:
    """The bound text is plain SPARQL 1.1: rdflib's engine must agree with oxigraph."""
    g = rdflib.Graph().parse(graph_dir / "graph.ttl")
    s = store.open_store(graph_dir)
    for name in q.named_queries():
        text = q.prepare_named(name, ARGS.get(name, []))
        expected = q.comparable(q.run(s, text))
        res = g.query(text)
        got = ([str(v) for v in res.vars], [tuple(_rdflib_nt(t) for t in row) for row in res])
        assert got == expected, name


# --------------------------------------------------------------------------- the real builder's output


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory: pytest.TempPathFactory, seed_build_blank) -> Path:
    """The session's blank-pipeline build of seeds/ (conftest.py), copied: the store goes beside it."""
    out = tmp_path_factory.mktemp("seeds-graph")
    shutil.copyfile(seed_build_blank.out / "graph.ttl", out / "graph.ttl")
    return out


def test_named_queries_on_the_seeds_graph(seeds_dir: Path) -> None:
    """The queries fit the shape kg.graph really writes, not only the hand-written fixture."""
    for name in q.named_queries():
        variables, _ = named(seeds_dir, name, *ARGS.get(name, []))
        assert variables, name
    _, rows = named(seeds_dir, "admin-chain", "安丘市")
    assert values(rows, 1)[-1] == "安丘市" and values(rows, 1)[0] == "山东省"
    _, rows = named(seeds_dir, "enterprises-with-party-org")
    assert ("新疆恒安纸业有限公司", "恒安纸业党支部") in {(_lexical(r[0]), _lexical(r[1])) for r in rows}
    _, rows = named(seeds_dir, "people-posts")
    assert ("马建梅", "书记", "恒安纸业党支部") in {tuple(map(_lexical, r[:3])) for r in rows}
    _, rows = named(seeds_dir, "evidence", "马建梅", "恒安纸业党支部")
    assert rows and all(_lexical(r[1]) == "leads" and "马建梅" in _lexical(r[6]) for r in rows)
    _, rows = named(seeds_dir, "type-counts")
    assert {_lexical(r[0]) for r in rows} >= {"Article", "Place", "Statement", "PartyOrganisation"}
