"""``kg extract``: run extraction on one file and show what it found."""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.model import ENTITY_TYPES, RELATION_TYPES

_FIRST_KEYS = ("doc", "entities", "relations", "name", "type", "aliases", "optional", "head", "rel", "tail", "evidence")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract entities and relations from one text file",
        description="Extract entities and relations from one article file, in the gold-file shape.",
    )
    p.add_argument("file", metavar="FILE", help="text file to read")
    p.add_argument("--json", action="store_true", help="print the full result as JSON (the gold-file shape)")
    p.set_defaults(func=run)


def stable(value: Any) -> Any:
    """Order dict keys the same way every run: the gold-file keys first, the rest sorted."""
    if isinstance(value, dict):
        first = [k for k in _FIRST_KEYS if k in value]
        rest = sorted((k for k in value if k not in _FIRST_KEYS), key=str)
        return {k: stable(value[k]) for k in first + rest}
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    return value


def summary(result: dict[str, Any]) -> str:
    """A few lines for a person: entity names by type, relations by kind."""
    ents, rels = result.get("entities") or [], result.get("relations") or []
    enc = f" ({result['encoding']})" if result.get("encoding") else ""
    lines = [f"{result.get('doc', '')}{enc}: {len(ents)} entities, {len(rels)} relations"]
    by_type: dict[str, list[str]] = defaultdict(list)
    for e in ents:
        by_type[str(e.get("type"))].append(str(e.get("name")))
    for t in [*ENTITY_TYPES, *sorted(set(by_type) - set(ENTITY_TYPES))]:
        if by_type.get(t):
            lines.append(f"  {t} ({len(by_type[t])}): {'、'.join(by_type[t])}")
    by_rel: dict[str, list[str]] = defaultdict(list)
    for r in rels:
        by_rel[str(r.get("rel"))].append(f"{r.get('head')} → {r.get('tail')}")
    for rel in [*RELATION_TYPES, *sorted(set(by_rel) - set(RELATION_TYPES))]:
        if by_rel.get(rel):
            lines.append(f"  {rel} ({len(by_rel[rel])})")
            lines += [f"    {x}" for x in by_rel[rel]]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from kg.evaluation.score import default_extractor

    result = default_extractor()(Path(args.file))  # an IngestError names a file it cannot read
    if args.json:
        print(json.dumps(stable(result), ensure_ascii=False, indent=2))
    else:
        print(summary(result))
    return 0
