"""Cypher export: MERGE statements whose string literals read back exactly."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from kg import exporters
from kg.exporters.cypher import string_literal

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "graph.ttl"
NEO4J_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def read_neo4j_string(literal: str) -> str:
    """Decode a single-quoted Cypher string the way Neo4j does."""
    assert literal[0] == literal[-1] == "'"
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt == "u":
                out.append(chr(int(body[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(NEO4J_UNESCAPE[nxt])
            i += 2
            continue
        assert ch != "'", "unescaped quote"
        out.append(ch)
        i += 1
    return "".join(out)


@pytest.mark.parametrize("text", ["a'b", 'a"b', "back\\slash", "end\\", "new\nline\r\n", "tab\t", "\x1f",
                                  "中文“引号”,逗号"])
def test_neo4j_string_literals_round_trip(text: str) -> None:
    lit = string_literal(text)
    assert "\n" not in lit
    assert read_neo4j_string(lit) == text


@given(st.text())
def test_any_text_round_trips_through_a_neo4j_string_literal(text: str) -> None:
    lit = string_literal(text)
    assert "\n" not in lit and "\r" not in lit
    assert read_neo4j_string(lit) == text


def test_neo4j_script(tmp_path: Path) -> None:
    (out,) = exporters.export(Graph().parse(FIXTURE), "cypher", tmp_path / "g.cypher")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("CREATE CONSTRAINT resource_iri IF NOT EXISTS")
    merges = [line for line in lines if line.startswith("MERGE (n:Resource")]
    rels = [line for line in lines if line.startswith("MATCH ")]
    assert len(merges) == 34 and len(rels) == 55  # 5 of each are quantities and their HAS_QUANTITY links
    assert all(line.endswith(";") for line in lines[1:])
    hongxing = next(line for line in merges if "enterprise/hongxing" in line)
    assert "SET n:`Enterprise`" in hongxing
    name = re.search(r"n\.name = ('(?:[^'\\]|\\.)*')", hongxing).group(1)
    assert read_neo4j_string(name) == "“红星”机械厂, 有限公司"
    aliases = re.search(r"n\.aliases = \[(.*?)\](,|;)", hongxing).group(1)
    assert [read_neo4j_string(a) for a in re.findall(r"'(?:[^'\\]|\\.)*'", aliases)] == [
        'Hongxing "Red Star" Co., Ltd.', "红星\n机械"]
    q4_iri = "https://w3id.org/kg-dangjian/resource/quantity/q4"
    q4 = next(line for line in merges if line.startswith(f"MERGE (n:Resource {{iri: '{q4_iri}'}})"))
    assert "SET n:`Quantity`" in q4 and "n.value = 300000000.0" in q4 and "n.approx = false" in q4
    assert any("[r:`HAS_QUANTITY`]" in line and "enterprise/hengan" in line and "quantity/q4" in line
               for line in rels)


def test_kuzu_script_declares_tables(tmp_path: Path) -> None:
    (out,) = exporters.export(Graph().parse(FIXTURE), "cypher", tmp_path / "g.cypher", dialect="kuzu")
    text = out.read_text(encoding="utf-8")
    assert "CREATE NODE TABLE IF NOT EXISTS `Place`(iri STRING" in text
    located = next(line for line in text.splitlines() if line.startswith("CREATE REL TABLE IF NOT EXISTS `locatedIn`("))
    assert "FROM `Place` TO `Place`" in located and "FROM `Enterprise` TO `Place`" in located
    assert "'红星\n机械'" in text  # Kuzu keeps raw control characters in strings
