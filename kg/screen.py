"""A SHACL Core screen in plain Python: which focus nodes might fail the shapes, in about a second.

pyshacl is the reference engine, but on a default install it spent 100 of the
140 seconds of a 5 MB corpus's build checking 176k triples. This module runs
the same shapes over an index of the graph's triples (N-Triples spellings, as
pyoxigraph parses them) and answers, for every focus node, *conforms*, *fails*
or *cannot tell*. Only nodes that surely conform pass; the others go to
pyshacl, which words the report (``kg.validate``). So the screen may flag too
much, never too little: what it cannot judge (a value of a datatype whose lexical
forms pyshacl would check) is "cannot tell", and shapes using a constraint, a
target or a path (other than a predicate or its inverse) it does not implement,
or referring to themselves, make it decline altogether (``None``).

Where SHACL leaves room, the semantics are pyshacl's (e.g. ``sh:languageIn``
matches a tag's first subtag; ``sh:flags`` honours ``i`` and ``m``). Literals
compare as RDF 1.1 terms, so ``"a"`` equals ``"a"^^xsd:string`` in ``sh:in`` and
``sh:hasValue``, where rdflib (and so pyshacl) tells them apart; no graph ``kg``
writes spells ``^^xsd:string`` out.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = f"<{RDF}type>"
XSD_STRING = f"{XSD}string"
LANG_STRING = f"{RDF}langString"

Verdict = bool | None  # True: conforms; False: fails; None: cannot tell (pyshacl decides)


# lexical forms surely valid for their datatype (rdflib, and so pyshacl, accepts them); a form that
# does not match is "cannot tell", never "fails": pyshacl then decides
_TZ = r"(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?"
_LEXICAL = {
    f"{XSD}decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    f"{XSD}integer": re.compile(r"[+-]?\d+"),
    f"{XSD}boolean": re.compile(r"true|false|1|0"),
    f"{XSD}gYear": re.compile(r"[12]\d{3}" + _TZ),
    f"{XSD}gYearMonth": re.compile(r"[12]\d{3}-(?:0[1-9]|1[0-2])" + _TZ),
}


def _well_formed(lexical: str, datatype: str) -> bool:
    """True when ``lexical`` is surely a valid form of ``datatype`` (the common ones, checked strictly)."""
    if datatype == f"{XSD}date":
        m = re.fullmatch(r"([12]\d{3}-\d{2}-\d{2})" + _TZ, lexical)
        if m is None:
            return False
        try:
            date.fromisoformat(m.group(1))
        except ValueError:
            return False
        return True
    pattern = _LEXICAL.get(datatype)
    return pattern is not None and pattern.fullmatch(lexical) is not None


class Unsupported(Exception):
    """The shapes use something this screen does not implement: pyshacl checks the whole graph."""


class TripleIndex:
    """A graph's triples as N-Triples spellings: objects by subject and predicate, subjects by
    object and predicate. A triple stated twice is indexed twice: only counting constraints can
    tell, and they count distinct values."""

    def __init__(self, lines: Iterable[str]):
        out: dict[str, dict[str, list[str]]] = {}
        into: dict[str, dict[str, list[str]]] = {}
        spelled: dict[str, str] = {}  # one string per term, however many triples name it
        for line in lines:
            s, p, o = line.rstrip("\n")[:-2].split(" ", 2)
            if s[0] not in "<_":
                raise Unsupported(f"not an N-Triples subject: {s[:80]}")  # e.g. an RDF-star triple
            s, p, o = spelled.setdefault(s, s), spelled.setdefault(p, p), spelled.setdefault(o, o)
            out.setdefault(s, {}).setdefault(p, []).append(o)
            if o[0] != '"':
                into.setdefault(o, {}).setdefault(p, []).append(s)
        self.out, self.into = out, into
        self.literals: dict[str, tuple[str, str, str]] = {}
        self.nodes = sorted(set(out) | set(into))
        self.iris = {n for n in self.nodes if n.startswith("<")}

    @classmethod
    def parse(cls, data: bytes | str | None = None, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE,
              path: str | None = None) -> TripleIndex:
        """Index RDF text (or a file) in any format pyoxigraph reads, via its N-Triples spelling."""
        return cls.from_quads(ox.parse(data, format=fmt) if path is None else ox.parse(path=path, format=fmt))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> TripleIndex:
        """Index parsed triples: pyoxigraph spells them as N-Triples (in Rust, faster than ``str``
        on each term), and the lines are split here."""
        text = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""
        return cls(io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))

    def objects(self, node: str, predicate: str) -> list[str]:
        return self.out.get(node, {}).get(predicate, [])

    def subjects(self, predicate: str, node: str) -> list[str]:
        return self.into.get(node, {}).get(predicate, [])

    def triples(self, predicate: str) -> Iterator[tuple[str, str]]:
        """(subject, object) pairs of one predicate."""
        for s, props in self.out.items():
            for o in props.get(predicate, ()):
                yield s, o

    def literal(self, term: str) -> tuple[str, str, str] | None:
        """Lexical form, datatype IRI and language of a literal (None for an IRI or blank node)."""
        if term[0] != '"':
            return None
        found = self.literals.get(term)
        if found is None:
            end = term.rindex('"')  # nothing after the closing quote can hold one
            lexical, rest = term[1:end], term[end + 1 :]
            if "\\" in lexical:
                lexical = _ESCAPE.sub(_unescape, lexical)
            if rest.startswith("@"):
                found = (lexical, LANG_STRING, rest[1:])
            else:
                found = (lexical, rest[3:-1] if rest.startswith("^^<") else XSD_STRING, "")
            self.literals[term] = found
        return found


_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"\'\\])')
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if code[0] in "uU" else _ECHAR[code]


# ---- compiled shapes ------------------------------------------------------------

Values = list[str]
Check = Callable[[str, Values], Verdict]  # (focus node, its value nodes) -> verdict


@dataclass(eq=False)
class Shape:
    """One shape: its path (``None`` for a node shape) and its constraints."""

    name: str
    path: tuple[str, bool] | None = None  # (predicate, inverse)
    checks: list[Check] = field(default_factory=list)
    memo: dict[str, Verdict] = field(default_factory=dict)

    def values(self, index: TripleIndex, focus: str) -> Values:
        if self.path is None:
            return [focus]
        predicate, inverse = self.path
        return index.subjects(predicate, focus) if inverse else index.objects(focus, predicate)

    def conforms(self, index: TripleIndex, focus: str) -> Verdict:
        """All constraints hold (three-valued AND). Shapes never refer back to themselves (the
        compiler refuses cycles), so this always ends."""
        if focus in self.memo:
            return self.memo[focus]
        values = self.values(index, focus)
        verdict: Verdict = True
        for check in self.checks:  # _and, unrolled: this and ``each`` run for every node and value
            result = check(focus, values)
            if result is False:
                verdict = False
                break
            if result is None:
                verdict = None
        self.memo[focus] = verdict
        return verdict


def _and(verdicts: Iterable[Verdict]) -> Verdict:
    """Three-valued AND: False if any is False, else None (cannot tell) if any is None, else True."""
    out: Verdict = True
    for v in verdicts:
        if v is False:
            return False
        if v is None:
            out = None
    return out


def _not(verdict: Verdict) -> Verdict:
    return None if verdict is None else not verdict


def each(test: Callable[[str], Verdict]) -> Check:
    """A constraint on every value node: fails if one fails, else cannot tell if one cannot."""
    def check(_focus: str, values: Values) -> Verdict:
        return _and(map(test, values))
    return check


def at_least(low: int, high: int, minimum: int) -> Verdict:
    """``count >= minimum`` when the count is only known to lie in [low, high]."""
    return True if low >= minimum else False if high < minimum else None


def at_most(low: int, high: int, maximum: int) -> Verdict:
    return True if high <= maximum else False if low > maximum else None


class Compiler:
    """Turns the shapes graph into ``Shape`` objects, refusing what it does not implement."""

    IGNORED = frozenset({f"<{SH}{n}>" for n in ("message", "name", "description", "severity", "order", "group",
                                                 "defaultValue")} | {TYPE, f"<{RDFS}label>", f"<{RDFS}comment>"})
    TARGETS = frozenset(f"<{SH}{n}>" for n in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"))

    def __init__(self, shapes: TripleIndex, data: TripleIndex):
        self.g = shapes
        self.data = data
        self.shapes: dict[str, Shape] = {}
        self.refers: dict[str, set[str]] = {}  # shape -> the shapes its constraints name

    def one(self, node: str, name: str) -> str | None:
        values = self.g.objects(node, f"<{SH}{name}>")
        if len(values) > 1:
            raise Unsupported(f"several sh:{name} on {node}")
        return values[0] if values else None

    def items(self, node: str) -> list[str]:
        out: list[str] = []
        while node != f"<{RDF}nil>":
            first, rest = self.g.objects(node, f"<{RDF}first>"), self.g.objects(node, f"<{RDF}rest>")
            if len(first) != 1 or len(rest) != 1 or len(out) > 10_000:
                raise Unsupported(f"malformed list at {node}")
            out.append(first[0])
            node = rest[0]
        return out

    def integer(self, node: str, name: str) -> int | None:
        value = self.one(node, name)
        if value is None:
            return None
        lexical, datatype, _ = self.g.literal(value) or ("", "", "")
        if datatype != f"{XSD}integer" or not re.fullmatch(r"[+-]?[0-9]+", lexical) or int(lexical) < 0:
            raise Unsupported(f"sh:{name} {value}")
        return int(lexical)

    def shape(self, node: str) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        shape = self.shapes[node] = Shape(node)
        path = self.one(node, "path")
        if path is not None:
            inverse = self.g.objects(path, f"<{SH}inversePath>")
            if path.startswith("<"):
                shape.path = (path, False)
            elif len(inverse) == 1 and inverse[0].startswith("<") and len(self.g.out.get(path, {})) == 1:
                shape.path = (inverse[0], True)
            else:
                raise Unsupported(f"path {path} of {node}")
        params = set(self.g.out.get(node, {})) - self.IGNORED - self.TARGETS - {f"<{SH}path>"}
        for p in sorted(params):
            if not p.startswith(f"<{SH}"):
                continue  # not SHACL: pyshacl ignores it too
            name = p[len(SH) + 1 : -1]
            if name in ("qualifiedMinCount", "qualifiedMaxCount", "flags"):
                continue  # read with their partner
            build = getattr(self, f"c_{name}", None)
            if build is None:
                raise Unsupported(f"sh:{name} on {node}")
            shape.checks.append(build(node, shape))
        return shape

    # -- one method per constraint component: c_<parameter>(shape node, shape) -> Check ----

    def c_class(self, node: str, shape: Shape) -> Check:
        cls = self.one(node, "class")
        return each(lambda v: v[0] != '"' and cls in self.data.objects(v, TYPE))

    def c_datatype(self, node: str, shape: Shape) -> Check:
        datatype = (self.one(node, "datatype") or "<>")[1:-1]

        def test(v: str) -> Verdict:
            lit = self.data.literal(v)
            if lit is None:
                return False
            if datatype == XSD_STRING:
                return lit[1] == XSD_STRING and not lit[2]
            if datatype == LANG_STRING:
                return bool(lit[2])
            if lit[1] == datatype:
                return True if _well_formed(lit[0], datatype) else None  # else pyshacl checks the form
            if datatype in (f"{RDFS}Literal", f"{RDFS}Datatype"):
                return None
            return False
        return each(test)

    def c_nodeKind(self, node: str, shape: Shape) -> Check:
        kinds = {"IRI": "<", "BlankNode": "_", "Literal": '"', "BlankNodeOrIRI": "_<", "BlankNodeOrLiteral": '_"',
                 "IRIOrLiteral": '<"'}
        kind = (self.one(node, "nodeKind") or "")[len(SH) + 1 : -1]
        if kind not in kinds:
            raise Unsupported(f"sh:nodeKind {kind}")
        allowed = kinds[kind]
        return each(lambda v: v[0] in allowed)

    def c_minCount(self, node: str, shape: Shape) -> Check:
        n = self.integer(node, "minCount") or 0
        return lambda _f, values: len(values) >= n and (n < 2 or len(set(values)) >= n)

    def c_maxCount(self, node: str, shape: Shape) -> Check:
        n = self.integer(node, "maxCount") or 0
        return lambda _f, values: len(values) <= n or len(set(values)) <= n

    def _string(self, v: str) -> str | None:
        """The string pyshacl measures and matches: an IRI itself, a literal's lexical form; blank: None."""
        if v[0] == "<":
            return v[1:-1]
        lit = self.data.literal(v)
        return None if lit is None else lit[0]

    def c_minLength(self, node: str, shape: Shape) -> Check:
        n = self.integer(node, "minLength") or 0

        def test(v: str) -> Verdict:
            text = self._string(v)
            return n == 0 or (text is not None and len(text) >= n)
        return each(test)

    def c_maxLength(self, node: str, shape: Shape) -> Check:
        n = self.integer(node, "maxLength") or 0

        def test(v: str) -> Verdict:
            text = self._string(v)
            return text is not None and len(text) <= n
        return each(test)

    def c_pattern(self, node: str, shape: Shape) -> Check:
        flags_term = self.one(node, "flags")
        flags_text = (self.g.literal(flags_term or "<>") or ("",))[0].lower()
        flags = (re.IGNORECASE if "i" in flags_text else 0) | (re.MULTILINE if "m" in flags_text else 0)
        patterns = []
        for term in self.g.objects(node, f"<{SH}pattern>"):
            lit = self.g.literal(term)
            if lit is None:
                raise Unsupported(f"sh:pattern {term}")
            patterns.append(re.compile(lit[0], flags))

        def test(v: str) -> Verdict:
            text = self._string(v)
            return text is not None and all(p.search(text) for p in patterns)
        return each(test)

    def c_languageIn(self, node: str, shape: Shape) -> Check:
        wanted = set()
        for item in self.items(self.one(node, "languageIn") or f"<{RDF}nil>"):
            lit = self.g.literal(item)
            if lit is None:
                raise Unsupported(f"sh:languageIn {item}")
            wanted.add(lit[0].lower())

        def test(v: str) -> Verdict:
            lit = self.data.literal(v)
            tag = lit[2].lower() if lit is not None else ""
            return bool(tag) and ("*" in wanted or tag in wanted or tag.split("-")[0] in wanted)
        return each(test)

    def c_in(self, node: str, shape: Shape) -> Check:
        members = frozenset(self.items(self.one(node, "in") or f"<{RDF}nil>"))
        return each(lambda v: v in members)

    def c_hasValue(self, node: str, shape: Shape) -> Check:
        wanted = self.g.objects(node, f"<{SH}hasValue>")
        return lambda _f, values: all(w in values for w in wanted)

    def _nested(self, node: str, name: str) -> list[Shape]:
        return [self._refer(node, s) for s in self.g.objects(node, f"<{SH}{name}>")]

    def _refer(self, node: str, other: str) -> Shape:
        self.refers.setdefault(node, set()).add(other)
        return self.shape(other)

    def check_acyclic(self) -> None:
        """Refuse recursive shapes (SHACL leaves their meaning open; pyshacl warns and goes on)."""
        done: set[str] = set()

        def visit(node: str, path: tuple[str, ...]) -> None:
            if node in path:
                raise Unsupported(f"recursive shape {node}")
            if node not in done:
                for other in self.refers.get(node, ()):
                    visit(other, (*path, node))
                done.add(node)
        for node in list(self.refers):
            visit(node, ())

    def _conforms(self, shape: Shape) -> Callable[[str], Verdict]:
        return lambda v: shape.conforms(self.data, v)

    def c_node(self, node: str, shape: Shape) -> Check:
        return self._all(self._nested(node, "node"))

    def c_property(self, node: str, shape: Shape) -> Check:
        return self._all(self._nested(node, "property"))

    def _all(self, nested: list[Shape]) -> Check:
        tests = [each(self._conforms(s)) for s in nested]
        return lambda focus, values: _and(t(focus, values) for t in tests)

    def c_not(self, node: str, shape: Shape) -> Check:
        nested = self._nested(node, "not")

        return each(lambda v: _and(_not(s.conforms(self.data, v)) for s in nested))

    def _members(self, node: str, name: str) -> list[list[Shape]]:
        return [[self._refer(node, m) for m in self.items(lst)] for lst in self.g.objects(node, f"<{SH}{name}>")]

    def c_and(self, node: str, shape: Shape) -> Check:
        return self._all([m for members in self._members(node, "and") for m in members])

    def c_or(self, node: str, shape: Shape) -> Check:
        def count(members: list[Shape]) -> Callable[[str], Verdict]:
            return lambda v: self._count(members, v, lambda low, high: at_least(low, high, 1))
        return self._all_lists(node, "or", count)

    def c_xone(self, node: str, shape: Shape) -> Check:
        def count(members: list[Shape]) -> Callable[[str], Verdict]:
            return lambda v: self._count(members, v, lambda low, high: (
                True if low == high == 1 else False if low > 1 or high < 1 else None))
        return self._all_lists(node, "xone", count)

    def _all_lists(self, node: str, name: str, count: Callable[[list[Shape]], Callable[[str], Verdict]]) -> Check:
        tests = [each(count(members)) for members in self._members(node, name)]
        return lambda focus, values: _and(t(focus, values) for t in tests)

    def _count(self, members: list[Shape], v: str, decide: Callable[[int, int], Verdict]) -> Verdict:
        """How many ``members`` ``v`` conforms to, as a range [sure, possible], judged by ``decide``."""
        verdicts = [m.conforms(self.data, v) for m in members]
        return decide(verdicts.count(True), verdicts.count(True) + verdicts.count(None))

    def c_qualifiedValueShape(self, node: str, shape: Shape) -> Check:
        if self.one(node, "qualifiedValueShapesDisjoint") not in (None, f'"false"^^<{XSD}boolean>'):
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        nested = self._nested(node, "qualifiedValueShape")
        if len(nested) != 1:
            raise Unsupported(f"{len(nested)} sh:qualifiedValueShape on {node}")
        low_bound, high_bound = self.integer(node, "qualifiedMinCount"), self.integer(node, "qualifiedMaxCount")

        def check(_focus: str, values: Values) -> Verdict:
            verdicts = [nested[0].conforms(self.data, v) for v in dict.fromkeys(values)]
            low, high = verdicts.count(True), verdicts.count(True) + verdicts.count(None)
            return _and([at_least(low, high, low_bound) if low_bound is not None else True,
                         at_most(low, high, high_bound) if high_bound is not None else True])
        return check

    def c_qualifiedValueShapesDisjoint(self, node: str, shape: Shape) -> Check:
        return lambda _f, _v: True  # checked (false only) with sh:qualifiedValueShape

    def c_deactivated(self, node: str, shape: Shape) -> Check:
        raise Unsupported("sh:deactivated")


@lru_cache(maxsize=4)
def _shapes_index(text: str) -> TripleIndex:
    return TripleIndex.parse(text)


def targets(shapes: TripleIndex, data: TripleIndex, node: str) -> set[str]:
    """The focus nodes a shape's target declarations select in the data graph."""
    out: set[str] = set()
    for cls in shapes.objects(node, f"<{SH}targetClass>"):
        out.update(data.subjects(TYPE, cls))
    out.update(shapes.objects(node, f"<{SH}targetNode>"))
    for p in shapes.objects(node, f"<{SH}targetSubjectsOf>"):
        out.update(s for s, _ in data.triples(p))
    for p in shapes.objects(node, f"<{SH}targetObjectsOf>"):
        out.update(o for _, o in data.triples(p))
    return out


def screen(data: TripleIndex, shapes_text: str) -> set[str] | None:
    """Focus nodes (N-Triples spellings) that do not surely conform to the shapes; empty: the
    graph conforms. None when the screen cannot judge this data with these shapes."""
    shapes = _shapes_index(shapes_text)
    if any(data.triples(f"<{RDFS}subClassOf>")):
        return None  # sh:class and targets would need the subclass closure: pyshacl does it
    declared = {s for s, props in shapes.out.items()
                if set(props) & Compiler.TARGETS or set(props.get(TYPE, ())) & {f"<{SH}NodeShape>",
                                                                                  f"<{SH}PropertyShape>"}}
    if any(set(shapes.objects(s, TYPE)) & {f"<{RDFS}Class>", "<http://www.w3.org/2002/07/owl#Class>"}
           for s in declared) or any(shapes.triples(f"<{SH}target>")):
        return None  # implicit class targets and SPARQL targets are not implemented
    compiler = Compiler(shapes, data)
    flagged: set[str] = set()
    try:
        compiled = [compiler.shape(node) for node in sorted(declared)]
        compiler.check_acyclic()
    except Unsupported:
        return None
    for node, shape in zip(sorted(declared), compiled, strict=True):
        for focus in targets(shapes, data, node) - flagged:
            if shape.conforms(data, focus) is not True:
                flagged.add(focus)
    return flagged


__all__ = ["TripleIndex", "Unsupported", "screen"]
