"""Neo4j export: neo4j-admin import headers, RFC 4180 quoting, a LOAD CSV script and a README."""
from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph

from kg import exporters
from kg.exporters.neo4j import ARRAY_DELIMITER

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_neo4j_files(tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    (out / "nodes_Stale.csv").parent.mkdir(parents=True)
    (out / "nodes_Stale.csv").write_text("x\n")
    written = exporters.export(Graph().parse(FIXTURE), "neo4j", out)
    names = sorted(p.name for p in written)
    assert "nodes_Place.csv" in names and "rels_locatedIn.csv" in names and "load.cypher" in names
    assert not (out / "nodes_Stale.csv").exists()
    header = (out / "nodes_Enterprise.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "iri:ID,name:string,aliases:string[],adminCode:string,adminLevel:string,title:string," \
                     "sourceFile:string,mentions:int,date:string,publisher:string,measure:string,value:double," \
                     "unit:string,approx:boolean,asOf:string,evidence:string,article:string,:LABEL"
    rows = {r["iri:ID"].rsplit("/", 1)[1]: r for r in read(out / "nodes_Enterprise.csv")}
    assert rows["hongxing"]["name:string"] == "“红星”机械厂, 有限公司"
    assert rows["hongxing"]["aliases:string[]"].split(ARRAY_DELIMITER) == [
        'Hongxing "Red Star" Co., Ltd.', "红星\n机械"]
    assert rows["hongxing"][":LABEL"].split(ARRAY_DELIMITER) == ["Resource", "Enterprise"]
    assert rows["hongxing"]["mentions:int"] == "1"
    rels = read(out / "rels_memberOf.csv")
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert rels[0][":TYPE"] == "memberOf"
    assert rels[0]["evidence:string[]"] == '“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”'
    total = sum(len(read(p)) for p in out.glob("rels_*.csv"))
    assert total == 55  # 50 relations, mentions and bylines, 5 HAS_QUANTITY


def test_neo4j_quantities(tmp_path: Path) -> None:
    """Amounts are Quantity nodes with typed value and approx, linked by HAS_QUANTITY; articles carry their date."""
    out = tmp_path / "neo4j"
    exporters.export(Graph().parse(FIXTURE), "neo4j", out)
    rows = {r["iri:ID"].rsplit("/", 1)[1]: r for r in read(out / "nodes_Quantity.csv")}
    assert rows["q4"]["value:double"] == "300000000.0" and rows["q4"]["unit:string"] == "元"
    assert rows["q4"]["asOf:string"] == "2023" and rows["q2"]["approx:boolean"] == "true"
    assert rows["q3"]["evidence:string"] == '吉祥社区党委现有党员86名, "在册"\n'
    assert rows["q3"]["article:string"].endswith("article/A1")
    assert rows["q3"][":LABEL"].split(ARRAY_DELIMITER) == ["Resource", "Quantity"]
    links = {(r[":START_ID"].rsplit("/", 1)[1], r[":END_ID"].rsplit("/", 1)[1])
             for r in read(out / "rels_HAS_QUANTITY.csv")}
    assert ("hengan", "q4") in links and len(links) == 5
    articles = {r["iri:ID"].rsplit("/", 1)[1]: r for r in read(out / "nodes_Article.csv")}
    assert articles["A1"]["date:string"] == "2022-09-30" and articles["A1"]["publisher:string"] == '某某日报, "晨刊"'
    script = (out / "load.cypher").read_text(encoding="utf-8")
    assert "n.value = toFloat(row.`value:double`)" in script and "n.approx = toBoolean(row.`approx:boolean`)" in script
    script = (out / "load.cypher").read_text(encoding="utf-8")
    for p in sorted(out.glob("*.csv")):
        assert f"'file:///{p.name}'" in script
    assert "CREATE CONSTRAINT resource_iri" in script and "split(row.`aliases:string[]`, '\\u001f')" in script
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true" in readme
    assert "--nodes=nodes_Place.csv" in readme and "--relationships=rels_locatedIn.csv" in readme
    assert "load.cypher" in readme
