"""GraphML export: readable by networkx, attributes for Gephi/yEd/Cytoscape, names intact."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg import exporters

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
R = "https://w3id.org/kg-dangjian/resource/"


def test_graphml(tmp_path: Path) -> None:
    (out,) = exporters.export(Graph().parse(FIXTURE), "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(out, force_multigraph=True)
    assert g.number_of_nodes() == 34  # 26 entities + 3 articles + 5 quantities; statements are not nodes
    hongxing = g.nodes[R + "enterprise/hongxing"]
    assert hongxing["type"] == "Enterprise"
    assert hongxing["label"] == "“红星”机械厂, 有限公司"
    assert json.loads(hongxing["aliases"]) == ['Hongxing "Red Star" Co., Ltd.', "红星\n机械"]
    assert g.nodes[R + "party-org/jining-alliance"]["label"] == '任城区"红链"党建联盟'
    assert json.loads(g.nodes[R + "party-org/jining-alliance"]["aliases"]) == ["党建\\联盟"]
    assert g.nodes[R + "place/370800"]["adminCode"] == "370800000000"
    q4 = g.nodes[R + "quantity/q4"]
    assert (q4["type"], q4["label"], q4["value"], q4["unit"], q4["asOf"]) == ("Quantity", "营业收入 300000000元",
                                                                              300000000.0, "元", "2023")
    assert q4["approx"] is False and q4["article"] == R + "article/A2"
    assert g.nodes[R + "article/A1"]["date"] == "2022-09-30"
    (link,) = g.get_edge_data(R + "enterprise/hengan", R + "quantity/q4").values()
    assert link["type"] == "HAS_QUANTITY"
    edges = g.get_edge_data(R + "enterprise/hongxing", R + "party-org/jining-alliance")
    (attrs,) = edges.values()
    assert attrs["type"] == "memberOf" and attrs["derivation"] == "FromText"
    assert json.loads(attrs["evidence"]) == [
        '“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”']
    types = sorted(d["type"] for _, _, d in g.edges(data=True))
    assert types.count("locatedIn") == 15 and types.count("mentionedIn") == 24
