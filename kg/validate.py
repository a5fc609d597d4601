"""Check a built graph against the SHACL shapes (``shapes.ttl``) and say what is wrong, readably.

    from kg.validate import validate_graph
    report = validate_graph("out/")          # a graph, a graph.ttl or its folder
    print(report.text())                      # one block per violation: node, path, message

Two engines, one answer. pyshacl is the reference: its results are what the
report shows. It is also slow (about 30 s for the 170k triples of a 5 MB
corpus), so by default rudof (``pyrudof``, a SHACL engine in Rust) screens the
whole graph first (about 6 s); a conforming graph stops there, and otherwise
pyshacl re-validates only the part of the graph around the focus nodes rudof
flagged, to word the report.
``engine="pyshacl"`` runs pyshacl over every node.

pyshacl's own report is an RDF graph of blank nodes; ``Violation`` flattens
each result to the entity's label, the property path and the shape's message,
in a stable order, so reports can be read, compared and tested.
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from kg.graph import bind_prefixes, graph_file, load_graph
from kg.resources import read_text

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


def validate_graph(graph: Graph | str | Path, engine: str = "auto") -> ValidationReport:
    """Run the shapes over ``graph`` (an rdflib graph, a graph file, or a build folder).

    ``engine``: "auto" screens with rudof and words the violations with pyshacl
    (pyshacl alone when pyrudof is missing or fails); "pyshacl" checks every node with pyshacl.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (choose from {', '.join(ENGINES)})")
    if not isinstance(graph, Graph):
        graph_file(graph)  # GraphNotFound before any work
    if engine == "auto":
        index = _TripleIndex.of(graph)
        focus = _screen(index)
        if focus is not None:
            if not focus:
                return ValidationReport(True, [])
            part = Graph().parse(data="\n".join(index.part(sorted(focus))), format="nt")
            full = graph if isinstance(graph, Graph) else load_graph(graph)
            return _pyshacl_report(part, full, {URIRef(f[1:-1]) for f in focus})
    full = graph if isinstance(graph, Graph) else load_graph(graph)
    return _pyshacl_report(full, full, None)


# rudof keeps several KB per focus node and constraint (2.5 GB for the 20k statements of a
# 5 MB corpus in one run), so it checks the graph in parts of this many nodes (360 MB at most there)
SCREEN_PART = 1000


class _TripleIndex:
    """A graph's triples as N-Triples terms, by subject and by object, to cut into self-contained parts."""

    def __init__(self, triples: Iterable[tuple[str, str, str]]):
        self.out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.into: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
        self.counted_into: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        counted = _inverse_predicates()
        for t in triples:
            self.out[t[0]].append(t)
            if not t[2].startswith('"'):
                self.into[t[2]].setdefault(t[1], t)  # one per predicate makes a node a target
                if t[1] in counted:  # ... but a shape counts these (sh:inversePath): keep them all
                    self.counted_into[t[2]].append(t)
        self.nodes = sorted(set(self.out) | set(self.into))
        self.iris = {n for n in self.nodes if n.startswith("<")}
        self.value_predicates = _value_predicates()

    @classmethod
    def of(cls, graph: Graph | str | Path) -> _TripleIndex:
        import pyoxigraph as ox

        spelled: dict[str, str] = {}  # one string per term, however many triples name it

        def triples(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, str, str]]:
            for q in quads:
                s, p, o = str(q.subject), str(q.predicate), str(q.object)
                yield spelled.setdefault(s, s), spelled.setdefault(p, p), spelled.setdefault(o, o)

        file = None if isinstance(graph, Graph) else graph_file(graph)
        fmt = ox.RdfFormat.from_extension(file.suffix.lstrip(".").lower()) if file is not None else None
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            try:
                return cls(triples(ox.parse(path=str(file), format=fmt)))
            except SyntaxError:
                pass  # rdflib reads it below, and words the error if it is one
        source = graph if isinstance(graph, Graph) else load_graph(graph)
        return cls(triples(ox.parse(source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)))

    def part(self, nodes: Iterable[str]) -> list[str]:
        """N-Triples lines holding all the shapes read about ``nodes``: their own triples, the
        types (and sh:node properties) of their values, and one triple per predicate that points
        at them (what makes a node a target of sh:targetObjectsOf), all of them for a predicate
        a shape counts backwards (sh:inversePath)."""
        picked: dict[tuple[str, str, str], None] = {}
        for node in nodes:
            for t in self.out.get(node, ()):
                picked[t] = None
                for u in self.out.get(t[2], ()):
                    if u[1] in self.value_predicates:
                        picked[u] = None
            for t in self.into.get(node, {}).values():
                picked[t] = None
            for t in self.counted_into.get(node, ()):
                picked[t] = None
        return [f"{s} {p} {o} ." for s, p, o in picked]


@lru_cache(maxsize=1)
def _inverse_predicates() -> frozenset[str]:
    """Predicates whose incoming links a shape counts (``sh:inversePath``, e.g. one subject per quantity)."""
    shapes = load_shapes()
    return frozenset(f"<{p}>" for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef))


@lru_cache(maxsize=1)
def _value_predicates() -> frozenset[str]:
    """Predicates the shapes read on a focus node's values: rdf:type (for sh:class) and the paths
    of the shapes reached through sh:node."""
    shapes = load_shapes()
    out = {f"<{RDF.type}>"}
    for shape in shapes.objects(None, SH.node):
        for prop in shapes.objects(shape, SH.property):
            out.update(f"<{path}>" for path in shapes.objects(prop, SH.path) if isinstance(path, URIRef))
    return frozenset(out)


def screen(graph: Graph | str | Path, part_size: int = SCREEN_PART) -> set[str] | None:
    """IRIs of the focus nodes that rudof finds in violation (empty: the graph conforms).

    None when rudof cannot say (pyrudof not installed, a blank node or literal in violation, or
    rudof failed): then pyshacl decides alone.
    """
    focus = _screen(_TripleIndex.of(graph), part_size)
    return None if focus is None else {f[1:-1] for f in focus}


def _screen(index: _TripleIndex, part_size: int = SCREEN_PART) -> set[str] | None:
    try:
        import pyrudof
    except ImportError:
        if len(index.nodes) > 10 * part_size:
            log.warning("pyrudof is not installed, so pyshacl checks all %d nodes alone, which is slow on "
                        "large graphs (pip install 'kg[fast]', or build with --no-validate)", len(index.nodes))
        return None
    parts = [index.nodes[i : i + part_size] for i in range(0, len(index.nodes), part_size)]
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as tmp, \
            resources.as_file(resources.files("kg.resources").joinpath("shapes.ttl")) as shapes:

        def check(numbered: tuple[int, list[str]]) -> set[str] | None:
            number, nodes = numbered
            data = Path(tmp) / f"part{number}.nt"
            data.write_text("\n".join(index.part(nodes)) + "\n", encoding="utf-8")
            try:
                rudof = pyrudof.Rudof(pyrudof.RudofConfig())
                # Path objects: a str would also be tried as inline data or as a URL
                rudof.read_data(data, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
                rudof.read_shacl(Path(shapes), reader_mode=pyrudof.ReaderMode.Strict)
                report = rudof.validate_shacl()
            except Exception as exc:  # noqa: BLE001 - pyshacl is the reference; fall back to it
                log.info("rudof could not validate the graph (%s); using pyshacl alone", exc)
                return None
            finally:
                data.unlink(missing_ok=True)
            # rudof writes an IRI bare; anything it names that is not an IRI node of the graph (a
            # blank node, a literal, a spelling this code does not know) goes to pyshacl whole
            found = {str(result.focus_node) for result in report.violations}
            found = {f if f.startswith("<") else f"<{f}>" for f in found}
            if not found <= index.iris:
                return None
            return found.intersection(nodes)

        # rudof gives up the GIL for part of its work: two parts at a time use a second core
        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            results = list(pool.map(check, enumerate(parts)))
    if any(r is None for r in results):
        return None
    return set().union(*results)


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
    for result in results.subjects(RDF.type, SH.ValidationResult):
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
