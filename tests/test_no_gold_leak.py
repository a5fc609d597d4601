"""Rules must find entities from structure and context, not from a list of the answers.

Fails if the name of any gold Enterprise, Programme, Person, PartyOrganisation or
Organisation of the seeds or of the wide corpus appears verbatim in the package's code,
patterns or lexicons.
Administrative place names (the national gazetteer) are general data and allowed, and so
are bare generic forms the guidelines annotate where they mean one body (组织部, 市委):
a name that is itself a suffix or generic name of the lexicon, or a place level's committee.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg.extract.lexicon import Lexicon

GOLD = Path(__file__).parent / "gold"
GOLD_SETS = (GOLD, Path(__file__).parent / "wide" / "gold")
WIDE_GOLD = Path(__file__).parent / "wide" / "gold"
PACKAGE = Path(kg.__file__).parent
CHECKED_TYPES = {"Enterprise", "Programme", "Person", "PartyOrganisation", "Organisation"}
SUFFIXES = {".py", ".txt", ".tsv", ".json", ".jsonl", ".rq", ".csv", ".js", ".html"}
HERE = Path(__file__).parent
# what the quantity work added: its modules, data and tests (other parts answer to the name check above)
FACT_FILES = [*(PACKAGE / "extract" / "facts").glob("*.py"), PACKAGE / "ingest" / "metadata.py",
              PACKAGE / "evaluation" / "facts.py", PACKAGE / "resources" / "lexicons" / "fact_units.tsv",
              PACKAGE / "resources" / "lexicons" / "fact_markers.json",
              PACKAGE / "resources" / "ingest" / "article_meta.json",
              *(PACKAGE / "resources" / "queries").glob("*.rq"), HERE / "test_facts.py",
              HERE / "fixtures" / "graph" / "sample_kb.py", HERE / "fixtures" / "query" / "graph.ttl"]


def gold_names(folder: Path = GOLD) -> set[str]:
    names = set()
    for path in folder.glob("*.json"):
        for e in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if e["type"] in CHECKED_TYPES:
                names.add(e["name"])
    return names


def bare_generic(name: str, lex: Lexicon) -> bool:
    """A class word written bare (组织部, 居委会, 市委): vocabulary, not an answer."""
    return name in lex.suffixes or name in lex.generic_names or (
        len(name) == 2 and name[0] in lex.committees and name[1] == "委")


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                  and "__pycache__" not in p.parts)


def test_gold_files_are_there():
    assert len(gold_names()) > 100
    assert len(gold_names(WIDE_GOLD)) > 200


@pytest.mark.parametrize("folder", [GOLD, WIDE_GOLD], ids=["seeds", "wide"])
def test_no_gold_name_in_package_files(folder: Path):
    lex = Lexicon.load()
    names = sorted(n for n in gold_names(folder) if not bare_generic(n, lex))
    leaks = []
    for path in package_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for name in names:
            if name in text:
                leaks.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert not leaks, "gold answers written into the package:\n" + "\n".join(sorted(leaks))


def gold_fact_strings() -> set[str]:
    """Evidence of every gold fact (the stretch that carries the amount) and every gold outlet."""
    out = set()
    for folder in GOLD_SETS:
        for path in folder.glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            out |= {f["evidence"] for f in data.get("facts", []) if len(f["evidence"]) >= 6}
            outlet = (data.get("article") or {}).get("outlet")
            if outlet and len(outlet) >= 3:
                out.add(outlet)
    return out


def test_no_gold_fact_or_outlet_in_the_quantity_rules_or_their_tests():
    strings = gold_fact_strings()
    assert len(strings) > 100
    leaks = []
    for path in FACT_FILES:
        text = path.read_text(encoding="utf-8", errors="ignore")
        leaks += [f"{path.name}: {s}" for s in strings if s in text]
    assert not leaks, "gold facts or outlets written into the package or tests:\n" + "\n".join(sorted(leaks))
