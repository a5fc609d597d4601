"""Cross-article resolution: one node per real-world entity.

Places known to the gazetteer are identified by their administrative code, so
安丘 and 安丘市 in two articles are one node named by the gazetteer's full
name, and every such place is linked up its administrative chain (安丘市 ->
潍坊市 -> 山东省) with provenance "gazetteer". Other entities are identified by
type and canonical name; a name that another node of the same type lists as an
alias is merged into that node (华宇建材 -> 山东华宇建材有限公司).
"""
from __future__ import annotations

from itertools import pairwise

from kg.gazetteer import Gazetteer
from kg.model import METHOD_GAZETTEER, Edge, Extraction, KnowledgeBase, Node, Provenance, Quantity

MAX_EVIDENCE_PER_ARTICLE = 3


def node_key(type_: str, name: str, code: str | None = None) -> str:
    return f"Place:{code}" if type_ == "Place" and code else f"{type_}:{name}"


def resolve(extractions: list[Extraction], gaz: Gazetteer | None = None) -> KnowledgeBase:
    gaz = gaz or Gazetteer.default()
    kb = KnowledgeBase()
    # names that are aliases of a fuller name of the same type, anywhere in the corpus
    alias_of: dict[tuple[str, str], str] = {}
    for ex in extractions:
        for e in ex.entities:
            if e.type == "Place" and e.code:
                continue
            for a in e.aliases:
                if len(a) < len(e.name):
                    prev = alias_of.get((e.type, a))
                    if prev is None or (len(e.name), e.name) > (len(prev), prev):
                        alias_of[(e.type, a)] = e.name

    def canonical(type_: str, name: str) -> str:
        seen = set()
        while (type_, name) in alias_of and name not in seen:
            seen.add(name)
            name = alias_of[(type_, name)]
        return name

    for ex in sorted(extractions, key=lambda x: x.article.id):
        art = ex.article
        kb.articles[art.id] = art
        local: dict[tuple[str, str], str] = {}
        for e in ex.entities:
            name = canonical(e.type, e.name)
            code = e.code if e.type == "Place" else None
            key = node_key(e.type, name, code)
            node = kb.nodes.get(key)
            if node is None:
                full = gaz.divisions[code].name if code else name
                node = kb.nodes[key] = Node(key=key, name=full, type=e.type, code=code,
                                            level=gaz.divisions[code].level if code else None)
            for alias in {e.name, name, *e.aliases}:
                if alias and alias != node.name:
                    node.aliases.add(alias)
            node.articles.add(art.id)
            for m in e.mentions[:MAX_EVIDENCE_PER_ARTICLE]:
                if 0 <= m.sentence < len(ex.sentences):
                    item = (art.id, ex.sentences[m.sentence].strip())
                    if item not in node.evidence:
                        node.evidence.append(item)
            local[(e.type, e.name)] = key
            for alias in e.aliases:
                local.setdefault((e.type, alias), key)
        for r in ex.relations:
            h = local.get((r.head_type, r.head)) if r.head_type else None
            t = local.get((r.tail_type, r.tail)) if r.tail_type else None
            if h is None or t is None or h == t:
                continue
            _add_edge(kb, h, r.rel, t, Provenance(r.method, art.id, r.evidence))
        for f in ex.facts:  # a fact keeps its subject's node, whatever name resolution gave it
            subject_key = local.get((f.subject_type, f.subject))
            if subject_key is not None:
                kb.quantities.append(Quantity(subject_key, art.id, f))

    # administrative chains from the gazetteer
    for node in list(kb.nodes.values()):
        if node.type != "Place" or not node.code:
            continue
        chain = gaz.chain(node.code)
        for child, parent in pairwise(chain):
            pkey = node_key("Place", parent.name, parent.code)
            if pkey not in kb.nodes:
                kb.nodes[pkey] = Node(key=pkey, name=parent.name, type="Place", code=parent.code,
                                      level=parent.level, inferred=True)
            ckey = node_key("Place", child.name, child.code)
            _add_edge(kb, ckey, "locatedIn", pkey, Provenance(METHOD_GAZETTEER))

    for node in kb.nodes.values():
        node.evidence.sort()
    for edge in kb.edges.values():
        edge.provenance.sort(key=lambda p: (p.method, p.article or "", p.evidence or ""))
    kb.nodes = dict(sorted(kb.nodes.items()))
    kb.edges = dict(sorted(kb.edges.items()))
    return kb


def _add_edge(kb: KnowledgeBase, head: str, rel: str, tail: str, prov: Provenance) -> None:
    edge = kb.edges.get((head, rel, tail))
    if edge is None:
        edge = kb.edges[(head, rel, tail)] = Edge(head, rel, tail)
    if prov not in edge.provenance:
        edge.provenance.append(prov)
