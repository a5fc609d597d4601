"""kg serve's query page in a real browser: a query using kg: and rdfs: with no PREFIX lines runs.

Needs Debian's ``chromium`` and the ``playwright`` package, like tests/test_view_browser.py.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_serve import start, stop

from query_args import FIXTURE  # tests/fixtures/query, put on sys.path by conftest.py

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def test_query_page_knows_the_project_prefixes(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "graph.ttl")
    server = start(tmp_path)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                # only the endpoint is reachable (the page's prefix look-up on the web is refused)
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.base)
                           else r.abort())
                page.goto(server.base + "/")
                page.wait_for_selector(".CodeMirror", timeout=30_000)
                page.evaluate("""() => document.querySelector('.CodeMirror').CodeMirror.setValue(
                    'SELECT ?name WHERE { ?p a kg:Place ; rdfs:label ?name } ORDER BY ?name')""")
                page.click(".yasqe_queryButton")
                page.wait_for_selector(".yasr .dataTable td", timeout=30_000)
                results = page.inner_text(".yasr")
                assert "安丘市" in results and "Prefix not found" not in results
            finally:
                browser.close()
    finally:
        stop(server)
