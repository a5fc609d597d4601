"""``kg eval``: score the pipeline against a directory of gold files."""
from __future__ import annotations

import argparse
import json

from kg.evaluation import score
from kg.evaluation.error_analysis import analyse, format_errors
from kg.model import ENTITY_TYPES, NER_CHOICES, RELATION_TYPES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score extraction against gold annotations",
        description="Run extraction on the text file named by each gold file and print precision, "
        "recall and F1 per entity and relation type.",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of gold *.json files")
    p.add_argument("--texts", required=True, metavar="TEXT_DIR", help="directory holding the texts the gold files name")
    p.add_argument("--json", action="store_true", help="print the scores (and errors) as JSON")
    p.add_argument("--errors", action="store_true", help="also list every false positive and false negative")
    p.add_argument("--type", metavar="T", help="show only this entity or relation type")
    p.add_argument("--ner", choices=NER_CHOICES, default="auto",
                   help="statistical NER layer to extract with (rules: none, for an ablation; default auto)")
    p.set_defaults(func=run)


def _known_types(gold: dict) -> set[str]:
    """Types a ``--type`` filter may name: the standard ones and any a gold file uses."""
    known = set(ENTITY_TYPES) | set(RELATION_TYPES)
    for doc in gold.values():
        known |= {str(e.get("type")) for e in doc["entities"]} | {str(r.get("rel")) for r in doc["relations"]}
    return known


def run(args: argparse.Namespace) -> int:
    if args.type:
        known = _known_types(score.load_gold(args.gold_dir))
        if args.type not in known:
            raise score.EvalError(f"unknown type {args.type!r} (one of: {', '.join(sorted(known))})")
    report = score.evaluate_texts(args.gold_dir, args.texts, score.default_extractor(args.ner))
    errors = analyse(report, args.type) if args.errors else None
    if args.json:
        data = report.to_dict()
        if args.type:
            for key in ("entities", "relations"):
                data[key] = {t: c for t, c in data[key].items() if t == args.type}
        if errors is not None:
            data["errors"] = [e.to_dict() for e in errors]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(report.format_table(args.type))
    if errors is not None:
        print()
        print(format_errors(errors))
    return 0
