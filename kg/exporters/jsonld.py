"""JSON-LD, compacted against a context file written beside it.

The document refers to its context by the relative IRI ``context.jsonld``, so
the pair can be published or copied together; ``"@language": "zh"`` in the
context makes Chinese labels plain JSON strings. Nodes are sorted by ``@id``
and multi-valued properties by value, so the output is stable.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.exporters._rdf import stable
from kg.fsutil import atomic_write_text
from kg.model import RELATION_TYPES
from kg.vocab import PREFIXES

NAME = "jsonld"
DESCRIPTION = "JSON-LD compacted with a context file (context.jsonld) written beside it"
SUFFIX = ".jsonld"
CONTEXT_FILE = "context.jsonld"


def context() -> dict[str, Any]:
    """The JSON-LD context: the vocabulary's prefixes plus short names for the common properties."""
    ctx: dict[str, Any] = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    ctx["@language"] = "zh"
    ctx.update(
        {
            "label": "rdfs:label",
            "aliases": "skos:altLabel",
            "adminCode": "kg:adminCode",
            "adminLevel": "kg:adminLevel",
            "title": "dcterms:title",
            "sourceFile": "kg:sourceFile",
            "evidence": "kg:evidence",
            "mentionedIn": {"@id": "kg:mentionedIn", "@type": "@id"},
            "creator": {"@id": "dcterms:creator", "@type": "@id"},
            "derivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
            "derivation": {"@id": "kg:derivation", "@type": "@vocab"},
            "subject": {"@id": "rdf:subject", "@type": "@id"},
            "predicate": {"@id": "rdf:predicate", "@type": "@vocab"},
            "object": {"@id": "rdf:object", "@type": "@id"},
        }
    )
    for rel in RELATION_TYPES:
        ctx[rel] = {"@id": f"kg:{rel}", "@type": "@id"}
    return ctx


def _canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _sorted(node: Any) -> Any:
    """Sort multi-valued properties (sets in JSON-LD); ``@list`` keeps its order."""
    if isinstance(node, dict):
        return {
            k: [_sorted(x) for x in v] if k == "@list" and isinstance(v, list) else _sorted(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return sorted((_sorted(v) for v in node), key=_canonical_json)
    return node


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    ctx = context()
    doc = json.loads(stable(graph).serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = doc.get("@graph", [] if "@id" not in doc else [{k: v for k, v in doc.items() if k != "@context"}])
    nodes = sorted((_sorted(n) for n in nodes), key=lambda n: (str(n.get("@id", "")), _canonical_json(n)))
    context_path = out.with_name(CONTEXT_FILE)
    atomic_write_text(context_path, json.dumps({"@context": ctx}, ensure_ascii=False, indent=1) + "\n")
    text = json.dumps({"@context": CONTEXT_FILE, "@graph": nodes}, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_text(out, text + "\n")
    return [out, context_path]
