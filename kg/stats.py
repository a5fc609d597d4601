"""Figures about a built knowledge base that say how usable the graph is.

Connectivity: the share of entities that take part in at least one relation
(``locatedIn``, ``partyOrgOf``, ``memberOf``, ``leads``, ``implements``, in
either direction; ``mentionedIn`` is not a relation between entities). An
entity without one is an isolated dot in the HTML view and a dead end in SPARQL.
Places the gazetteer added as ancestors (no article names them) are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.model import ENTITY_TYPES, KnowledgeBase


@dataclass(frozen=True)
class Share:
    linked: int
    total: int

    @property
    def ratio(self) -> float:
        return self.linked / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.linked}/{self.total}"


def connectivity(kb: KnowledgeBase) -> dict[str, Share]:
    """Per entity type, then ``"all"``: entities with at least one relation / entities."""
    linked = {k for h, _, t in kb.edges for k in (h, t)}
    counts = {t: [0, 0] for t in ENTITY_TYPES}
    for key, node in kb.nodes.items():
        if node.inferred:
            continue
        c = counts.setdefault(node.type, [0, 0])
        c[0] += key in linked
        c[1] += 1
    out = {t: Share(a, b) for t, (a, b) in counts.items()}
    out["all"] = Share(sum(s.linked for s in out.values()), sum(s.total for s in out.values()))
    return out


def connectivity_line(kb: KnowledgeBase) -> str:
    """One summary line: the overall share, then each type's linked/total."""
    shares = connectivity(kb)
    total = shares.pop("all")
    if not total.total:
        return "connectivity: no entities"
    return (f"connectivity: {total.ratio:.0%} of entities have a relation ({total}); "
            + ", ".join(f"{t} {s}" for t, s in shares.items() if s.total))
