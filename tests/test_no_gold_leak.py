"""Rules must find entities from structure and context, not from a list of the answers.

Fails if the name of any gold Enterprise, Programme, Person, PartyOrganisation or
Organisation appears verbatim in the package's code, patterns or lexicons.
Administrative place names (the national gazetteer) are general data and allowed.
"""
from __future__ import annotations

import json
from pathlib import Path

import kg

GOLD = Path(__file__).parent / "gold"
PACKAGE = Path(kg.__file__).parent
CHECKED_TYPES = {"Enterprise", "Programme", "Person", "PartyOrganisation", "Organisation"}
SUFFIXES = {".py", ".txt", ".tsv", ".json", ".jsonl", ".rq", ".csv", ".js", ".html"}


def gold_names() -> set[str]:
    names = set()
    for path in GOLD.glob("*.json"):
        for e in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if e["type"] in CHECKED_TYPES:
                names.add(e["name"])
    return names


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                  and "__pycache__" not in p.parts)


def test_gold_files_are_there():
    assert len(gold_names()) > 100


def test_no_gold_name_in_package_files():
    names = gold_names()
    leaks = []
    for path in package_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for name in names:
            if name in text:
                leaks.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert not leaks, "gold answers written into the package:\n" + "\n".join(sorted(leaks))
