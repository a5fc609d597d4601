"""SPARQL over the built graph: named queries, safe parameters, result formats.

Named queries are ``.rq`` files in ``kg/resources/queries`` that start with a comment
header::

    # name: entities-in-place
    # description: Entities of one type in a place or anywhere below it
    # params: type:type place:name

Each parameter is ``variable:kind`` (kinds in ``PARAM_KINDS``), optionally
with ``=default`` or ``?`` (may be left out: the variable stays unbound).
Values are turned into RDF terms by the RDF library (so quotes,
backslashes and newlines are escaped by it, never by us) and bound with a
``VALUES`` block placed at the start of the query's outermost group. The same
bound text runs unchanged in the embedded store, over HTTP against
``kg serve`` and in rdflib, so all three answer the same question.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pyoxigraph as ox

from kg.exceptions import KgError
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.registry import scan_folder
from kg.textwidth import clip, display_width, pad
from kg.vocab import KG, PREFIXES

if TYPE_CHECKING:
    from kg.registry import Traversable

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


class QueryError(KgError):
    """A query that cannot run: bad syntax (with line and column), unknown name, bad parameter."""


# --------------------------------------------------------------------------- parameters

PARAM_KINDS: dict[str, str] = {
    "name": "an entity name as written, e.g. 济宁市 (matched against labels and aliases)",
    "type": "an entity type: " + ", ".join(ENTITY_TYPES),
    "relation": "a relation: " + ", ".join(RELATION_TYPES),
    "string": "a plain string",
    "int": "an integer",
    "iri": "an IRI, full (https://…) or prefixed (kgr:place/370800)",
}


@dataclass(frozen=True)
class Param:
    """One parameter of a named query: the SPARQL variable it binds and how to read values."""

    name: str
    kind: str
    default: str | None = None
    optional: bool = False

    def spec(self) -> str:
        if self.default is not None:
            return f"{self.name}:{self.kind}={self.default}"
        return f"{self.name}:{self.kind}{'?' if self.optional else ''}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    source: str = ""


_PARAM_RE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*):(?P<kind>[a-z]+)(?:(?P<opt>\?)|=(?P<default>\S+))?$")


def parse_header(text: str, source: str = "") -> NamedQuery:
    """Read the ``# name/description/params`` header of a ``.rq`` file."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped.lstrip("#").strip().partition(":")
        if sep and key.strip() in ("name", "description", "params"):
            fields[key.strip()] = value.strip()
    if "name" not in fields or "description" not in fields:
        raise QueryError(f"{source or 'query'}: header needs '# name:' and '# description:' lines")
    params = []
    for spec in fields.get("params", "").split():
        m = _PARAM_RE.match(spec)
        if not m or m["kind"] not in PARAM_KINDS:
            raise QueryError(f"{source}: bad parameter spec {spec!r} (want var:kind, var:kind=default or var:kind?)")
        params.append(Param(m["name"], m["kind"], m["default"], bool(m["opt"]) or m["default"] is not None))
    return NamedQuery(fields["name"], fields["description"], tuple(params), text, source)


def named_queries() -> dict[str, NamedQuery]:
    """All named queries shipped in ``kg/resources/queries``, by name, in name order."""
    def load(entry: Traversable) -> tuple[str, NamedQuery]:
        query = parse_header(entry.read_text(encoding="utf-8"), entry.name)
        return query.name, query

    return scan_folder(resources.files("kg.resources").joinpath("queries"), ".rq", load)


def get_named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; `kg query --list` shows them: {', '.join(queries)}")
    return queries[name]


def _choice(value: str, choices: Sequence[str], what: str) -> str:
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise QueryError(f"{value!r} is not {what}; use one of {', '.join(choices)}")


def make_term(kind: str, value: str) -> Term:
    """The RDF term for a parameter value, built by pyoxigraph (which does all escaping)."""
    if kind == "name":
        return ox.Literal(value.strip(), language="zh")
    if kind == "string":
        return ox.Literal(value)
    if kind == "int":
        try:
            return ox.Literal(int(value))
        except ValueError:
            raise QueryError(f"{value!r} is not an integer") from None
    if kind == "type":
        return ox.NamedNode(str(KG[_choice(value, ENTITY_TYPES, "an entity type")]))
    if kind == "relation":
        return ox.NamedNode(str(KG[_choice(value, RELATION_TYPES, "a relation")]))
    if kind == "iri":
        iri = value.strip()
        if iri.startswith("<") and iri.endswith(">"):
            iri = iri[1:-1]
        prefix, sep, local = iri.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            iri = str(PREFIXES[prefix]) + local
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"{value!r} is not an IRI: {exc}") from None
    raise QueryError(f"unknown parameter kind {kind!r}")


def bind_arguments(
    query: NamedQuery, positional: Sequence[str] = (), named: Mapping[str, str] | None = None
) -> dict[str, Term | None]:
    """Match command-line values to a named query's parameters (``None`` = leave unbound)."""
    named = dict(named or {})
    if len(positional) > len(query.params):
        raise QueryError(
            f"{query.name} takes {len(query.params)} argument(s) ({_usage(query)}), got {len(positional)}"
        )
    known = {p.name for p in query.params}
    unknown = sorted(set(named) - known)
    if unknown:
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)} ({_usage(query)})")
    bindings: dict[str, Term | None] = {}
    for i, param in enumerate(query.params):
        if i < len(positional):
            if param.name in named:
                raise QueryError(f"parameter {param.name} given twice")
            value: str | None = positional[i]
        else:
            value = named.get(param.name, param.default)
        if value is None:
            if not param.optional:
                raise QueryError(f"{query.name} needs {param.name} ({PARAM_KINDS[param.kind]}); usage: {_usage(query)}")
            bindings[param.name] = None
        else:
            bindings[param.name] = make_term(param.kind, value)
    return bindings


def _usage(query: NamedQuery) -> str:
    return " ".join(p.spec() for p in query.params) or "no parameters"


# --------------------------------------------------------------------------- binding by VALUES

def _outer_group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the query's outermost group.

    Skips comments, string literals and IRIs, so a ``{`` or ``#`` inside them
    is not mistaken for syntax.
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "'\"":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\x00-\x20]*>", sparql[i:])
            if m:
                i += m.end()
                continue
        if c == "{":
            return i + 1
        i += 1
    raise QueryError("query has no { … } group to bind parameters in")


def values_clause(bindings: Mapping[str, Term | None]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` from RDF terms (``None`` is ``UNDEF``)."""
    names = sorted(bindings)
    variables = " ".join(str(ox.Variable(n)) for n in names)
    terms = " ".join("UNDEF" if bindings[n] is None else str(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def bind(sparql: str, bindings: Mapping[str, Term | None]) -> str:
    """``sparql`` with its variables bound to the given terms.

    The VALUES block goes on the same line as the opening brace, so line
    numbers in error messages still point into the original text.
    """
    if not bindings:
        return sparql
    at = _outer_group_start(sparql)
    return f"{sparql[:at]} {values_clause(bindings)} {sparql[at:]}"


def prepare_named(name: str, positional: Sequence[str] = (), named: Mapping[str, str] | None = None) -> str:
    """The ready-to-run text of a named query with its arguments bound."""
    query = get_named_query(name)
    return bind(query.text, bind_arguments(query, positional, named))


# --------------------------------------------------------------------------- running

# The project's prefixes, known to every query that does not declare them itself (as the output uses them).
PREDECLARED: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_SNIPPET = 100  # characters of the offending line shown around the column


def missing_prefixes(sparql: str) -> dict[str, str]:
    """The predeclared prefixes ``sparql`` does not declare itself."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    return {p: iri for p, iri in PREDECLARED.items() if p not in declared}


def with_prefixes(sparql: str) -> str:
    """``sparql`` with ``PREFIX`` lines for the predeclared prefixes it uses without declaring them,
    all on one line before it (for engines that take no default prefixes: ``kg serve``)."""
    missing = missing_prefixes(sparql)
    if not missing:
        return sparql
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in missing.items()) + "\n" + sparql


def _error_sentence(detail: str, line: str, column: int) -> tuple[str, int]:
    """One sentence from the engine's parse error, whose lists of Unicode ranges help nobody, and the
    column the caret goes under (an unknown prefix: where the prefixed name starts)."""
    if "Prefix not found" in detail:
        m = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", line[:column - 1])
        name = (m.group(1) or "") if m else ""
        return (f"unknown prefix '{name}:'; declare it (PREFIX {name}: <https://…>) or use one of the "
                f"predeclared ones: {', '.join(PREDECLARED)}.", m.start() + 1 if m else column)
    wanted = re.sub(r"\[[^\]]*\]", "", re.sub(r"^expected (one of )?", "", detail), flags=re.S)
    items = [w.strip() for w in wanted.replace("\n", " ").split(",") if w.strip()]
    if not items or not detail.startswith("expected"):
        return "the query is not valid SPARQL here.", column
    shown = ", ".join(items[:8]) + (", …" if len(items) > 8 else "")
    return f"the query is not valid SPARQL here (the parser expected one of: {shown}).", column


def syntax_message(error: str, sparql: str | None) -> str:
    """The engine's ``error at LINE:COLUMN: …`` as the line, a caret under the column and one sentence."""
    m = re.match(r"error at (\d+):(\d+): (.*)", error, re.S)
    if not m or sparql is None:
        return error
    line_no, column = int(m.group(1)), int(m.group(2))
    lines = sparql.splitlines()
    line = lines[line_no - 1].replace("\t", " ") if 0 < line_no <= len(lines) else ""
    sentence, at = _error_sentence(m.group(3), line, column)
    start = max(0, min(at - 1 - _SNIPPET // 2, len(line) - _SNIPPET))
    lead = "…" if start else ""
    shown = lead + line[start:start + _SNIPPET] + ("…" if start + _SNIPPET < len(line) else "")
    caret = " " * display_width(lead + line[start:at - 1]) + "^"
    return f"syntax error at line {line_no}, column {column}: {sentence}\n  {shown}\n  {caret}"


@contextmanager
def _evaluation(sparql: str | None = None) -> Iterator[None]:
    """Turn the engine's errors into QueryError; results are lazy, so they can surface late."""
    try:
        yield
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc), sparql)) from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def run(store: ox.Store, sparql: str, **options: Any) -> Result:
    """Run ``sparql`` with the project's prefixes predeclared (``PREDECLARED``; a query's own
    ``PREFIX`` wins); syntax and evaluation errors come back as QueryError. ``options`` go to
    ``Store.query`` as they are."""
    options.setdefault("prefixes", PREDECLARED)
    with _evaluation(sparql):
        return store.query(sparql, **options)


# --------------------------------------------------------------------------- names that match nothing

_NAMES = """SELECT DISTINCT ?name WHERE { ?entity rdfs:label|skos:altLabel ?name .
  FILTER EXISTS { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type != kg:Statement
                                           && ?type != kg:Article) } }"""


def entity_names(store: ox.Store) -> list[str]:
    """Every label and alias of an entity, sorted."""
    _, table = rows(run(store, _NAMES))
    return sorted({row[0].value for row in table if isinstance(row[0], ox.Literal)})


def similar_names(name: str, names: Sequence[str], n: int = 5) -> list[str]:
    """Names that contain ``name`` or that it contains (shortest first), then the closest by difflib."""
    import difflib

    near = sorted((x for x in names if name in x), key=lambda x: (len(x), x))
    near += sorted((x for x in names if x in name and len(x) > 1 and x not in near), key=lambda x: (-len(x), x))
    near += [x for x in difflib.get_close_matches(name, names, n=n, cutoff=0.5) if x not in near]
    return near[:n]


def unknown_names(store: ox.Store, query: NamedQuery, bindings: Mapping[str, Term | None]) -> list[str]:
    """One line for each ``name`` argument of ``query`` that is no entity's label or alias, with the
    names it may have meant: such a query can only answer nothing."""
    messages = []
    names: list[str] | None = None
    for param in query.params:
        term = bindings.get(param.name)
        if param.kind != "name" or not isinstance(term, ox.Literal):
            continue
        with _evaluation():
            found = bool(run(store, f"ASK {{ ?e rdfs:label|skos:altLabel {term} }}"))
        if found:
            continue
        names = entity_names(store) if names is None else names
        guesses = similar_names(term.value, names)
        hint = (f"; did you mean {'、'.join(guesses)}?" if guesses
                else " (kg query --name type-counts shows what there is)")
        messages.append(f"no entity named {term.value}{hint}")
    return messages


def rows(result: Result) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    """Variables and rows of a SELECT result (consumes it)."""
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("not a SELECT result")
    variables = [v.value for v in result.variables]
    with _evaluation():
        return variables, [tuple(solution) for solution in result]


def comparable(result: Result) -> tuple[list[str], list[tuple[str, ...]]]:
    """SELECT results as N-Triples strings, for comparing engines."""
    variables, table = rows(result)
    return variables, [tuple("" if t is None else str(t) for t in row) for row in table]


# --------------------------------------------------------------------------- formatting

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def compact_iri(iri: str) -> str:
    """``kgr:place/370800`` for display; the full IRI when no prefix fits."""
    best, best_base = "", ""
    for prefix, ns in PREFIXES.items():
        base = str(ns)
        if iri.startswith(base) and len(base) > len(best_base):
            best, best_base = prefix, base
    return f"{best}:{iri[len(best_base):]}" if best else f"<{iri}>"


def display_term(term: Term | None) -> str:
    """One table cell: IRIs compacted and decoded, literals as their text, control characters made visible."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = compact_iri(unquote(term.value))  # kg IRIs percent-encode names: show them readable
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.Literal):
        text = term.value
    else:
        text = str(term)
    return _CONTROL.sub(lambda m: "↵" if m.group() == "\n" else f"\\x{ord(m.group()):02x}", text)


def render_table(variables: Sequence[str], table: Iterable[Sequence[Term | None]], max_width: int = 48) -> str:
    """An aligned text table; CJK characters are counted as two columns."""
    raw = [list(row) for row in table]
    body = [[clip(display_term(t), max_width) for t in row] for row in raw]
    numeric = [
        all(
            cell is None or (isinstance(cell, ox.Literal) and cell.datatype.value in _NUMERIC)
            for cell in (row[i] for row in raw)
        )
        and bool(raw)
        for i in range(len(variables))
    ]
    widths = [max([display_width(v)] + [display_width(r[i]) for r in body]) for i, v in enumerate(variables)]
    lines = [
        "  ".join(pad(v, widths[i], numeric[i]) for i, v in enumerate(variables)).rstrip(),
        "  ".join("─" * w for w in widths),
    ]
    for row in body:
        lines.append("  ".join(pad(cell, widths[i], numeric[i]) for i, cell in enumerate(row)).rstrip())
    count = len(body)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: Result, fmt: str = "table", max_width: int = 48) -> bytes:
    """Serialise a result: an aligned table, or the SPARQL 1.1 CSV/TSV/JSON result formats.

    ASK answers print as ``true``/``false`` (JSON: the standard boolean form);
    CONSTRUCT/DESCRIBE answers print as sorted N-Triples whatever the format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryTriples):
        with _evaluation():
            data = ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b""
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return (result.serialize(format=ox.QueryResultsFormat.JSON) or b"") + b"\n"
        return (b"true" if bool(result) else b"false") + b"\n"
    if fmt == "table":
        variables, table = rows(result)
        return render_table(variables, table, max_width).encode("utf-8")
    with _evaluation():
        data = result.serialize(format=_RESULT_FORMATS[fmt]) or b""
    return data if fmt != "json" else data + b"\n"


def parse_csv_result(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SPARQL CSV result (handy for tests and scripts)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    table = list(reader)
    return (table[0], table[1:]) if table else ([], [])


def parse_json_result(data: bytes) -> tuple[list[str], list[dict]]:
    doc = json.loads(data)
    return doc["head"].get("vars", []), doc.get("results", {}).get("bindings", [])


def listing() -> list[tuple[str, str, str]]:
    """(name, parameters, description) of every named query, for ``kg query --list``."""
    return [(q.name, " ".join(p.spec() for p in q.params), q.description) for q in named_queries().values()]
