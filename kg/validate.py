"""Check a built graph against the SHACL shapes (``shapes.ttl``) and say what is wrong, readably.

    from kg.validate import validate_graph
    report = validate_graph("out/")          # a graph, a graph.ttl or its folder
    print(report.text())                      # one block per violation: node, path, message

Two engines, one answer. pyshacl is the reference: its results are what the
report shows. It is also slow (about 40 s for the 176k triples of a 5 MB
corpus), so by default ``kg.screen``, a SHACL Core evaluator in plain Python,
judges every focus node first (about 1 s there, parsing included); a graph it
finds conforming stops there, and otherwise pyshacl re-validates only the part
of the graph around the nodes it flagged, to word the report. The screen flags
every node it cannot judge, and declines shapes it does not implement, so the
report is pyshacl's either way. ``engine="pyshacl"`` runs pyshacl over every node.

pyshacl's own report is an RDF graph of blank nodes; ``Violation`` flattens
each result to the entity's label, the property path and the shape's message,
in a stable order, so reports can be read, compared and tested.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import Node

from kg.graph import bind_prefixes, graph_file, load_graph
from kg.resources import read_text
from kg.screen import TripleIndex, Unsupported
from kg.screen import screen as run_screen

log = logging.getLogger(__name__)
ENGINES = ("auto", "pyshacl")


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


def label_of(graph: Graph, node: Node | None, _within: frozenset[Node] = frozenset()) -> str:
    """How a node is shown: its label or title; a statement as "head rel tail" (a statement that is
    its own head or tail, at any depth, as a plain node); else its IRI's last segment."""
    if isinstance(node, (URIRef, BNode)) and node not in _within:
        subject = graph.value(node, RDF.subject)
        if subject is not None:
            predicate, obj = graph.value(node, RDF.predicate), graph.value(node, RDF.object)
            rel = str(predicate).rsplit("#", 1)[-1] if predicate is not None else "?"
            within = _within | {node}
            tail = label_of(graph, obj, within) if obj is not None else "?"
            return f"{label_of(graph, subject, within)} {rel} {tail}"
    for prop in (RDFS.label, DCTERMS.title):
        value = graph.value(node, prop) if isinstance(node, (URIRef, BNode)) else None
        if value is not None:
            return str(value)
    if isinstance(node, URIRef):
        return unquote(str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return str(node)


def validate_graph(graph: Graph | str | Path, engine: str = "auto") -> ValidationReport:
    """Run the shapes over ``graph`` (an rdflib graph, a graph file, or a build folder).

    ``engine``: "auto" screens every node with ``kg.screen`` and has pyshacl word the report on
    the part of the graph around the nodes it flags (pyshacl alone when the screen cannot judge);
    "pyshacl" checks every node with pyshacl.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (choose from {', '.join(ENGINES)})")
    if not isinstance(graph, Graph):
        graph_file(graph)  # GraphNotFound before any work
    if engine == "auto":
        try:
            index, prefixes = _index(graph)
            focus = _screen(index)
        except Unsupported:  # e.g. RDF-star triples, which the index does not split
            focus = None
        if focus is not None and not focus:
            return ValidationReport(True, [])
        triples = _part(index, sorted(focus)) if focus else []
        if focus and not any(s[0] == "_" or o[0] == "_" for s, _, o in triples):
            # (a blank node would be named anew by the part's parse, and so shown differently)
            part = Graph().parse(data="\n".join(f"{s} {p} {o} ." for s, p, o in triples), format="nt")
            shown = graph if isinstance(graph, Graph) else _label_graph(index, part, prefixes)
            return _pyshacl_report(part, shown, {URIRef(f[1:-1]) for f in focus})
    full = graph if isinstance(graph, Graph) else load_graph(graph)
    return _pyshacl_report(full, full, None)


def _index(graph: Graph | str | Path) -> tuple[TripleIndex, dict[str, str]]:
    """The graph's triples indexed for the screen, and the prefixes its file declares.

    pyoxigraph reads Turtle and N-Triples files directly (a tenth of rdflib's time); anything else,
    or a file it finds malformed, is read by rdflib, which also words any syntax error.
    """
    file = None if isinstance(graph, Graph) else graph_file(graph)
    fmt = ox.RdfFormat.from_extension(file.suffix.lstrip(".").lower()) if file is not None else None
    if file is not None and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        try:
            quads = ox.parse(path=str(file), format=fmt)
            index = TripleIndex.from_quads(quads)
            return index, dict(quads.prefixes)
        except SyntaxError:
            pass
    source = graph if isinstance(graph, Graph) else load_graph(graph)
    return TripleIndex.parse(source.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES), {}


def _part(index: TripleIndex, nodes: Iterable[str]) -> list[tuple[str, str, str]]:
    """The triples holding all the shapes read about ``nodes``: their own triples, the types
    (and any property the shapes name) of their values, and one triple per predicate that points
    at them (what makes a node a target of sh:targetObjectsOf), all of them for a predicate a
    shape counts backwards (sh:inversePath: one subject per quantity)."""
    wanted = _value_predicates()
    counted = _inverse_predicates()
    picked: dict[tuple[str, str, str], None] = {}
    for node in nodes:
        for p, objects in index.out.get(node, {}).items():
            for o in objects:
                picked[node, p, o] = None
                for q, values in index.out.get(o, {}).items():
                    if q in wanted:
                        picked.update(((o, q, v), None) for v in values)
        for p, subjects in index.into.get(node, {}).items():
            # one per predicate makes a node a target; all, for a predicate a shape counts backwards
            for subject in subjects if p in counted else subjects[:1]:
                picked[subject, p, node] = None
    return list(picked)


_LABELS = tuple(f"<{p}>" for p in (RDFS.label, DCTERMS.title, RDF.subject, RDF.predicate, RDF.object))


def _label_graph(index: TripleIndex, part: Graph, prefixes: dict[str, str]) -> Graph:
    """What ``label_of`` reads about every node of ``part`` (labels, titles, a statement's
    terms, theirs in turn), in the file's order, so a report need not load the whole graph."""
    todo = [t.n3() for t in part.all_nodes() if isinstance(t, URIRef)]
    done: set[str] = set()
    lines = []
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for p in _LABELS:
            for o in index.objects(node, p):
                lines.append(f"{node} {p} {o} .")
                if p in _LABELS[2:] and not o.startswith('"'):
                    todo.append(o)
    shown = bind_prefixes(Graph())
    for prefix, ns in prefixes.items():
        shown.bind(prefix, ns, override=False)
    return shown.parse(data="\n".join(lines), format="nt")


@lru_cache(maxsize=1)
def _inverse_predicates() -> frozenset[str]:
    """Predicates whose incoming links a shape counts (``sh:inversePath``, e.g. one subject per quantity)."""
    shapes = load_shapes()
    return frozenset(f"<{p}>" for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef))


@lru_cache(maxsize=1)
def _value_predicates() -> frozenset[str]:
    """Predicates the shapes may read on a focus node's values: rdf:type (for sh:class) and every
    property a shape names (for shapes applied to values, as sh:node is)."""
    shapes = load_shapes()
    out = {f"<{RDF.type}>"}
    out.update(f"<{path}>" for path in shapes.objects(None, SH.path) if isinstance(path, URIRef))
    return frozenset(out)


def screen(graph: Graph | str | Path) -> set[str] | None:
    """IRIs of the focus nodes that the screen (``kg.screen``) finds in violation or cannot judge;
    empty: the graph conforms. None when it cannot judge this graph at all (shapes it does not
    implement, or a blank node or literal in violation): then pyshacl decides alone."""
    focus = _screen(_index(graph)[0])
    return None if focus is None else {f[1:-1] for f in focus}


def _screen(index: TripleIndex) -> set[str] | None:
    focus = run_screen(index, _shapes_text())
    if focus is not None and not focus <= index.iris:
        focus = None  # pyshacl's report on a part re-labels blank nodes: it checks the whole graph
    if focus is None and len(index.nodes) > 10_000:
        log.warning("the screen cannot judge this graph, so pyshacl checks all %d nodes alone, which is "
                    "slow on large graphs (build with --no-validate to skip it)", len(index.nodes))
    return focus


def _pyshacl_report(data: Graph, graph: Graph, nodes: set[URIRef] | None) -> ValidationReport:
    """pyshacl's results on ``data`` (all of ``graph``, or the part around ``nodes``), for people.

    pyshacl's own ``focus_nodes`` option is not used: it also filters the value nodes that
    nested shapes (sh:or of sh:class) are checked on, and so passes bad values.
    """
    from pyshacl import validate

    conforms, results, text = validate(data, shacl_graph=load_shapes(), inference="none", advanced=False,
                                       allow_warnings=True, allow_infos=True)
    if not isinstance(results, Graph):  # pyshacl could not run the shapes at all
        raise ValueError(f"the SHACL shapes could not be run: {text}")
    shown = bind_prefixes(Graph())
    for prefix, ns in graph.namespaces():
        shown.bind(prefix, ns, override=False)
    shown.bind("kgsh", "https://w3id.org/kg-dangjian/shapes#")
    violations = []
    for result in results.objects(None, SH.result):  # not the sh:detail results nested in them
        focus_node = results.value(result, SH.focusNode)
        if nodes is not None and focus_node not in nodes:
            continue  # a neighbour, seen with only part of its triples
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=str(focus_node),
            label=label_of(graph, focus_node),
            path=_path(shown, results, results.value(result, SH.resultPath)),
            message=messages[0] if messages else "does not conform",
            value=label_of(graph, value) if value is not None and value != focus_node else "",
            shape=_short(shown, results.value(result, SH.sourceShape)),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return ValidationReport(not violations if nodes is not None else bool(conforms), sorted(set(violations)))


__all__ = ["ENGINES", "ValidationReport", "Violation", "label_of", "load_shapes", "screen", "validate_graph"]
