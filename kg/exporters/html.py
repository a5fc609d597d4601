"""HTML: an interactive network view in one self-contained file.

Built from the RDF graph alone, so any built ``graph.ttl`` can be viewed. The
page works offline: vis-network (shipped inside the pyvis package) and the
page's own script and style are inlined; it loads nothing from anywhere.

Every name and sentence in the graph is untrusted text. It reaches the page only
as JSON inside a ``<script type="application/json">`` block, with ``<``, ``>``,
``&`` and U+2028/2029 escaped, and the page script puts it into the document
with ``textContent`` only (see ``kg/resources/view/view.js``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyvis
from jinja2 import Environment, select_autoescape
from markupsafe import Markup
from pyvis.edge import Edge as VisEdge
from pyvis.network import Network
from pyvis.node import Node as VisNode
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.fsutil import atomic_write_text
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.vocab import KG

NAME = "html"
DESCRIPTION = "interactive network view (one offline HTML file: search, filters, evidence)"
SUFFIX = ".html"

DEFAULT_TITLE = "基层党建知识图谱 · Party-building knowledge graph"
LABEL_MAX = 18  # characters of a name drawn under a node; the full name is in the tooltip
TOP_LABELS = 25  # the best-connected nodes, whose names stay legible at the opening zoom
ISOLATED = ("apart", "mixed")  # isolated entities laid out in a grid of their own, or among the rest


def vis_dir() -> Path:
    """The folder of the vis-network build that pyvis ships (and inlines with ``cdn_resources="in_line"``)."""
    root = Path(pyvis.__file__).parent
    found = [d for base in (root / "templates" / "lib", root / "lib") if base.is_dir()
             for d in base.glob("vis-*") if (d / "vis-network.min.js").is_file() and (d / "vis-network.css").is_file()]
    if not found:
        raise FileNotFoundError(f"no vis-network build inside pyvis at {root}")

    def version(d: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", d.name))

    return max(found, key=lambda d: (version(d), d.parent.name == "templates"))


_TYPE_BY_IRI = {KG[t]: t for t in ENTITY_TYPES}
_REL_BY_IRI = {KG[r]: r for r in RELATION_TYPES}


# --------------------------------------------------------------------------- resources


def _view_file(name: str) -> str:
    return (resources.files("kg") / "resources" / "view" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    """Colours, shapes and bilingual labels of entity and relation types (``view/style.json``)."""
    return json.loads(_view_file("style.json"))


def relation_label(rel: str) -> str:
    """``"locatedIn"`` -> ``"位于 locatedIn"``."""
    entry = style()["relations"].get(rel)
    return f"{entry['zh']} {entry['en']}" if entry else rel


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    vis = vis_dir()
    assets = {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "view_js": _view_file("view.js"),
        "view_css": _view_file("view.css"),
        "template": _view_file("template.html"),
    }
    # A source-map comment would make developer tools fetch a file: keep the page self-contained.
    assets["vis_js"] = re.sub(r"^//# sourceMappingURL=.*$", "", assets["vis_js"], flags=re.M)
    assets["vis_css"] = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", assets["vis_css"])
    for name, text in assets.items():
        if name != "template" and ("</script" in text.lower() or "</style" in text.lower()):
            raise ValueError(f"asset {name} would close its inline element early")
    return assets


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element and in JavaScript source.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc. (so no ``</script>`` or ``<!--``
    can appear), as do U+2028/U+2029 (line terminators in older JavaScript).
    Deterministic: keys sorted, no whitespace.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --------------------------------------------------------------------------- reading the graph


def _text(values: list[Node]) -> str | None:
    """One literal of several, preferring Chinese, chosen deterministically."""
    if not values:
        return None
    zh = sorted(str(v) for v in values if isinstance(v, Literal) and (v.language or "").lower().startswith("zh"))
    return zh[0] if zh else sorted(str(v) for v in values)[0]


def _last_segment(iri: URIRef) -> str:
    return unquote(str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


@dataclass
class ViewNode:
    iri: URIRef
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    code: str | None = None
    level: str | None = None
    articles: list[URIRef] = field(default_factory=list)


@dataclass
class ViewEdge:
    head: URIRef
    rel: str
    tail: URIRef
    support: list[tuple[str, URIRef | None, str]] = field(default_factory=list)  # (derivation, article, evidence)

    @property
    def gazetteer_only(self) -> bool:
        return bool(self.support) and all(d == "FromGazetteer" for d, _, _ in self.support)


def read_view(graph: Graph) -> tuple[dict[URIRef, ViewNode], list[ViewEdge]]:
    """The entities and relations of a built graph, with their provenance."""
    nodes: dict[URIRef, ViewNode] = {}
    for type_iri, type_name in _TYPE_BY_IRI.items():
        for s in graph.subjects(RDF.type, type_iri):
            if not isinstance(s, URIRef):
                continue
            current = nodes.get(s)
            if current is not None and ENTITY_TYPES.index(current.type) <= ENTITY_TYPES.index(type_name):
                continue
            nodes[s] = ViewNode(iri=s, type=type_name, name="")
    for s, node in nodes.items():
        node.name = _text(list(graph.objects(s, RDFS.label))) or _last_segment(s)
        node.aliases = sorted({str(a) for a in graph.objects(s, SKOS.altLabel)} - {node.name})
        node.code = _text(list(graph.objects(s, KG.adminCode)))
        node.level = _text(list(graph.objects(s, KG.adminLevel)))
        node.articles = sorted(a for a in graph.objects(s, KG.mentionedIn) if isinstance(a, URIRef))

    support: dict[tuple[Node, Node, Node], set[tuple[str, URIRef | None, str]]] = {}
    for st in graph.subjects(RDF.type, KG.Statement):
        head = graph.value(st, RDF.subject)
        pred = graph.value(st, RDF.predicate)
        tail = graph.value(st, RDF.object)
        if head is None or pred is None or tail is None:
            continue
        derivation = graph.value(st, KG.derivation)
        d = _last_segment(derivation) if isinstance(derivation, URIRef) else "FromText"
        article = graph.value(st, PROV.wasDerivedFrom)
        evidence = _text(list(graph.objects(st, KG.evidence))) or ""
        cited = article if isinstance(article, URIRef) else None
        support.setdefault((head, pred, tail), set()).add((d, cited, evidence))

    edges: list[ViewEdge] = []
    for p, rel in _REL_BY_IRI.items():
        for s, o in graph.subject_objects(p):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and s in nodes and o in nodes:
                items = sorted(support.get((s, p, o), ()), key=lambda x: (x[0], str(x[1] or ""), x[2]))
                edges.append(ViewEdge(head=s, rel=rel, tail=o, support=items))
    edges.sort(key=lambda e: (str(e.head), RELATION_TYPES.index(e.rel), str(e.tail)))
    return nodes, edges


@dataclass(frozen=True)
class ViewQuantity:
    """An amount reported about an entity, as the side panel lists it."""

    measure: str
    value: str  # the number as text, without a trailing .0
    unit: str
    approx: bool
    as_of: str  # the time it holds for ("" when the text gives none)
    article: URIRef | None
    evidence: str


def read_quantities(graph: Graph) -> dict[URIRef, list[ViewQuantity]]:
    """Each entity's quantities (``kg:hasQuantity``), by date, then measure and value."""
    out: dict[URIRef, list[ViewQuantity]] = {}
    for s, q in graph.subject_objects(KG.hasQuantity):
        value = graph.value(q, KG.value)
        if not isinstance(s, URIRef) or value is None:
            continue
        article = graph.value(q, PROV.wasDerivedFrom)
        as_of = graph.value(q, KG.asOf)
        out.setdefault(s, []).append(ViewQuantity(
            measure=_text(list(graph.objects(q, KG.measure))) or "",
            value=_number(str(value)),
            unit=str(graph.value(q, KG.unit) or ""),
            approx=str(graph.value(q, KG.approximate) or "").lower() == "true",
            as_of=str(as_of) if as_of is not None else "",
            article=article if isinstance(article, URIRef) else None,
            evidence=_text(list(graph.objects(q, KG.evidence))) or "",
        ))
    for items in out.values():
        items.sort(key=lambda x: (x.as_of or "~", x.measure, x.value, x.unit, str(x.article or ""), x.evidence))
    return out


def _number(text: str) -> str:
    """``337.0`` -> ``337``; ``92.60`` -> ``92.6``: the value as the article would write it."""
    try:
        return format(Decimal(text).normalize(), "f")
    except InvalidOperation:
        return text


# --------------------------------------------------------------------------- building the page


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"


def build_network(graph: Graph, isolated: str = "apart") -> tuple[Network, dict[str, Any]]:
    """A pyvis ``Network`` of the graph's entities, and the page data that goes with it.

    ``isolated="apart"``: entities with no relation take no part in the layout and are set in a
    grid below it, instead of fogging it; ``"mixed"``: laid out with the rest."""
    if isolated not in ISOLATED:
        raise ValueError(f"isolated must be one of {', '.join(ISOLATED)}, not {isolated!r}")
    st = style()
    nodes, edges = read_view(graph)
    quantities = read_quantities(graph)
    order = sorted(nodes, key=lambda iri: (ENTITY_TYPES.index(nodes[iri].type), nodes[iri].name, str(iri)))
    ids = {iri: i for i, iri in enumerate(order)}

    cited = {a for e in edges for _, a, _ in e.support if a is not None}
    cited |= {q.article for items in quantities.values() for q in items if q.article is not None}
    article_iris = sorted({a for n in nodes.values() for a in n.articles} | cited)
    article_index = {a: i for i, a in enumerate(article_iris)}
    articles = []
    for a in article_iris:
        title = _text(list(graph.objects(a, DCTERMS.title)))
        source = _text(list(graph.objects(a, KG.sourceFile)))
        date = graph.value(a, DCTERMS.date)
        outlet = _text(list(graph.objects(a, DCTERMS.publisher)))
        articles.append({"id": _last_segment(a), "title": title or "", "source": source or "",
                         "date": str(date) if date is not None else "", "outlet": outlet or ""})

    degree = {iri: 0 for iri in nodes}
    for e in edges:
        degree[e.head] += 1
        degree[e.tail] += 1
    ranked = sorted((iri for iri in nodes if degree[iri]), key=lambda iri: (-degree[iri], ids[iri]))
    top = set(ranked[:TOP_LABELS])

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    for iri in order:
        n = nodes[iri]
        t = st["types"].get(n.type, st["other_type"])
        # Nodes seen only through the gazetteer: no article mentions them.
        inferred = not n.articles
        vis_node = VisNode(
            ids[iri],
            t["shape"],
            label=_short(n.name),
            color={"background": t["color"], "border": t["color"],
                   "highlight": {"background": t["color"], "border": "#222222"},
                   "hover": {"background": t["color"], "border": "#222222"}},
            value=degree[iri],
            opacity=0.55 if inferred else 1.0,
            physics=not (isolated == "apart" and degree[iri] == 0),
            kg={
                "type": n.type,
                "name": n.name,
                "aliases": n.aliases,
                "code": n.code,
                "level": n.level,
                "iri": str(iri),
                "arts": [article_index[a] for a in n.articles],
                "inferred": inferred,
                "top": iri in top,
                "isolated": degree[iri] == 0,
                "qty": [[q.measure, q.value, q.unit, q.approx, q.as_of,
                         article_index[q.article] if q.article is not None else -1, q.evidence]
                        for q in quantities.get(iri, [])],
            },
        )
        net.nodes.append(vis_node.options)
        net.node_ids.append(ids[iri])
        net.node_map[ids[iri]] = vis_node.options

    for i, e in enumerate(edges):
        rel_style = st["relations"].get(e.rel, {"color": "#888888"})
        gaz = e.gazetteer_only
        vis_edge = VisEdge(
            ids[e.head],
            ids[e.tail],
            directed=True,
            id=f"e{i}",
            label=relation_label(e.rel),
            dashes=[6, 6] if gaz else False,
            color={"color": rel_style["color"], "highlight": "#222222", "hover": "#222222", "opacity": 0.8},
            kg={
                "rel": e.rel,
                "gaz": gaz,
                "ev": [[d, article_index[a] if a is not None else -1, ev] for d, a, ev in e.support],
            },
        )
        net.edges.append(vis_edge.options)

    net.options = _vis_options(len(nodes), st["font"])
    data = {
        "style": st,
        "typeOrder": list(ENTITY_TYPES),
        "relOrder": list(RELATION_TYPES),
        "articles": articles,
        "isolatedApart": isolated == "apart",
    }
    return net, data


def _vis_options(node_count: int, font: str) -> dict[str, Any]:
    big = node_count > 300
    return {
        "autoResize": True,
        "layout": {"randomSeed": 20240601, "improvedLayout": not big},
        "nodes": {
            "font": {"face": font, "size": 14, "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 34, "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 6}},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"face": font, "size": 10, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff",
                     "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1.2,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.08, "damping": 0.5, "avoidOverlap": 0.2},
            "maxVelocity": 60,
            "minVelocity": 1,
            # Stabilise, then the page turns physics off: big graphs get fewer rounds so they open quickly.
            "stabilization": {"enabled": True, "iterations": 250 if node_count > 1000 else 400,
                              "updateInterval": 25, "fit": True},
        },
    }


def render(graph: Graph, title: str = DEFAULT_TITLE, isolated: str = "apart") -> str:
    """The whole page as a string; the same graph always gives the same string (``isolated``: see
    ``build_network``)."""
    net, data = build_network(graph, isolated)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    data["nodes"] = nodes
    data["edges"] = edges
    data["options"] = json.loads(options) if isinstance(options, str) else options
    data["title"] = title
    assets = _assets()
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(assets["template"])
    return template.render(
        title=title,
        node_count=len(nodes),
        edge_count=len(edges),
        vis_js=Markup(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        view_js=Markup(assets["view_js"]),
        view_css=Markup(assets["view_css"]),
        data=Markup(script_json(data)),
    )


def export(graph: Graph, out: Path, **options: Any) -> list[Path]:
    out = Path(out)
    if out.is_dir():
        out = out / "view.html"
    title = options.get("title") or DEFAULT_TITLE
    return [atomic_write_text(out, render(graph, title=title, isolated=options.get("isolated") or "apart"))]
