"""The HTML view (without a browser): offline, deterministic, injection-safe; select(); ``kg view``."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg import exporters
from kg.cli import main
from kg.exporters import html, turtle
from kg.graph import build_graph
from kg.iri import article_iri
from kg.subgraph import NodeNotFound, normalise_types, select
from kg.vocab import KG

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py

VIEW_DIR = Path(html.__file__).resolve().parents[1] / "resources" / "view"


@pytest.fixture(scope="module")
def sample() -> Graph:
    return build_graph(fx.sample_kb())


@pytest.fixture(scope="module")
def page(sample) -> str:
    return html.render(sample)


def page_data(text: str) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    assert m
    return json.loads(m.group(1))


def names_of(g: Graph) -> set[str]:
    return {str(g.value(s, RDFS.label)) for t in ("Place", "PartyOrganisation", "Enterprise", "Programme",
                                                  "Person", "Organisation") for s in g.subjects(RDF.type, KG[t])}


# --------------------------------------------------------------------------- the page


def test_registered():
    module = exporters.get("html")
    assert module.NAME == "html" and module.SUFFIX == ".html" and module.DESCRIPTION


def test_nothing_is_loaded_from_outside(page):
    for tag in re.findall(r"<(?:script|link|img|iframe|source|embed|object|audio|video)\b[^>]*>", page, re.I):
        assert not re.search(r"\b(?:src|href|data)\s*=", tag, re.I), tag
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis.Network" in page and "vis-network" in page  # vis-network is inlined


def test_same_graph_same_bytes(tmp_path, sample):
    (a,) = exporters.export(sample, "html", tmp_path / "a.html")
    (b,) = exporters.export(build_graph(fx.sample_kb()), "html", tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()
    (c,) = html.export(sample, tmp_path)
    assert c == tmp_path / "view.html"


def test_nodes_edges_and_styles(page):
    data = page_data(page)
    style = json.loads((VIEW_DIR / "style.json").read_text(encoding="utf-8"))
    nodes = {n["kg"]["name"]: n for n in data["nodes"]}
    assert set(nodes) == {n.name for n in fx.sample_kb().nodes.values()}
    for n in data["nodes"]:
        t = style["types"][n["kg"]["type"]]
        assert n["shape"] == t["shape"] and n["color"]["background"] == t["color"]
    assert len({style["types"][t]["shape"] for t in style["types"]}) == len(style["types"])
    assert nodes["安丘市"]["kg"]["aliases"] == ["安丘"]
    assert nodes["安丘市"]["kg"]["code"] == "370784000000"
    assert nodes["安丘市"]["value"] == 3  # degree
    assert nodes["山东省"]["kg"]["inferred"] and not nodes["安丘市"]["kg"]["inferred"]
    edges = {(data["nodes"][e["from"]]["kg"]["name"], e["kg"]["rel"], data["nodes"][e["to"]]["kg"]["name"]): e
             for e in data["edges"]}
    assert len(edges) == len(fx.sample_kb().edges)
    gaz_only = edges[("潍坊市", "locatedIn", "山东省")]
    assert gaz_only["dashes"] and gaz_only["kg"]["gaz"]
    mixed = edges[("安丘市", "locatedIn", "潍坊市")]
    assert mixed["dashes"] is False and not mixed["kg"]["gaz"]
    assert mixed["label"] == "位于 locatedIn"
    assert {d for d, _, _ in mixed["kg"]["ev"]} == {"FromText", "FromGazetteer"}
    (text_ev,) = [ev for ev in mixed["kg"]["ev"] if ev[0] == "FromText"]
    assert text_ev[2] == "山东省潍坊市安丘市扎实推进基层党建工作"
    assert data["articles"][text_ev[1]]["title"] == "安丘市释放党建聚链“红利”"
    labels = {e["kg"]["rel"]: e["label"] for e in data["edges"]}
    assert labels == {"locatedIn": "位于 locatedIn", "partyOrgOf": "党组织 partyOrgOf", "memberOf": "成员 memberOf",
                      "leads": "领导 leads", "implements": "实施 implements"}
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert "Noto Sans CJK SC" in data["options"]["nodes"]["font"]["face"]


def test_hostile_text_never_reaches_markup_raw():
    page = html.render(build_graph(fx.hostile_kb()))
    for payload in (fx.XSS_IMG, fx.XSS_SCRIPT, fx.XSS_SVG, "<!--", "onerror=\"window"):
        assert payload not in page
    assert page.count("</script>") == 3  # data block, vis-network, page script: nothing closes early
    assert "\u2028" not in page and "\u2029" not in page
    data = page_data(page)
    names = {n["kg"]["name"] for n in data["nodes"]}
    assert {fx.XSS_IMG, fx.XSS_SCRIPT, fx.XSS_QUOTES} <= names  # the data itself survives intact
    aliases = {a for n in data["nodes"] for a in n["kg"]["aliases"]}
    assert fx.XSS_SVG in aliases
    title = "<b>标题</b>\"'&"
    page = html.render(build_graph(fx.hostile_kb()), title=title)
    assert "<b>标题</b>" not in page and "&lt;b&gt;标题&lt;/b&gt;" in page


def test_amounts_and_article_dates_in_the_page_data(page):
    data = page_data(page)
    by_name = {n["kg"]["name"]: n["kg"] for n in data["nodes"]}
    hengan = by_name["新疆恒安纸业有限公司"]["qty"]
    # by date (undated last), then measure: [measure, value, unit, approx, asOf, article, sentence]
    assert [q[:5] for q in hengan] == [["营业收入", "300000000", "元", True, "2023"], ["生产线", "12", "条", False, ""]]
    article = data["articles"][hengan[0][5]]
    assert (article["date"], article["outlet"], hengan[0][6]) == (
        "2024-06-26", "某某日报", "2023年,该公司营业收入3亿余元")
    assert by_name["安丘市"]["qty"][0][:3] == ["党建指导员", "35", "名"]
    assert by_name["潍坊市"]["qty"] == []
    assert '<input id="kg-date-from"' in page and '<input id="kg-date-to"' in page


def test_hostile_amounts_stay_data():
    page = html.render(build_graph(fx.hostile_kb()))
    assert fx.XSS_IMG not in page and fx.XSS_SCRIPT not in page and fx.XSS_SVG not in page
    data = page_data(page)
    (q,) = [q for n in data["nodes"] for q in n["kg"]["qty"]]
    assert (q[0], q[2], q[6]) == (fx.XSS_SCRIPT, fx.XSS_IMG, fx.XSS_QUOTES + fx.XSS_IMG)
    assert data["articles"][q[5]]["outlet"] == fx.XSS_SVG


def test_page_script_writes_text_only():
    script = (VIEW_DIR / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "title:"):
        assert sink not in script, sink


def test_script_json_escapes():
    text = html.script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_empty_graph_renders():
    data = page_data(html.render(Graph()))
    assert data["nodes"] == [] and data["edges"] == []


# --------------------------------------------------------------------------- select()


def test_select_by_alias_and_depth(sample):
    one = select(sample, focus="安丘", depth=1)
    assert names_of(one) == {"安丘市", "潍坊市", "接庄街道", "安丘市委组织部"}
    assert names_of(select(sample, focus="安丘市", depth=0)) == {"安丘市"}
    two = select(sample, focus="安丘市", depth=2)
    assert names_of(two) == {"安丘市", "潍坊市", "接庄街道", "安丘市委组织部", "山东省", "百千万提升工程"}
    # statements kept only where both ends are kept; their articles come along
    assert len(set(one.subjects(RDF.type, KG.Statement))) == 4
    assert set(one.subjects(RDF.type, KG.Article)) == {article_iri(fx.A1)}
    for _s, p, o in one:
        if p in (KG.locatedIn, KG.implements, KG.leads, KG.memberOf, KG.partyOrgOf):
            assert str(one.value(o, RDFS.label)) in names_of(one)


def test_select_by_type(sample):
    places = select(sample, types=["place"])
    assert names_of(places) == {"山东省", "潍坊市", "安丘市", "接庄街道", "昌吉高新区"}
    mixed = select(sample, focus="恒安纸业", depth=3, types=["Enterprise", "party-org"])
    assert names_of(mixed) == {"新疆恒安纸业有限公司", "恒安纸业党支部"}
    assert select(sample) is sample


def test_select_not_found_lists_close_matches(sample):
    with pytest.raises(NodeNotFound) as err:
        select(sample, focus="安丘县")
    assert "安丘市" in err.value.suggestions
    assert "安丘市" in str(err.value)
    with pytest.raises(NodeNotFound) as err:
        select(sample, focus="恒安")
    assert "恒安纸业" in err.value.suggestions


def test_select_bad_arguments(sample):
    with pytest.raises(ValueError):
        normalise_types(["Animal"])
    with pytest.raises(ValueError):
        select(sample, focus="安丘", depth=-1)


# --------------------------------------------------------------------------- kg view


@pytest.fixture()
def built(tmp_path) -> Path:
    out = tmp_path / "out"
    turtle.export(build_graph(fx.sample_kb()), out / "graph.ttl")
    return out


def test_cli_default_output(built, capsys):
    assert main(["view", "--graph", str(built)]) == 0
    page = (built / "view.html").read_text(encoding="utf-8")
    assert len(page_data(page)["nodes"]) == 12
    assert "view.html" in capsys.readouterr().out


def test_cli_focus(built, tmp_path):
    out = tmp_path / "focus.html"
    rc = main(["view", str(built / "graph.ttl"), "--focus", "安丘", "--depth", "1", "--type", "Place",
               "--type", "PartyOrganisation", "--out", str(out)])
    assert rc == 0
    assert {n["kg"]["name"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == {
        "安丘市", "潍坊市", "接庄街道", "安丘市委组织部"}
    assert main(["view", str(built), "--type", "Person", "Programme", "--out", str(out)]) == 0
    assert {n["kg"]["type"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == {"Person", "Programme"}


def test_cli_errors(built, tmp_path, capsys):
    assert main(["view", "-g", str(built), "--focus", "安丘县"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg view: ") and "安丘县" in err and "安丘市" in err and len(err.splitlines()) == 1
    assert main(["view", "--graph", str(tmp_path / "missing")]) == 2
    assert "no graph" in capsys.readouterr().err
    assert main(["view", str(tmp_path / "missing")]) == 2  # the positional form of earlier versions
    assert main(["view", str(built), "--type", "Animal"]) == 2
    assert "unknown entity type 'Animal'" in capsys.readouterr().err
    assert main(["view", str(built), "--focus", "安丘", "--depth", "-1"]) == 2
    assert not (built / "view.html").exists()


def test_isolated_option_is_checked(tmp_path, sample):
    from kg.exporters import ExportError, export

    with pytest.raises(ExportError, match="isolated must be one of apart, mixed"):
        export(sample, "html", tmp_path / "x.html", isolated="bogus")
    net, data = html.build_network(sample)
    assert data["isolatedApart"] is True
    lone = [n for n in net.nodes if n["kg"]["isolated"]]
    assert lone and all(n["physics"] is False for n in lone)  # they take no part in the layout
    assert sum(n["kg"]["top"] for n in net.nodes) <= html.TOP_LABELS
