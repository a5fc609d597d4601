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
                     "sourceFile:string,mentions:int,:LABEL"
    rows = {r["iri:ID"].rsplit("/", 1)[1]: r for r in read(out / "nodes_Enterprise.csv")}
    assert rows["hongxing"]["name:string"] == "“红星”机械厂, 有限公司"
    assert rows["hongxing"]["aliases:string[]"].split(ARRAY_DELIMITER) == ['Hongxing "Red Star" Co., Ltd.', "红星\n机械"]
    assert rows["hongxing"][":LABEL"].split(ARRAY_DELIMITER) == ["Resource", "Enterprise"]
    assert rows["hongxing"]["mentions:int"] == "1"
    rels = read(out / "rels_memberOf.csv")
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert rels[0][":TYPE"] == "memberOf"
    assert rels[0]["evidence:string[]"] == '“红星”机械厂, 有限公司是任城区"红链"党建联盟的成员企业,\n负责人说：\\“好”'
    total = sum(len(read(p)) for p in out.glob("rels_*.csv"))
    assert total == 50
    script = (out / "load.cypher").read_text(encoding="utf-8")
    for p in sorted(out.glob("*.csv")):
        assert f"'file:///{p.name}'" in script
    assert "CREATE CONSTRAINT resource_iri" in script and "split(row.`aliases:string[]`, '\\u001f')" in script
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true" in readme
    assert "--nodes=nodes_Place.csv" in readme and "--relationships=rels_locatedIn.csv" in readme
    assert "load.cypher" in readme
