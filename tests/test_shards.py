"""``--shards DIR``: one N-Quads file per article; together they are exactly the build's dataset."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.exporters._rdf import to_ox
from kg.graph import build_dataset
from kg.iri import article_iri
from kg.shards import DEFAULT_SHARD, shard_name, write_shards

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def kb(seed_build):
    return seed_build.result.kb  # conftest.py: resolve(run_extraction(seeds/)) inside build(), once per session


def _dataset_quads(kb) -> set[ox.Quad]:
    quads = set()
    for s, p, o, g in build_dataset(kb).quads((None, None, None, None)):
        ident = getattr(g, "identifier", g)
        name = ox.DefaultGraph() if ident is None or str(ident) == "urn:x-rdflib:default" else ox.NamedNode(str(ident))
        quads.add(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name))
    return quads


def test_one_file_per_article_and_union_is_the_dataset(kb, tmp_path):
    written = write_shards(kb, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([DEFAULT_SHARD] + [shard_name(a) for a in kb.articles])
    assert sorted(p.name for p in written) == names
    union: set[ox.Quad] = set()
    for path in written:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        assert quads, path
        graphs = {q.graph_name for q in quads}
        if path.name == DEFAULT_SHARD:
            assert graphs == {ox.DefaultGraph()}
        else:
            (article,) = [a for a in kb.articles if shard_name(a) == path.name]
            assert graphs == {ox.NamedNode(str(article_iri(article)))}
        union.update(quads)
    assert union == _dataset_quads(kb)


def test_shards_are_byte_stable_and_atomic(kb, tmp_path):
    a = {p.name: p.read_bytes() for p in write_shards(kb, tmp_path / "a")}
    b = {p.name: p.read_bytes() for p in write_shards(kb, tmp_path / "b")}
    assert a == b
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]


def test_shard_names_are_safe_and_distinct():
    assert shard_name("000_abc-1") == "000_abc-1.nq"
    assert shard_name("a/b") == "a%2Fb.nq" and shard_name("a%2Fb") == "a%252Fb.nq"
    assert shard_name("_default") != DEFAULT_SHARD and shard_name(".hidden") == "%2Ehidden.nq"


def test_kg_build_shards(tmp_path):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet", "--format", "turtle",
                 "--shards", str(tmp_path / "shards")]) == 0
    assert (tmp_path / "shards" / DEFAULT_SHARD).exists()
    assert len(list((tmp_path / "shards").glob("*.nq"))) == 10  # nine articles in five files, and the default graph
