"""Check a built graph against the SHACL shapes (``shapes.ttl``) and say what is wrong, readably.

    from kg.validate import validate_graph
    report = validate_graph("out/")          # a graph, a graph.ttl or its folder
    print(report.text())                      # one block per violation: node, path, message

pyshacl's own report is an RDF graph of blank nodes; ``Violation`` flattens
each result to the entity's label, the property path and the shape's message,
in a stable order, so reports can be read, compared and tested.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from kg.graph import bind_prefixes, load_graph
from kg.resources import read_text


@lru_cache(maxsize=1)
def _shapes_text() -> str:
    return read_text("shapes.ttl")


def load_shapes() -> Graph:
    """The shapes graph shipped with the package (``kg/resources/shapes.ttl``)."""
    return Graph().parse(data=_shapes_text(), format="turtle")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, flattened for people."""

    focus: str  # IRI of the node that fails
    label: str  # its rdfs:label (or article title, or decoded IRI tail)
    path: str  # the property, as a prefixed name ("" for a node-level constraint)
    message: str
    value: str = ""  # the offending value (its label), when it is not the focus node itself
    shape: str = ""  # the shape that failed, as a prefixed name
    severity: str = "Violation"

    def text(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.label} <{self.focus}>{where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """Whether a graph conforms, and every violation in a stable order."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        if self.conforms:
            return "conforms: yes (0 violations)"
        lines = [v.text() for v in self.violations]
        lines.append(f"conforms: no ({len(self.violations)} violation(s))")
        return "\n".join(lines)


def _short(graph: Graph, term: object) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - an IRI no prefix covers is shown whole
            return str(term)
    if isinstance(term, Literal):
        return str(term)
    return ""


def _path(graph: Graph, results: Graph, node: object) -> str:
    """A result path as text: a property, or ``^p`` / ``p1/p2`` for the simple complex paths."""
    if isinstance(node, URIRef):
        return _short(graph, node)
    if isinstance(node, BNode):
        inverse = results.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _path(graph, results, inverse)
        first = results.value(node, RDF.first)
        if first is not None:
            return "/".join(_path(graph, results, x) for x in results.items(node))
    return ""


def label_of(graph: Graph, node: object) -> str:
    """How a node is shown: its label or title; a statement as "head rel tail"; else its IRI's last segment."""
    subject = graph.value(node, RDF.subject) if isinstance(node, (URIRef, BNode)) else None
    if subject is not None:
        predicate, obj = graph.value(node, RDF.predicate), graph.value(node, RDF.object)
        rel = str(predicate).rsplit("#", 1)[-1] if predicate is not None else "?"
        return f"{label_of(graph, subject)} {rel} {label_of(graph, obj) if obj is not None else '?'}"
    for prop in (RDFS.label, DCTERMS.title):
        value = graph.value(node, prop) if isinstance(node, (URIRef, BNode)) else None
        if value is not None:
            return str(value)
    if isinstance(node, URIRef):
        return unquote(str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return str(node)


def validate_graph(graph: Graph | str | Path) -> ValidationReport:
    """Run the shapes over ``graph`` (an rdflib graph, a graph file, or a build folder)."""
    from pyshacl import validate

    if not isinstance(graph, Graph):
        graph = load_graph(graph)
    conforms, results, text = validate(graph, shacl_graph=load_shapes(), inference="none", advanced=False,
                                       allow_warnings=True, allow_infos=True)
    if not isinstance(results, Graph):  # pyshacl could not run the shapes at all
        raise ValueError(f"the SHACL shapes could not be run: {text}")
    shown = bind_prefixes(Graph())
    for prefix, ns in graph.namespaces():
        shown.bind(prefix, ns, override=False)
    shown.bind("kgsh", "https://w3id.org/kg-dangjian/shapes#")
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=str(focus),
            label=label_of(graph, focus),
            path=_path(shown, results, results.value(result, SH.resultPath)),
            message=messages[0] if messages else "does not conform",
            value=label_of(graph, value) if value is not None and value != focus else "",
            shape=_short(shown, results.value(result, SH.sourceShape)),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return ValidationReport(bool(conforms), sorted(set(violations)))


__all__ = ["ValidationReport", "Violation", "label_of", "load_shapes", "validate_graph"]
