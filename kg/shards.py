"""One N-Quads file per article, so a build can be bulk-loaded shard by shard.

A triple store's bulk loader (Oxigraph, Jena's ``tdb2.tdbloader``, GraphDB,
Virtuoso's ``ld_dir``) can take the files in parallel or in any order, and no
loading process ever needs the whole graph. Each ``<article id>.nq`` holds that
article's named graph (as in ``kg.graph.build_dataset``: its description, the
``kg:mentionedIn`` links to it and the statements derived from it);
``_default.nq`` holds the default graph (entity names, types, codes and the
gazetteer's facts). The union of the files is exactly the build's dataset.

Files are sorted and written atomically, so the same build always gives the
same bytes and a loader never sees half a shard.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.exporters._rdf import OxTerm, term_memo
from kg.fsutil import atomic_open
from kg.graph import quads
from kg.iri import article_iri
from kg.model import KnowledgeBase

DEFAULT_SHARD = "_default.nq"
SUFFIX = ".nq"
# Characters a file name cannot (or should not) hold; '%' so that the encoding is reversible.
_UNSAFE = re.compile(r'[%/\\:*?"<>|\x00-\x1f\x7f]')


def shard_name(article_id: str) -> str:
    """The file name for an article's shard: its id, with unsafe characters %-encoded.

    A leading '.' (hidden file) or '_' (reserved for ``_default.nq``) is encoded too,
    so no two ids share a file and no article shadows the default graph.
    """
    name = _UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", article_id)
    if not name or name[0] in "._":
        name = f"%{ord(name[0]):02X}{name[1:]}" if name else "%00"
    return name + SUFFIX


def write_shards(kb: KnowledgeBase, out_dir: str | Path) -> list[Path]:
    """Write ``_default.nq`` and one ``<article id>.nq`` per article into ``out_dir``; returns the files.

    Only the files of this build are written; use an empty folder so that a
    bulk load does not pick up shards of an earlier build.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = {article_iri(article_id): shard_name(article_id) for article_id in kb.articles}
    term = term_memo()
    # per shard, its distinct quads as ((term, N-Triples text) x 3, graph name)
    groups: dict[str, dict[tuple, None]] = {DEFAULT_SHARD: {}, **{name: {} for name in names.values()}}
    graph_name: ox.DefaultGraph | OxTerm
    for s, p, o, g in quads(kb):
        if g is None:
            name, graph_name = DEFAULT_SHARD, ox.DefaultGraph()
        else:
            name, graph_name = names.get(g) or shard_name(str(g)), term(g)[0]
        groups.setdefault(name, {})[(term(s), term(p), term(o), graph_name)] = None
    written = []
    for name in sorted(groups):
        rows = sorted(groups[name], key=lambda row: (row[0][1], row[1][1], row[2][1]))
        target = out / name
        with atomic_open(target, "wb", encoding=None) as fh:
            ox.serialize([ox.Quad(s[0], p[0], o[0], g) for s, p, o, g in rows], fh, format=ox.RdfFormat.N_QUADS)
        written.append(target)
    return written
