"""``kg build`` as a new user meets it: --format adds to the defaults and is checked first; a folder's
HTML pages are read and other files listed; progress covers the whole build, on a terminal only."""
from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
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


def test_folder_with_html_and_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    (folder / "page.html").write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    (folder / "notes.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet", "--no-validate"]) == EXIT_OK
    summary = capsys.readouterr().out
    assert "(from 2 files)" in summary and "skipped: none" in summary
    assert "not read: 1 file(s) by suffix (.md 1)\n  notes.md: " in summary and "--include '*.md'" in summary
    assert f"view: open {out / 'graph.html'} in a browser" in summary
    assert "notebook: pip install -e '.[notebook]' && jupyter lab " in summary
    assert main(["build", str(folder), "--out", str(out), "--quiet", "--no-validate", "--include", "*.md"]) == 0
    summary = capsys.readouterr().out
    assert "(from 3 files)" in summary and "not read" not in summary


def _on_a_terminal(*argv: str) -> str:
    """What ``kg build`` writes to stderr when stderr is a terminal (a pseudo-terminal 100 columns wide)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", *argv], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_covers_the_whole_build_on_a_terminal_only(tmp_path: Path) -> None:
    shown = _on_a_terminal(str(SEED), "--out", str(tmp_path / "a"))
    for stage in ("loading the pipeline", "reading", "extracting", "resolving", "building the graph",
                  "writing graph.ttl", "writing graph.html", "validating: 7/8"):
        assert stage in shown, stage
    quiet = _on_a_terminal(str(SEED), "--out", str(tmp_path / "b"), "--quiet")
    assert "loading the pipeline" not in quiet and "extracting" not in quiet
    piped = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--out", str(tmp_path / "c")],
                           capture_output=True, text=True, timeout=300, check=True)
    assert piped.stderr == "" and "articles: 2" in piped.stdout
