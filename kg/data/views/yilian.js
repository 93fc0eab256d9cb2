/* yilian views: draws window.YL with vis-network; legend, filters, search and details panel.
 * Text from articles reaches the DOM only through textContent, and tooltips are plain strings
 * (vis-network shows a string title as text), so labels and sentences cannot inject markup. */
(function () {
  "use strict";
  var Y = window.YL, meta = Y.meta;
  var state = window.ylState = {drawn: false, stable: false};
  var byId = {};
  var i;

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function typeName(t) { return meta.types[t] ? meta.types[t][0] : t; }
  function kindName(k) { return meta.kinds[k] ? meta.kinds[k][0] : k; }
  function label(id) { return byId[id] ? byId[id].label.replace(/\n/g, " ") : id; }
  // An evidence entry is [doc, start, end, n]. The sentence is meta.sentences[n], its article
  // meta.docs[doc], on a page that opens on its own; pages under views/ share both in
  // views/evidence/<n / shard>.js as [text, title, date, publisher, path], loaded when an
  // edge's evidence is shown. record() is null while its file is not loaded.
  var shards = {}, waiting = {};
  window.ylEvidence = function (k, texts) {
    shards[k] = texts;
    var w = waiting[k] || []; delete waiting[k];
    w.forEach(function (f) { f(); });
  };
  function record(x) {
    if (typeof x[3] !== "number" || meta.sentences) {
      var d = (meta.docs || {})[x[0]] || ["", "", "", ""];
      return [typeof x[3] !== "number" ? x[3] : (meta.sentences[x[3]] || "")].concat(d);
    }
    var s = shards[Math.floor(x[3] / meta.shard)];
    return s ? (s[x[3] % meta.shard] || ["", "", "", "", ""]) : null;
  }
  function sentence(x) { var r = record(x); return r && r[0]; }
  function withSentences(ev, done) {
    var need = {};
    ev.forEach(function (x) { if (record(x) === null) { need[Math.floor(x[3] / meta.shard)] = true; } });
    var keys = Object.keys(need), left = keys.length;
    if (!left) { done(); return; }
    keys.forEach(function (k) {
      var first = !waiting[k];
      (waiting[k] = waiting[k] || []).push(function () { left -= 1; if (!left) { done(); } });
      if (first) {
        var s = document.createElement("script");
        s.src = meta.evidence + k + ".js";
        s.onerror = function () { window.ylEvidence(k, []); };  // shown as empty, not retried
        document.head.appendChild(s);
      }
    });
  }
  function docLine(x) {  // the article an evidence entry quotes, once its record is loaded
    var doc = x[0], d = (record(x) || ["", "", "", "", ""]).slice(1);
    var s = d[0] ? "《" + d[0] + "》" : doc;
    if (d[1]) { s += " " + d[1]; }
    if (d[2]) { s += " · " + d[2]; }
    s += " · " + (d[3] || doc);
    return s;
  }

  function nodeTitle(n) {
    var lines = [n.label.replace(/\n/g, " "), typeName(n.t)];
    if (n.rg) { lines.push("地区：" + n.rg); }
    if (n.al && n.al.length) { lines.push("别名：" + n.al.join("、")); }
    if (n.ro && n.ro.length) { lines.push("职务：" + n.ro.join("、")); }
    if (n.n) { lines.push((n.t === "Alliance" ? "成员：" : "合作伙伴：") + n.n); }
    if (n.c) { lines.push("机构：" + n.c + "，本地合作：" + (n.w || 0)); }
    if (n.ext) { lines.push("（本页范围之外）"); }
    if (n.u) { lines.push("双击打开其页面"); }
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var lines = [label(e.from) + " → " + label(e.to)];
    lines.push(e.k.map(kindName).join(" / ") + (e.d ? " · " + e.d : ""));
    if (e.r) { lines.push("职务：" + e.r); }
    if (e.via) { lines.push("人员：" + e.via); }
    if (e.c) { lines.push("数量：" + e.c); }
    var ev = e.ev || [];
    for (var j = 0; j < ev.length && j < 2; j++) {
      if (record(ev[j]) !== null) { lines.push("「" + sentence(ev[j]) + "」"); }
      else { lines.push("（原文载入中，单击连线查看）"); }
      lines.push("    —— " + docLine(ev[j]));
    }
    if ((e.evn || ev.length) > 2) { lines.push("共 " + (e.evn || ev.length) + " 条证据，单击连线查看"); }
    return lines.join("\n");
  }

  for (i = 0; i < Y.nodes.length; i++) { byId[Y.nodes[i].id] = Y.nodes[i]; }
  // an edge names its ends by their position in Y.nodes (shorter than their ids)
  Y.edges.forEach(function (e) {
    if (typeof e.from === "number") { e.from = Y.nodes[e.from].id; }
    if (typeof e.to === "number") { e.to = Y.nodes[e.to].id; }
  });
  for (i = 0; i < Y.nodes.length; i++) { Y.nodes[i].title = nodeTitle(Y.nodes[i]); }
  for (i = 0; i < Y.edges.length; i++) { Y.edges[i].title = edgeTitle(Y.edges[i]); }

  // ---- filters -------------------------------------------------------------------------
  var shownTypes = {}, shownKinds = {}, province = "";
  meta.typeOrder.forEach(function (t) { shownTypes[t] = true; });
  meta.kindOrder.forEach(function (k) { shownKinds[k] = true; });
  var nodes = new vis.DataSet(Y.nodes), edges = new vis.DataSet(Y.edges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) {
    return shownTypes[n.t] !== false && (province === "" || n.p === province);
  }});
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return e.k.some(function (k) { return shownKinds[k] !== false; });
  }});
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  function checkbox(box, key, text, color, store) {
    var lab = el("label"), cb = el("input");
    cb.type = "checkbox"; cb.checked = true; cb.value = key;
    cb.addEventListener("change", function () { store[key] = cb.checked; refresh(); });
    var sw = el("span", null, "yl-swatch"); sw.style.background = color;
    lab.appendChild(cb); lab.appendChild(sw); lab.appendChild(document.createTextNode(text));
    box.appendChild(lab);
  }
  var ft = document.getElementById("yl-filter-types"), fk = document.getElementById("yl-filter-kinds");
  meta.typeOrder.forEach(function (t) { checkbox(ft, t, meta.types[t][0], meta.types[t][1], shownTypes); });
  meta.kindOrder.forEach(function (k) { checkbox(fk, k, meta.kinds[k][0], meta.kinds[k][1], shownKinds); });
  var sel = document.getElementById("yl-province");
  meta.provinces.forEach(function (p) {
    var o = el("option", p[1]); o.value = p[0]; sel.appendChild(o);
  });
  if (meta.provinces.length < 2) { document.getElementById("yl-filter-prov").hidden = true; }
  sel.addEventListener("change", function () { province = sel.value; refresh(); });
  function resetFilters() {
    Object.keys(shownTypes).forEach(function (t) { shownTypes[t] = true; });
    Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
    province = ""; sel.value = "";
    document.querySelectorAll("#yl-filters input[type=checkbox]").forEach(function (c) { c.checked = true; });
    refresh();
  }

  // ---- legend --------------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  function symbol(shape, color, dashed, isEdge) {
    var s = document.createElementNS(SVG, "svg"), g;
    s.setAttribute("width", "22"); s.setAttribute("height", "16"); s.setAttribute("aria-hidden", "true");
    if (isEdge) {
      g = document.createElementNS(SVG, "line");
      g.setAttribute("x1", "1"); g.setAttribute("y1", "8"); g.setAttribute("x2", "21"); g.setAttribute("y2", "8");
      g.setAttribute("stroke", color); g.setAttribute("stroke-width", "3");
      if (dashed) { g.setAttribute("stroke-dasharray", "4 3"); }
    } else {
      var pts = {
        triangle: "11,2 18,14 4,14", triangleDown: "4,2 18,2 11,14", diamond: "11,1 18,8 11,15 4,8",
        square: "5,2 17,2 17,14 5,14", hexagon: "7,2 15,2 19,8 15,14 7,14 3,8",
        star: "11,1 13,6 19,6 14,9.5 16,15 11,11.5 6,15 8,9.5 3,6 9,6",
        box: "2,4 20,4 20,12 2,12", text: "2,4 20,4 20,12 2,12"
      }[shape];
      if (pts) { g = document.createElementNS(SVG, "polygon"); g.setAttribute("points", pts); }
      else { g = document.createElementNS(SVG, "circle"); g.setAttribute("cx", "11"); g.setAttribute("cy", "8"); g.setAttribute("r", "6"); }
      g.setAttribute("fill", color); g.setAttribute("stroke", "#444"); g.setAttribute("stroke-width", "0.6");
    }
    s.appendChild(g);
    return s;
  }
  var legend = document.getElementById("yl-legend");
  meta.typeOrder.forEach(function (t) {
    var row = el("div", null, "yl-legend-row");
    row.appendChild(symbol(meta.types[t][2], meta.types[t][1], false, false));
    row.appendChild(el("span", meta.types[t][0])); legend.appendChild(row);
  });
  meta.kindOrder.forEach(function (k) {
    var row = el("div", null, "yl-legend-row");
    row.appendChild(symbol(null, meta.kinds[k][1], meta.kinds[k][2], true));
    row.appendChild(el("span", meta.kinds[k][0])); legend.appendChild(row);
  });
  if (Y.nodes.length) { legend.appendChild(el("div", "大小：合作伙伴数", "yl-legend-note")); }

  // ---- details panel -------------------------------------------------------------------
  var panel = document.getElementById("yl-panel");
  function clearPanel() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } }
  function row(dl, k, v) { if (v === undefined || v === null || v === "") { return; } dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); }
  function showNode(id) {
    var n = byId[id]; if (!n) { return; }
    clearPanel(); panel.dataset.kind = "node"; panel.dataset.id = id;
    panel.appendChild(el("h2", n.label.replace(/\n/g, " ")));
    var dl = el("dl");
    row(dl, "类别", typeName(n.t)); row(dl, "地区", n.rg);
    if (n.al && n.al.length) { row(dl, "别名", n.al.join("、")); }
    if (n.ro && n.ro.length) { row(dl, "职务", n.ro.join("、")); }
    if (n.n) { row(dl, n.t === "Alliance" ? "成员" : "合作伙伴", n.n); }
    if (n.c) { row(dl, "机构数", n.c); row(dl, "本地合作", n.w || 0); }
    if (n.top && n.top.length) { row(dl, "合作最多", n.top.join("、")); }
    panel.appendChild(dl);
    if (n.u) { var a = el("a", "打开其页面 →", "yl-open"); a.href = n.u; panel.appendChild(a); }
    var list = el("ul", null, "yl-links");
    network.getConnectedEdges(id).slice(0, 60).forEach(function (eid) {
      var e = edges.get(eid); if (!e) { return; }
      var other = e.from === id ? e.to : e.from;
      var li = el("li"), b = el("button", (e.from === id ? "→ " : "← ") + label(other) + "（" + e.k.map(kindName).join("/") + "）");
      b.type = "button"; b.addEventListener("click", function () { network.selectEdges([eid]); showEdge(eid); });
      li.appendChild(b); list.appendChild(li);
    });
    if (list.firstChild) { panel.appendChild(el("h3", "关系")); panel.appendChild(list); }
  }
  function showEdge(id) {
    var e = edges.get(id); if (!e) { return; }
    clearPanel(); panel.dataset.kind = "edge"; panel.dataset.id = id;
    panel.appendChild(el("h2", label(e.from) + " → " + label(e.to)));
    var dl = el("dl");
    row(dl, "类型", e.k.map(kindName).join(" / ")); row(dl, "日期", e.d); row(dl, "职务", e.r); row(dl, "人员", e.via);
    if (e.c) { row(dl, "数量", Object.keys(e.cs || {}).map(function (k) { return kindName(k) + " " + e.cs[k]; }).join("，") || e.c); }
    panel.appendChild(dl);
    var ev = e.ev || [];
    if (ev.length) {
      panel.appendChild(el("h3", "证据（" + (e.evn ? "前 " + ev.length + " 条，共 " + e.evn : ev.length) + "）"));
      withSentences(ev, function () {
        if (panel.dataset.kind !== "edge" || panel.dataset.id !== String(id)) { return; }  // moved on
        ev.forEach(function (x) {
          var q = el("blockquote", sentence(x), "yl-evidence");
          var c = el("cite", docLine(x) + " [" + x[1] + ", " + x[2] + ")");
          var fig = el("figure"); fig.appendChild(q); fig.appendChild(c); panel.appendChild(fig);
        });
      });
    }
  }

  // ---- the network ---------------------------------------------------------------------
  var container = document.getElementById("mynetwork");
  var network = window.ylNetwork = new vis.Network(container, {nodes: nodeView, edges: edgeView}, Y.options);
  var loading = document.getElementById("yl-loading");
  function stable() {
    if (state.stable) { return; }
    state.stable = true; state.tStable = performance.now(); loading.hidden = true;
  }
  network.once("afterDrawing", function () {
    state.drawn = true; state.tDrawn = performance.now();
    if (!meta.physics) { stable(); }
  });
  if (meta.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.once("afterDrawing", stable);
      network.redraw();
    });
  } else { loading.hidden = true; }
  network.on("hoverEdge", function (p) {  // the tooltip gets its sentences once they are loaded
    var e = edges.get(p.edge);
    if (e && (e.ev || []).some(function (x) { return record(x) === null; })) {
      withSentences(e.ev, function () { edges.update({id: e.id, title: edgeTitle(e)}); });
    }
  });
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && byId[p.nodes[0]] && byId[p.nodes[0]].u) { window.location.href = byId[p.nodes[0]].u; }
  });
  window.ylDrawnNodes = function () { return network.body.nodeIndices.length; };

  // ---- search --------------------------------------------------------------------------
  var names = document.getElementById("yl-names"), seen = {};
  Y.nodes.slice(0, 5000).forEach(function (n) {
    [n.label].concat(n.al || []).forEach(function (s) {
      if (!seen[s]) { seen[s] = true; var o = el("option"); o.value = s.replace(/\n/g, " "); names.appendChild(o); }
    });
  });
  function find(q) {
    var j, n;
    for (j = 0; j < Y.nodes.length; j++) { n = Y.nodes[j]; if (n.label === q || (n.al && n.al.indexOf(q) >= 0)) { return n.id; } }
    for (j = 0; j < Y.nodes.length; j++) {
      n = Y.nodes[j];
      if (n.label.indexOf(q) >= 0 || (n.al && n.al.some(function (a) { return a.indexOf(q) >= 0; }))) { return n.id; }
    }
    return null;
  }
  var msg = document.getElementById("yl-search-msg");
  window.ylFocus = function (q) {
    q = String(q).trim(); msg.textContent = "";
    if (!q) { return null; }
    var id = find(q);
    if (id === null) { msg.textContent = "未找到"; return null; }
    if (nodeView.get(id) === null) { resetFilters(); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showNode(id);
    return id;
  };
  document.getElementById("yl-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); window.ylFocus(document.getElementById("yl-search").value);
  });
})();
