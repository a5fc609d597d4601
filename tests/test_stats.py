"""Connectivity: the share of entities with at least one relation, per type."""
from __future__ import annotations

from kg.model import Edge, KnowledgeBase, Node
from kg.pipeline import BuildResult
from kg.stats import Share, connectivity, connectivity_line


def kb() -> KnowledgeBase:
    base = KnowledgeBase()
    for key, type_, inferred in (("Place:1", "Place", False), ("Place:2", "Place", True),
                                 ("Person:甲", "Person", False), ("Person:乙", "Person", False),
                                 ("PartyOrganisation:某村党支部", "PartyOrganisation", False)):
        base.nodes[key] = Node(key=key, name=key.split(":")[1], type=type_, inferred=inferred)
    base.edges[("Person:甲", "leads", "PartyOrganisation:某村党支部")] = Edge("Person:甲", "leads",
                                                                         "PartyOrganisation:某村党支部")
    base.edges[("Place:1", "locatedIn", "Place:2")] = Edge("Place:1", "locatedIn", "Place:2")
    return base


def test_connectivity_counts_either_end_and_skips_gazetteer_ancestors():
    shares = connectivity(kb())
    assert shares["Person"] == Share(1, 2)
    assert shares["PartyOrganisation"] == Share(1, 1)
    assert shares["Place"] == Share(1, 1)  # the ancestor the gazetteer added is not counted
    assert shares["Enterprise"] == Share(0, 0) and shares["Enterprise"].ratio == 1.0
    assert shares["all"] == Share(3, 4) and shares["all"].ratio == 0.75


def test_connectivity_line_in_the_build_summary():
    line = connectivity_line(kb())
    assert line.startswith("connectivity: 75% of entities have a relation (3/4); ")
    assert "Person 1/2" in line and "Enterprise" not in line
    assert line in BuildResult(kb()).summary()
    assert connectivity_line(KnowledgeBase()) == "connectivity: no entities"
