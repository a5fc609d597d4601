"""``notebooks/explore.ipynb`` runs top to bottom and shows what it promises.

The notebook is executed with nbclient in a ``python3`` kernel started from the
interpreter running the tests (pinned through a kernel spec in a temporary
``JUPYTER_PATH``, so no user-level kernel spec can substitute another Python
and nothing is registered globally).
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _output_text(nb: nbformat.NotebookNode) -> str:
    """Everything the code cells showed: streams, HTML and plain-text results, error tracebacks."""
    parts: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type in ("display_data", "execute_result"):
                data = out.get("data", {})
                parts.append(data.get("text/html") or data.get("text/plain") or "")
            elif out.output_type == "error":
                parts.append("\n".join(out.traceback))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    """The notebook after a full run, in the notebooks folder as working directory."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (kg tests)",
        "language": "python",
    }), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(jupyter))
        mp.setenv("JUPYTER_RUNTIME_DIR", str(jupyter / "runtime"))
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(nb, kernel_name="python3", timeout=600,
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def test_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "clear the notebook's outputs before committing"


def test_notebook_runs_without_errors(executed: nbformat.NotebookNode) -> None:
    errors = [out for cell in executed.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    assert not errors


def test_notebook_shows_queries_analysis_and_view(executed: nbformat.NotebookNode) -> None:
    text = _output_text(executed)
    # the build summary
    assert "articles: 9" in text and "skipped: none" in text
    # enterprises with a party organisation
    assert "<th>partyOrganisation</th>" in text and "有限公司</td>" in text
    # programmes and implementers, with the implementer's type
    assert "<th>implementerType</th>" in text and "<td>PartyOrganisation</td>" in text
    # the administrative chain of 安丘市, from the gazetteer
    assert "<td>山东省</td>" in text and "<td>潍坊市</td>" in text and "<td>安丘市</td>" in text
    # degree centrality and communities
    assert "<th>degree centrality</th>" in text and "<td>Place</td>" in text
    assert "communities, modularity" in text and "<th>best-connected members</th>" in text
    # the offline network view, inline and escaped, loading nothing from elsewhere
    frame = re.search(r'<iframe srcdoc="([^"]*)"', text)
    assert frame and 'sandbox="allow-scripts"' in text
    page = html.unescape(frame.group(1))
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "the inline view must load nothing"


def test_notebook_draws_its_plots_with_cjk_labels(executed: nbformat.NotebookNode) -> None:
    images = [out for cell in executed.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
              if out.output_type == "display_data" and "image/png" in out.get("data", {})]
    # entities and relations per type (one figure), places by Party organisations, degrees, articles,
    # and amounts of one measure over time
    assert len(images) == 5
    text = _output_text(executed)
    assert "CJK font: " in text or "no CJK font installed" in text
    if "CJK font: " in text:  # every Chinese label drawn: matplotlib warns of each glyph it lacks
        assert "missing from" not in text, "a Chinese label was drawn without a CJK font"


def test_notebook_cleans_up_its_temporary_output(executed: nbformat.NotebookNode) -> None:
    text = _output_text(executed)
    out_line = next(line for line in text.splitlines() if line.startswith("output: "))
    out = Path(out_line.removeprefix("output: "))
    assert out.name.startswith("kg-notebook-") and not out.exists()


def test_notebook_plots_amounts_over_time(executed: nbformat.NotebookNode) -> None:
    """One measure (money in 元) across the corpus, from the quantities query, drawn as a PNG."""
    text = _output_text(executed)
    m = re.search(r"(\d+) dated amounts in 元", text)
    assert m and int(m.group(1)) >= 2
    images = [out for cell in executed.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "display_data" and "image/png" in out.get("data", {})]
    assert images
