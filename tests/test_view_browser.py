"""The HTML view in a real browser: headless Chromium driven by Playwright.

Needs Debian's ``chromium`` (``apt-get install chromium fonts-noto-cjk``) and the
``playwright`` Python package; Playwright's own browser download is never used.
Skipped, with the reason, when either is missing.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kg.exporters import html
from kg.graph import build_graph

import sample_kb as fx  # tests/fixtures/graph, put on sys.path by conftest.py

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1400, "height": 860},
        )
        try:
            yield context
        finally:
            context.close()


class Page:
    """A loaded view, with everything the page did that a test may want to see."""

    def __init__(self, context, path: Path):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url.startswith("file://") and r.request.url.endswith(path.name):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(path.as_uri())
        # Poll from here: the page's CSP forbids eval, which wait_for_function's polling uses.
        deadline = time.monotonic() + 120
        while not self.page.evaluate("!!(window.kgView && window.kgView.stabilized)"):
            assert time.monotonic() < deadline, "the layout never stabilised"
            assert not self.errors, self.errors
            self.page.wait_for_timeout(100)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        self.page.close()


def write(tmp_path: Path, kb, name: str) -> Path:
    (path,) = html.export(build_graph(kb), tmp_path / name)
    return path


def test_sample_view(browser, tmp_path):
    kb = fx.sample_kb()
    view = Page(browser, write(tmp_path, kb, "sample.html"))
    try:
        assert view.js("kgView.nodeCount()") == len(kb.nodes)
        assert view.js("kgView.drawnNodeCount()") == len(kb.nodes)
        assert view.js("kgView.edgeCount()") == len(kb.edges)
        assert view.js("kgView.network.physics.options.enabled") is False  # stopped after stabilising

        # legend: one entry per type, with the Chinese name
        legend = view.page.inner_text("#kg-types")
        for zh in ("地点", "党组织", "企业", "项目举措", "人物", "机构"):
            assert zh in legend

        # search by an alias, as a person would
        view.page.fill("#kg-search-input", "恒安纸业")
        view.page.press("#kg-search-input", "Enter")
        selected = view.js("kgView.selected()")
        assert [view.js("id => kgView.nodeName(id)", i) for i in selected] == ["新疆恒安纸业有限公司"]
        details = view.page.inner_text("#kg-details")
        assert "新疆恒安纸业有限公司" in details and "恒安纸业" in details
        assert "作为昌吉高新区企业联合会成员企业" in details  # an evidence sentence
        view.page.wait_for_timeout(600)  # let the focus animation end

        # hovering a node shows its tooltip, built from text
        pos = view.js("""() => { const id = kgView.selected()[0];
                          const p = kgView.network.getPositions([id])[id];
                          return kgView.network.canvasToDOM(p); }""")
        box = view.page.locator("#kg-network").bounding_box()
        view.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        view.page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
        assert "新疆恒安纸业有限公司" in view.page.inner_text("#kg-tip")

        shot = tmp_path / "kg-view.png"
        view.page.screenshot(path=str(shot))
        print(f"\nscreenshot: {shot}")

        # type filter: unchecking 地点 hides every place
        places = sum(1 for n in kb.nodes.values() if n.type == "Place")
        view.page.check('#kg-types input[data-type="Place"]')
        view.page.uncheck('#kg-types input[data-type="Place"]')
        assert view.js("kgView.nodeCount()") == len(kb.nodes) - places
        assert view.js("kgView.drawnNodeCount()") == len(kb.nodes) - places
        assert "Place" not in view.js("kgView.visibleNodeIds().map(id => kgView.nodeType(id))")
        view.page.check('#kg-types input[data-type="Place"]')
        assert view.js("kgView.nodeCount()") == len(kb.nodes)

        # relation filter
        view.page.uncheck('#kg-rels input[data-rel="locatedIn"]')
        located = sum(1 for e in kb.edges.values() if e.rel == "locatedIn")
        assert view.js("kgView.edgeCount()") == len(kb.edges) - located
        view.page.check('#kg-rels input[data-rel="locatedIn"]')

        # hiding gazetteer links hides the gazetteer-only edge and the place no article names
        view.page.check("#kg-hide-gaz")
        assert view.js("kgView.edgeCount()") == len(kb.edges) - 1
        assert view.js("kgView.nodeCount()") == len(kb.nodes) - 1
        assert "山东省" not in view.js("kgView.visibleNodeIds().map(id => kgView.nodeName(id))")
        # searching for a hidden node brings it back
        view.js("kgView.search('山东')")
        assert view.js("kgView.nodeCount()") == len(kb.nodes)

        assert view.errors == [] and view.dialogs == [] and view.outside == []
    finally:
        view.close()


def test_amounts_and_date_filter(browser, tmp_path):
    """The side panel lists an entity's amounts with dates and sentences; the date range keeps the
    entities of the articles that appeared within it."""
    kb = fx.sample_kb()
    view = Page(browser, write(tmp_path, kb, "amounts.html"))
    try:
        view.page.fill("#kg-search-input", "恒安纸业")
        view.page.press("#kg-search-input", "Enter")
        details = view.page.inner_text("#kg-details")
        assert "数量 Amounts (2)" in details
        assert "营业收入 约 300000000元 · 2023" in details and "2023年,该公司营业收入3亿余元" in details
        assert "生产线 12条 · 2024-06-26（发布 published）" in details
        assert "2024-06-26 某某日报" in details  # the article's date and outlet

        in_a2 = {n.name for n in kb.nodes.values() if fx.A2 in n.articles}
        view.page.fill("#kg-date-from", "2024")
        view.page.dispatch_event("#kg-date-from", "change")
        names = set(view.js("kgView.visibleNodeIds().map(id => kgView.nodeName(id))"))
        assert names == in_a2 and "实体 entities" in view.page.inner_text("#kg-date-msg")
        view.js("kgView.setDateRange('2020', '2023-12')")
        assert view.js("kgView.nodeCount()") == 0
        view.js("kgView.setDateRange('2024-06', '2024-06')")
        assert set(view.js("kgView.visibleNodeIds().map(id => kgView.nodeName(id))")) == in_a2
        view.page.fill("#kg-date-to", "六月")
        view.page.dispatch_event("#kg-date-to", "change")
        assert "YYYY" in view.page.inner_text("#kg-date-msg")  # refused, the range stays
        assert set(view.js("kgView.visibleNodeIds().map(id => kgView.nodeName(id))")) == in_a2
        view.js("kgView.setDateRange('', '')")
        assert view.js("kgView.nodeCount()") == len(kb.nodes)
        assert view.errors == [] and view.dialogs == [] and view.outside == []
    finally:
        view.close()


def test_hostile_names_run_no_script(browser, tmp_path):
    kb = fx.hostile_kb()
    view = Page(browser, write(tmp_path, kb, "hostile.html"))
    try:
        assert view.js("kgView.nodeCount()") == len(kb.nodes)
        # open the details of every node and edge and hover each node: all text paths get used
        ids = view.js("kgView.visibleNodeIds()")
        box = view.page.locator("#kg-network").bounding_box()
        for i in ids:
            view.js("id => kgView.focus(id)", i)
            view.page.wait_for_timeout(450)
            pos = view.js("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", i)
            view.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
            view.page.wait_for_timeout(250)
        for name in (fx.XSS_IMG, fx.XSS_SCRIPT):
            assert view.js("q => kgView.search(q)", name) is not None
        view.page.fill("#kg-search-input", fx.XSS_SVG)
        view.page.press("#kg-search-input", "Enter")
        details = view.page.inner_text("#kg-details")
        assert fx.XSS_IMG in details  # shown as text

        assert view.js("window.__kgXss") is None
        assert view.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert view.js("document.querySelectorAll('[onerror], [onload]').length") == 0
        assert view.js("document.querySelectorAll('script').length") == 3
        assert view.dialogs == [] and view.errors == [] and view.outside == []
        shot = tmp_path / "kg-view-hostile.png"
        view.page.screenshot(path=str(shot))
        print(f"\nscreenshot: {shot}")
    finally:
        view.close()


def test_empty_graph_loads(browser, tmp_path):
    from kg.model import KnowledgeBase

    view = Page(browser, write(tmp_path, KnowledgeBase(), "empty.html"))
    try:
        assert view.js("kgView.nodeCount()") == 0
        assert view.errors == [] and view.outside == []
    finally:
        view.close()


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):
    """The graph the seeds build: 288 entities, a few dozen with no relation."""
    from kg.graph import load_graph
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-view")
    build(Path(__file__).resolve().parents[1] / "seeds", out, model="blank", validate=False, incremental=False)
    return load_graph(out)


def _positions(view):
    return view.js("() => kgView.network.getPositions()")


def test_overview_labels_the_best_connected_nodes_and_sets_isolated_ones_apart(browser, tmp_path, seeds_graph):
    (path,) = html.export(seeds_graph, tmp_path / "overview.html")
    view = Page(browser, path)
    try:
        top = view.js("kgView.topIds()")
        assert len(top) == html.TOP_LABELS
        sizes = {view.js("id => kgView.nodeName(id)", i): view.js("id => kgView.labelPx(id)", i) for i in top}
        assert min(sizes.values()) >= 12, sizes  # legible at the opening zoom
        others = [i for i in view.js("kgView.visibleNodeIds()") if i not in top]
        assert min(view.js("id => kgView.labelPx(id)", i) for i in others) < 12  # the rest as before
        # entities with no relation sit in a grid below everything else, and the side panel says so
        lone = set(view.js("kgView.isolatedIds()"))
        assert lone
        pos = _positions(view)
        lowest = max(p["y"] for i, p in pos.items() if int(i) not in lone)
        assert all(pos[str(i)]["y"] > lowest for i in lone)
        note = view.page.inner_text("#kg-isolated-note")
        assert f"{len(lone)} 个孤立实体" in note and "set apart" in note
        shot = tmp_path / "kg-overview.png"
        view.page.screenshot(path=str(shot))
        print(f"\nscreenshot: {shot}")
        # zoomed in, the big labels stop growing
        view.js("() => kgView.network.moveTo({scale: kgView.network.getScale() * 6})")
        view.page.wait_for_timeout(200)
        assert max(view.js("id => kgView.labelPx(id)", i) for i in top) <= 20
        assert view.errors == [] and view.outside == []
    finally:
        view.close()


def test_isolated_entities_can_stay_mixed(browser, tmp_path, seeds_graph):
    (path,) = html.export(seeds_graph, tmp_path / "mixed.html", isolated="mixed")
    view = Page(browser, path)
    try:
        lone = set(view.js("kgView.isolatedIds()"))
        pos = _positions(view)
        lowest = max(p["y"] for i, p in pos.items() if int(i) not in lone)
        assert not all(pos[str(i)]["y"] > lowest for i in lone)
        assert view.js("document.getElementById('kg-isolated-note').hidden") is True
    finally:
        view.close()
