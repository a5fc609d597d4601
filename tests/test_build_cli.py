"""``kg build`` as a new user meets it: --format adds to the defaults and is checked first."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.exceptions import EXIT_OK, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def test_format_adds_to_turtle_and_html_and_names_its_folder(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["build", str(SEED), "--out", str(out), "--format", "neo4j", "--format", "nquads",
                 "--quiet", "--no-validate"])
    assert code == EXIT_OK, capsys.readouterr().err
    assert (out / "graph.ttl").is_file() and (out / "graph.html").is_file() and (out / "graph.nq").is_file()
    assert (out / "neo4j" / "load.cypher").is_file() and not (out / "graph").exists()
    # what query, view and validate read is there
    assert main(["query", "-g", str(out), "ASK { ?s a kg:Place }"]) == EXIT_OK
    assert capsys.readouterr().out.endswith("true\n")


def test_unknown_format_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out), "--format", "bogus"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("kg build: unknown export format 'bogus'") and "Traceback" not in err
    assert "neo4j" in err and "turtle" in err  # the valid ones are listed
    assert not out.exists()  # nothing read, extracted or written
