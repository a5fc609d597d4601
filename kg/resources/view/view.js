/* kg view: the page script of the HTML export.
 *
 * All names, aliases, titles and sentences come from the graph and are
 * untrusted. They are read from the JSON block #kg-data and reach the document
 * only through textContent, element properties and the canvas: never through
 * HTML parsing, never as vis-network "title" strings (which may render as HTML).
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var STYLE = DATA.style;
  var ARTICLES = DATA.articles;
  var MAX_LIST = 40;
  var TOP_LABEL_PX = 13; // screen size of the best-connected nodes' labels at the opening zoom
  var TOP_LABEL_MAX_PX = 20; // ... and at most, zoomed in
  var ISOLATED_GAP = 60; // canvas units between entities set apart

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else if (k === "style") node.style.cssText = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  var SVG = "http://www.w3.org/2000/svg";

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function polygon(points) {
    return points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
  }

  // A small picture of a vis-network node shape, for the legend.
  function swatch(shape, color) {
    var s = svgEl("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" });
    var c = 9, r = 7, shapeEl;
    if (shape === "square") {
      shapeEl = svgEl("rect", { x: 2.5, y: 2.5, width: 13, height: 13 });
    } else if (shape === "triangle") {
      shapeEl = svgEl("polygon", { points: polygon([[c, 1.5], [16.5, 15.5], [1.5, 15.5]]) });
    } else if (shape === "diamond") {
      shapeEl = svgEl("polygon", { points: polygon([[c, 1], [17, c], [c, 17], [1, c]]) });
    } else if (shape === "star") {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var rad = i % 2 === 0 ? 8 : 3.4, a = -Math.PI / 2 + i * Math.PI / 5;
        pts.push([c + rad * Math.cos(a), c + 0.6 + rad * Math.sin(a)]);
      }
      shapeEl = svgEl("polygon", { points: polygon(pts) });
    } else if (shape === "hexagon") {
      var hp = [];
      for (var j = 0; j < 6; j++) {
        var b = j * Math.PI / 3;
        hp.push([c + 7.5 * Math.cos(b), c + 7.5 * Math.sin(b)]);
      }
      shapeEl = svgEl("polygon", { points: polygon(hp) });
    } else {
      shapeEl = svgEl("circle", { cx: c, cy: c, r: r });
    }
    shapeEl.setAttribute("fill", color);
    shapeEl.setAttribute("stroke", color);
    s.appendChild(shapeEl);
    return s;
  }

  function lineSwatch(color, dashed) {
    var s = svgEl("svg", { width: 34, height: 10, "aria-hidden": "true" });
    var line = svgEl("line", { x1: 1, y1: 5, x2: 33, y2: 5, stroke: color, "stroke-width": 2 });
    if (dashed) line.setAttribute("stroke-dasharray", "5 4");
    s.appendChild(line);
    return s;
  }

  function typeStyle(type) { return STYLE.types[type] || STYLE.other_type; }
  function typeText(type) { var t = typeStyle(type); return t.zh + " " + t.en; }
  function relStyle(rel) { return STYLE.relations[rel] || { zh: rel, en: rel, color: "#888888" }; }
  function relText(rel) { var r = relStyle(rel); return r.zh + " " + r.en; }
  function derivationText(d) { var x = STYLE.derivations[d]; return x ? x.zh + " " + x.en : d; }

  function readableIri(iri) {
    try { return decodeURI(iri); } catch (err) { return iri; }
  }

  function articleText(index) {
    var a = ARTICLES[index];
    if (!a) return "";
    var head = a.title || a.id;
    var when = [a.date, a.outlet].filter(function (x) { return x; }).join(" ");
    if (when) head += " · " + when;
    return a.source ? head + "（" + a.source + "）" : head;
  }

  // ---------------------------------------------------------------- data

  var nodeById = new Map();
  DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var incident = new Map();
  DATA.edges.forEach(function (e) {
    [e.from, e.to].forEach(function (id) {
      if (!incident.has(id)) incident.set(id, []);
      incident.get(id).push(e);
    });
  });

  var state = { types: {}, rels: {}, hideGaz: false, dateFrom: "", dateTo: "" };
  DATA.typeOrder.forEach(function (t) { state.types[t] = true; });
  DATA.relOrder.forEach(function (r) { state.rels[r] = true; });

  function nodeVisible(n) {
    if (state.types[n.kg.type] === false) return false;
    if (state.hideGaz && n.kg.inferred) return false;
    if (!inDateRange(n)) return false;
    return true;
  }

  // ---------------------------------------------------------------- article dates (filter)

  var DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  // An ISO date of any precision (2018, 2018-12, 2018-12-06) against a range whose ends may be of
  // any precision too: compared as text, the end by its own length (2018-12-06 is within "to 2018").
  function dateWithin(date, from, to) {
    if (!date) return false;
    if (from && date < from && date.slice(0, from.length) !== from) return false;
    if (to && date.slice(0, to.length) > to) return false;
    return true;
  }

  // With a range set, an entity shows when an article that mentions it appeared within it.
  function inDateRange(n) {
    if (!state.dateFrom && !state.dateTo) return true;
    return n.kg.arts.some(function (i) {
      var a = ARTICLES[i];
      return a && dateWithin(a.date, state.dateFrom, state.dateTo);
    });
  }

  function edgeVisible(e) {
    if (state.rels[e.kg.rel] === false) return false;
    if (state.hideGaz && e.kg.gaz) return false;
    return nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to));
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, { filter: edgeVisible });

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, DATA.options);

  // ---------------------------------------------------------------- layout: stabilise, then stop

  var progress = document.getElementById("kg-progress");
  var progressPct = document.getElementById("kg-progress-pct");
  var stabilized = false;

  function keepPositions(ids) {
    var pos = network.getPositions(ids);
    var updates = Object.keys(pos).map(function (id) {
      return { id: Number(id), x: pos[id].x, y: pos[id].y };
    });
    if (updates.length) nodes.update(updates);
  }

  // Entities with no relation: a grid of their own below the network, so they do not fog it.
  function placeIsolated() {
    var lone = DATA.nodes.filter(function (n) { return n.kg.isolated; }).map(function (n) { return n.id; });
    if (!lone.length) return;
    var others = DATA.nodes.filter(function (n) { return !n.kg.isolated; }).map(function (n) { return n.id; });
    var pos = network.getPositions(others);
    var xs = others.map(function (id) { return pos[id].x; }), ys = others.map(function (id) { return pos[id].y; });
    var left = xs.length ? Math.min.apply(null, xs) : 0, right = xs.length ? Math.max.apply(null, xs) : 0;
    var top = ys.length ? Math.max.apply(null, ys) + 2 * ISOLATED_GAP : 0;
    var perRow = Math.max(1, Math.min(lone.length, Math.floor((right - left) / ISOLATED_GAP) + 1 || 1,
                                      Math.ceil(Math.sqrt(lone.length * 3))));
    nodes.update(lone.map(function (id, i) {
      return { id: id, x: left + (i % perRow) * ISOLATED_GAP, y: top + Math.floor(i / perRow) * ISOLATED_GAP };
    }));
    var note = document.getElementById("kg-isolated-note");
    note.textContent = lone.length + " 个孤立实体（无关系）在下方 · " + lone.length + " entities with no relation, set apart below";
    note.hidden = false;
  }

  // The best-connected nodes keep a legible label at the opening zoom; zooming in caps it.
  function labelTopNodes() {
    var scale = network.getScale();
    var size = TOP_LABEL_PX / Math.max(scale, 1e-3);
    var updates = DATA.nodes.filter(function (n) { return n.kg.top; }).map(function (n) {
      return { id: n.id, scaling: { label: { enabled: true, min: size, max: size, maxVisible: TOP_LABEL_MAX_PX, drawThreshold: 1 } } };
    });
    if (updates.length) nodes.update(updates);
  }

  function finishLayout() {
    if (stabilized) return;
    stabilized = true;
    network.setOptions({ physics: false });
    keepPositions();
    if (DATA.isolatedApart) {
      placeIsolated();
      network.fit({ animation: false });
    }
    labelTopNodes();
    progress.hidden = true;
    progress.style.display = "none";
  }

  network.on("stabilizationProgress", function (p) {
    progressPct.textContent = Math.round(100 * p.iterations / Math.max(1, p.total)) + "%";
  });
  network.once("stabilizationIterationsDone", finishLayout);
  network.once("stabilized", finishLayout);
  if (DATA.nodes.length === 0) finishLayout();
  network.on("dragEnd", function (p) { if (p.nodes && p.nodes.length) keepPositions(p.nodes); });

  // ---------------------------------------------------------------- filters and legend

  function countBy(list, key) {
    var counts = {};
    list.forEach(function (x) { var k = key(x); counts[k] = (counts[k] || 0) + 1; });
    return counts;
  }

  var typeCounts = countBy(DATA.nodes, function (n) { return n.kg.type; });
  var relCounts = countBy(DATA.edges, function (e) { return e.kg.rel; });
  var checkboxes = { types: {}, rels: {} };

  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
  }

  var typeBox = document.getElementById("kg-types");
  DATA.typeOrder.forEach(function (t) {
    var st = typeStyle(t);
    var box = el("input", { type: "checkbox", "data-type": t });
    box.checked = true;
    box.addEventListener("change", function () { state.types[t] = box.checked; refresh(); });
    checkboxes.types[t] = box;
    typeBox.appendChild(el("label", { className: "kg-type" }, [
      box, swatch(st.shape, st.color), el("span", { text: st.zh }), el("span", { className: "kg-muted", text: st.en }),
      el("span", { className: "kg-count", text: String(typeCounts[t] || 0) }),
    ]));
  });

  var relBox = document.getElementById("kg-rels");
  DATA.relOrder.forEach(function (r) {
    var rs = relStyle(r);
    var box = el("input", { type: "checkbox", "data-rel": r });
    box.checked = true;
    box.addEventListener("change", function () { state.rels[r] = box.checked; refresh(); });
    checkboxes.rels[r] = box;
    relBox.appendChild(el("label", { className: "kg-rel" }, [
      box, lineSwatch(rs.color, false), el("span", { text: rs.zh }), el("span", { className: "kg-muted", text: rs.en }),
      el("span", { className: "kg-count", text: String(relCounts[r] || 0) }),
    ]));
  });

  var gazBox = document.getElementById("kg-hide-gaz");
  gazBox.addEventListener("change", function () { state.hideGaz = gazBox.checked; refresh(); });

  var dateInputs = setupDateFilter();

  function setupDateFilter() {
    var from = document.getElementById("kg-date-from");
    var to = document.getElementById("kg-date-to");
    var msg = document.getElementById("kg-date-msg");
    var dated = ARTICLES.filter(function (a) { return a.date; }).map(function (a) { return a.date; }).sort();
    if (dated.length) {
      from.placeholder = dated[0];
      to.placeholder = dated[dated.length - 1];
    }
    function apply() {
      var f = from.value.trim(), t = to.value.trim();
      var bad = [f, t].filter(function (x) { return x && !DATE_RE.test(x); });
      if (bad.length) {
        msg.textContent = "日期格式 YYYY、YYYY-MM 或 YYYY-MM-DD · use YYYY, YYYY-MM or YYYY-MM-DD";
        return;
      }
      state.dateFrom = f;
      state.dateTo = t;
      refresh();
      msg.textContent = (f || t) ? nodesView.length + " 个实体 entities" : dated.length + " 篇有日期的文章 dated articles";
    }
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    msg.textContent = dated.length + " 篇有日期的文章 dated articles";
    return { from: from, to: to, apply: apply };
  }

  // ---------------------------------------------------------------- details and tooltips

  function evidenceOf(nodeId) {
    var out = [];
    (incident.get(nodeId) || []).forEach(function (e) {
      var other = nodeById.get(e.from === nodeId ? e.to : e.from);
      e.kg.ev.forEach(function (ev) {
        if (ev[2]) out.push({ edge: e, other: other, derivation: ev[0], article: ev[1], sentence: ev[2] });
      });
    });
    return out;
  }

  function edgeSummary(e) {
    return nodeById.get(e.from).kg.name + " —" + relText(e.kg.rel) + "→ " + nodeById.get(e.to).kg.name;
  }

  function nodeFacts(n, full) {
    var k = n.kg, dl = el("dl");
    function add(term, value) {
      if (value === null || value === undefined || value === "") return;
      dl.appendChild(el("dt", { text: term }));
      dl.appendChild(typeof value === "string" ? el("dd", { text: value }) : el("dd", null, [value]));
    }
    if (k.aliases.length) add("别名 Aliases", k.aliases.join("、"));
    if (k.code) add("行政区划代码 Admin code", k.code + (k.level ? "（" + k.level + "）" : ""));
    else if (k.level) add("行政级别 Admin level", k.level);
    if (full) add("IRI", readableIri(k.iri));
    var limit = full ? MAX_LIST : 3;
    if (k.arts.length) {
      var ul = el("ul");
      k.arts.slice(0, limit).forEach(function (i) { ul.appendChild(el("li", { text: articleText(i) })); });
      if (k.arts.length > limit) ul.appendChild(el("li", { className: "kg-muted", text: "…另有 " + (k.arts.length - limit) + " 篇 more" }));
      add("来源文章 Articles (" + k.arts.length + ")", ul);
    } else {
      add("来源文章 Articles", "无，仅见于行政区划 · none (gazetteer only)");
    }
    var ev = evidenceOf(n.id);
    if (ev.length) {
      var evUl = el("ul");
      ev.slice(0, limit).forEach(function (x) {
        var li = el("li", null, [
          el("span", { className: "kg-src", text: "[" + relStyle(x.edge.kg.rel).zh + "] " + x.other.kg.name + "：" }),
          el("span", { className: "kg-ev", text: x.sentence }),
        ]);
        if (full && x.article >= 0) li.appendChild(el("div", { className: "kg-src", text: "— " + articleText(x.article) }));
        evUl.appendChild(li);
      });
      if (ev.length > limit) evUl.appendChild(el("li", { className: "kg-muted", text: "…另有 " + (ev.length - limit) + " 条 more" }));
      add("证据 Evidence (" + ev.length + ")", evUl);
    }
    var amounts = amountsList(k.qty || [], limit, full);
    if (amounts) add("数量 Amounts (" + k.qty.length + ")", amounts);
    return dl;
  }

  // ---------------------------------------------------------------- amounts (quantities) of an entity

  function amountText(q) {
    // q: [measure, value, unit, approx, asOf, article index, sentence]
    var text = (q[0] ? q[0] + " " : "") + (q[3] ? "约 " : "") + q[1] + q[2];
    var a = ARTICLES[q[5]];
    var when = q[4] || (a && a.date ? a.date + "（发布 published）" : "");
    return when ? text + " · " + when : text;
  }

  function amountsList(qty, limit, full) {
    if (!qty.length) return null;
    var ul = el("ul", { className: "kg-amounts" });
    qty.slice(0, limit).forEach(function (q) {
      var li = el("li", null, [el("span", { className: "kg-amount", text: amountText(q) })]);
      if (q[6]) li.appendChild(el("div", { className: "kg-ev", text: q[6] }));
      if (full && q[5] >= 0) li.appendChild(el("div", { className: "kg-src", text: "— " + articleText(q[5]) }));
      ul.appendChild(li);
    });
    if (qty.length > limit) ul.appendChild(el("li", { className: "kg-muted", text: "…另有 " + (qty.length - limit) + " 条 more" }));
    return ul;
  }

  function edgeFacts(e, full) {
    var dl = el("dl");
    var limit = full ? MAX_LIST : 5;
    var ul = el("ul");
    e.kg.ev.slice(0, limit).forEach(function (ev) {
      var li = el("li", null, [el("span", { className: "kg-src", text: derivationText(ev[0]) })]);
      if (ev[2]) li.appendChild(el("div", { className: "kg-ev", text: ev[2] }));
      if (ev[1] >= 0) li.appendChild(el("div", { className: "kg-src", text: "— " + articleText(ev[1]) }));
      ul.appendChild(li);
    });
    if (e.kg.ev.length > limit) ul.appendChild(el("li", { className: "kg-muted", text: "…另有 " + (e.kg.ev.length - limit) + " 条 more" }));
    if (e.kg.ev.length) {
      dl.appendChild(el("dt", { text: "来源 Support (" + e.kg.ev.length + ")" }));
      dl.appendChild(el("dd", null, [ul]));
    }
    return dl;
  }

  var details = document.getElementById("kg-details");

  function badge(type) {
    return el("span", { className: "kg-badge", style: "background:" + typeStyle(type).color, text: typeText(type) });
  }

  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    clear(details);
    details.appendChild(el("h2", { text: n.kg.name }));
    details.appendChild(badge(n.kg.type));
    details.appendChild(nodeFacts(n, true));
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    clear(details);
    details.appendChild(el("h2", { text: edgeSummary(e) }));
    details.appendChild(el("div", { className: "kg-muted", text: e.kg.gaz ? "行政区划补全 from gazetteer" : relText(e.kg.rel) }));
    details.appendChild(edgeFacts(e, true));
  }

  var tip = document.getElementById("kg-tip");

  function showTip(content, pointer) {
    clear(tip);
    content.forEach(function (c) { tip.appendChild(c); });
    tip.hidden = false;
    var main = document.getElementById("kg-main");
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > main.clientWidth) x = Math.max(0, pointer.x - w - 14);
    if (y + h > main.clientHeight) y = Math.max(0, pointer.y - h - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { tip.hidden = true; clear(tip); }

  network.on("hoverNode", function (p) {
    var n = nodeById.get(p.node);
    if (!n) return;
    showTip([el("div", { className: "kg-tip-title", text: n.kg.name }), badge(n.kg.type), nodeFacts(n, false)], p.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (!e) return;
    showTip([el("div", { className: "kg-tip-title", text: edgeSummary(e) }), edgeFacts(e, false)], p.pointer.DOM);
  });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ---------------------------------------------------------------- search

  var nameIndex = new Map(); // exact name or alias -> [node ids]
  DATA.nodes.forEach(function (n) {
    [n.kg.name].concat(n.kg.aliases).forEach(function (name) {
      if (!nameIndex.has(name)) nameIndex.set(name, []);
      nameIndex.get(name).push(n.id);
    });
  });

  var datalist = document.getElementById("kg-names");
  Array.from(nameIndex.keys()).sort().forEach(function (name) {
    var opt = document.createElement("option");
    opt.value = name;
    datalist.appendChild(opt);
  });

  function findNodes(query) {
    var q = (query || "").trim();
    if (!q) return [];
    var exact = nameIndex.get(q);
    if (exact) return exact.slice();
    var lower = q.toLowerCase(), hits = [];
    nameIndex.forEach(function (ids, name) {
      if (name.toLowerCase().indexOf(lower) >= 0) ids.forEach(function (id) { hits.push({ id: id, len: name.length, name: name }); });
    });
    hits.sort(function (a, b) { return a.len - b.len || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id); });
    var seen = new Set();
    return hits.filter(function (h) { if (seen.has(h.id)) return false; seen.add(h.id); return true; })
      .map(function (h) { return h.id; });
  }

  function reveal(n) {
    var changed = false;
    if (state.types[n.kg.type] === false) {
      state.types[n.kg.type] = true;
      checkboxes.types[n.kg.type].checked = true;
      changed = true;
    }
    if (state.hideGaz && n.kg.inferred) {
      state.hideGaz = false;
      gazBox.checked = false;
      changed = true;
    }
    if (changed) refresh();
  }

  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) return false;
    reveal(n);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    return true;
  }

  var msg = document.getElementById("kg-search-msg");

  function search(query) {
    var ids = findNodes(query);
    if (!ids.length) {
      msg.textContent = "未找到 not found: " + query;
      return null;
    }
    focusNode(ids[0]);
    msg.textContent = ids.length > 1 ? "共 " + ids.length + " 个匹配 matches; 显示 showing: " + nodeById.get(ids[0]).kg.name : "";
    return ids[0];
  }

  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("kg-search-input").value);
  });

  // ---------------------------------------------------------------- API for tests and the console

  window.kgView = {
    network: network,
    get stabilized() { return stabilized; },
    nodeCount: function () { return nodesView.length; },
    edgeCount: function () { return edgesView.length; },
    visibleNodeIds: function () { return nodesView.getIds(); },
    drawnNodeCount: function () { return network.body.nodeIndices.length; },
    nodeName: function (id) { var n = nodeById.get(id); return n ? n.kg.name : null; },
    nodeType: function (id) { var n = nodeById.get(id); return n ? n.kg.type : null; },
    topIds: function () { return DATA.nodes.filter(function (n) { return n.kg.top; }).map(function (n) { return n.id; }); },
    isolatedIds: function () { return DATA.nodes.filter(function (n) { return n.kg.isolated; }).map(function (n) { return n.id; }); },
    // the screen size, in pixels, a node's label is drawn at now (0: too small to be drawn)
    labelPx: function (id) {
      var node = network.body.nodes[id];
      if (!node || !node.labelModule) return 0;
      var opts = node.options.scaling.label, px = node.labelModule.fontOptions.size * network.getScale();
      return px < opts.drawThreshold - 1 ? 0 : Math.min(px, opts.maxVisible);
    },
    find: findNodes,
    search: search,
    focus: focusNode,
    selected: function () { return network.getSelectedNodes(); },
    setType: function (type, visible) {
      state.types[type] = !!visible;
      if (checkboxes.types[type]) checkboxes.types[type].checked = !!visible;
      refresh();
    },
    setRelation: function (rel, visible) {
      state.rels[rel] = !!visible;
      if (checkboxes.rels[rel]) checkboxes.rels[rel].checked = !!visible;
      refresh();
    },
    setHideGazetteer: function (hide) { state.hideGaz = !!hide; gazBox.checked = !!hide; refresh(); },
    setDateRange: function (from, to) {
      dateInputs.from.value = from || "";
      dateInputs.to.value = to || "";
      dateInputs.apply();
    },
    amounts: function (id) { var n = nodeById.get(id); return n ? (n.kg.qty || []).map(amountText) : null; },
  };
})();
