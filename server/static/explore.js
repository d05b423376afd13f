// The graph explorer: an entity's neighbourhood from /export/cytoscape drawn with
// Cytoscape.js (served from node_modules), filters by time and kind, a timeline of the
// events and an SVG map of their places. Text from the graph is only ever set with
// textContent or SVG text nodes, never parsed as HTML.
(function () {
  "use strict";
  var ID_SPACE = "https://w3id.org/marsad/id/";
  var SVG = "http://www.w3.org/2000/svg";
  var KINDS = {
    Person: ["شخص", "#1f77b4"], Organization: ["منظمة", "#9467bd"], State: ["دولة", "#2ca02c"],
    ArmedGroup: ["جماعة مسلحة", "#d62728"], Place: ["مكان", "#8c564b"],
    Meeting: ["لقاء", "#ff7f0e"], MilitaryAction: ["عمل عسكري", "#e377c2"],
    Claim: ["تصريح", "#7f7f7f"], Source: ["مقال", "#bcbd22"],
  };
  var EVENT_KINDS = { Meeting: true, MilitaryAction: true, Claim: true };
  var root = document.getElementById("explorer");
  var status = document.getElementById("explore-status");
  var entity = root.getAttribute("data-entity");
  var params = new URLSearchParams(window.location.search);
  var cy = null;
  var elements = null;
  var geo = null;

  function pagePath(iri) {
    return iri.indexOf(ID_SPACE) === 0 ? "/id/" + iri.slice(ID_SPACE.length) : null;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function kindName(kind) { return (KINDS[kind] || [kind])[0]; }
  function displayLabel(d) {
    if (d.kind === "Meeting" || d.kind === "MilitaryAction") {
      var what = d.kind === "Meeting" ? kindName("Meeting") : (d.action_type || kindName(d.kind));
      return what + (d.date ? " " + d.date : "");
    }
    return d.label_ar || d.label_en || d.label || d.id;
  }

  // ---- search box: /api/search (search.js), then open the explorer for the entity ----
  // search.js is deferred, so it has run by DOMContentLoaded.
  document.addEventListener("DOMContentLoaded", function () {
    window.marsadAutocomplete(
      document.getElementById("explore-box"),
      document.getElementById("explore-hits"),
      function (h) { return "/explore?entity=" + encodeURIComponent(h.iri); });
  });

  // ---- filters ----
  var fromBox = document.getElementById("filter-from");
  var toBox = document.getElementById("filter-to");
  var depthBox = document.getElementById("filter-depth");
  var kindsBox = document.getElementById("filter-kinds");
  fromBox.value = params.get("from") || "";
  toBox.value = params.get("to") || "";
  depthBox.value = params.get("depth") === "2" ? "2" : "1";
  Object.keys(KINDS).forEach(function (kind) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = kind !== "Source"; box.value = kind;
    box.addEventListener("change", render);
    label.appendChild(box);
    var swatch = el("span", "● ");
    swatch.style.color = KINDS[kind][1];
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(kindName(kind)));
    kindsBox.appendChild(label);
  });
  function shownKinds() {
    var out = {};
    kindsBox.querySelectorAll("input:checked").forEach(function (b) { out[b.value] = true; });
    return out;
  }
  // the first and last day a date of any precision covers (as the exports do)
  function bounds(iso) {
    if (!iso) { return null; }
    var p = iso.slice(0, 10).split("-");
    if (p.length === 1) { return [p[0] + "-01-01", p[0] + "-12-31"]; }
    if (p.length === 2) { return [p.join("-") + "-01", p.join("-") + "-31"]; }
    return [p.join("-"), p.join("-")];
  }
  function inWindow(d) {
    var lo = bounds(fromBox.value.trim()), hi = bounds(toBox.value.trim());
    if (!lo && !hi) { return true; }
    var b = bounds(d.date);
    if (!b) { return false; }
    return (!lo || b[1] >= lo[0]) && (!hi || b[0] <= hi[1]);
  }
  [fromBox, toBox].forEach(function (b) { b.addEventListener("change", render); });
  depthBox.addEventListener("change", load);

  function query() {
    var q = new URLSearchParams();
    q.set("around", entity);
    q.set("depth", depthBox.value);
    return q;
  }
  function setDownloads() {
    document.querySelectorAll(".downloads a").forEach(function (a) {
      var q = query();
      if (fromBox.value.trim()) { q.set("from", fromBox.value.trim()); }
      if (toBox.value.trim()) { q.set("to", toBox.value.trim()); }
      a.href = "/export/" + a.getAttribute("data-format") + "?" + q.toString();
    });
  }

  // ---- which elements pass the filters ----
  function visibleIds() {
    var kinds = shownKinds();
    var keep = {};
    elements.nodes.forEach(function (n) {
      var d = n.data;
      if (d.id === entity) { keep[d.id] = true; return; }
      if (!kinds[d.kind]) { return; }
      if (EVENT_KINDS[d.kind] && !inWindow(d)) { return; }
      keep[d.id] = true;
    });
    return keep;
  }

  // ---- network ----
  function drawNetwork(keep) {
    if (!cy) {
      cy = cytoscape({
        container: document.getElementById("network"),
        elements: elements,
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: {
            "background-color": function (n) { return (KINDS[n.data("kind")] || ["", "#999"])[1]; },
            "label": function (n) { return displayLabel(n.data()); },
            "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
            "width": 14, "height": 14 } },
          { selector: "node[kind = 'Meeting'], node[kind = 'MilitaryAction']",
            style: { "shape": "diamond" } },
          { selector: "node[kind = 'Claim']", style: { "shape": "round-rectangle", "font-size": 7 } },
          { selector: "node.focus", style: { "width": 26, "height": 26, "border-width": 3,
            "border-color": "#000", "font-size": 13, "font-weight": "bold" } },
          { selector: "edge", style: { "width": 1, "line-color": "#b8c2cc",
            "curve-style": "bezier", "target-arrow-shape": "triangle",
            "target-arrow-color": "#b8c2cc", "arrow-scale": 0.6 } },
          { selector: "edge[type = 'met']", style: { "line-color": "#ff7f0e", "width": 2.5,
            "target-arrow-shape": "none" } },
          { selector: "edge[type = 'acted_on']", style: { "line-color": "#d62728", "width": 2,
            "target-arrow-color": "#d62728" } },
          { selector: "edge[type = 'claimed_about']", style: { "line-style": "dashed" } },
        ],
        layout: { name: "preset" },
      });
      cy.getElementById(entity).addClass("focus");
      window.marsadCy = cy;  // for tests and the console
      cy.on("tap", "node", function (ev) {
        var href = pagePath(ev.target.id());
        if (href) { window.location.href = href; }
      });
    }
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.style("display", keep[n.id()] ? "element" : "none"); });
    });
    var shown = cy.nodes().filter(function (n) { return keep[n.id()]; });
    shown.union(shown.edgesWith(shown)).layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: 400000,
                   idealEdgeLength: 100, nodeOverlap: 40, padding: 30 }).run();
    root.setAttribute("data-nodes", String(shown.length));
  }

  // ---- timeline ----
  function drawTimeline(keep) {
    var list = document.getElementById("timeline");
    list.textContent = "";
    var events = elements.nodes.map(function (n) { return n.data; })
      .filter(function (d) { return EVENT_KINDS[d.kind] && keep[d.id]; });
    events.sort(function (a, b) {
      if (!a.date !== !b.date) { return a.date ? -1 : 1; }
      return (a.date || "").localeCompare(b.date || "") || a.kind.localeCompare(b.kind);
    });
    events.forEach(function (d) {
      var li = el("li");
      li.setAttribute("data-kind", d.kind);
      var time = el("time", d.date || "—");
      if (d.date) { time.setAttribute("datetime", d.date); }
      li.appendChild(time);
      var body = el("span");
      var href = pagePath(d.id);
      var a = el(href ? "a" : "span", displayLabel(d));
      if (href) { a.href = href; }
      body.appendChild(a);
      body.appendChild(el("span", kindName(d.kind) + (d.status ? " · " + d.status : "") +
                          (d.stance ? " · " + d.stance : ""), "kind"));
      li.appendChild(body);
      list.appendChild(li);
    });
    if (!events.length) { list.appendChild(el("li", "لا أحداث · no events")); }
  }

  // ---- map: places of the shown events (GeoJSON export one step further out, since
  // an event's place is two steps from the entity), sized by their number of events ----
  function drawMap(keep) {
    var box = document.getElementById("map");
    box.textContent = "";
    var places = [];
    (geo ? geo.features : []).forEach(function (f) {
      var n = f.properties.events.filter(function (ev) { return keep[ev.id]; }).length;
      if (!n && !keep[f.id]) { return; }
      var c = f.geometry.coordinates;
      places.push({ id: f.id, long: c[0], lat: c[1], n: n,
                    label_ar: f.properties.label_ar, label_en: f.properties.label_en });
    });
    var W = 600, H = 420, pad = 30;
    var lats = places.map(function (p) { return p.lat; }).concat([20, 34]);
    var longs = places.map(function (p) { return p.long; }).concat([9, 36]);
    var minLat = Math.floor(Math.min.apply(null, lats)) - 1, maxLat = Math.ceil(Math.max.apply(null, lats)) + 1;
    var minLong = Math.floor(Math.min.apply(null, longs)) - 1, maxLong = Math.ceil(Math.max.apply(null, longs)) + 1;
    var scale = Math.min((W - 2 * pad) / (maxLong - minLong), (H - 2 * pad) / (maxLat - minLat));
    function x(lon) { return pad + (lon - minLong) * scale; }
    function y(lat) { return pad + (maxLat - lat) * scale; }
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "map" });
    var step = (maxLong - minLong) > 30 ? 10 : 5;
    for (var lon = Math.ceil(minLong / step) * step; lon <= maxLong; lon += step) {
      s.appendChild(svg("line", { "class": "grid", x1: x(lon), x2: x(lon), y1: y(maxLat), y2: y(minLat) }));
      var t = svg("text", { x: x(lon) + 2, y: H - 4 }); t.textContent = lon + "°E"; s.appendChild(t);
    }
    for (var lat = Math.ceil(minLat / step) * step; lat <= maxLat; lat += step) {
      s.appendChild(svg("line", { "class": "grid", x1: x(minLong), x2: x(maxLong), y1: y(lat), y2: y(lat) }));
      var u = svg("text", { x: 2, y: y(lat) - 2 }); u.textContent = lat + "°N"; s.appendChild(u);
    }
    places.forEach(function (p) {
      var n = p.n;
      var g = svg("g", { "class": "place", "data-id": p.id });
      var c = svg("circle", { cx: x(p.long), cy: y(p.lat), r: 4 + 3 * Math.sqrt(n) });
      var title = svg("title");
      title.textContent = (p.label_ar || p.label_en || p.id) + (p.label_en ? " · " + p.label_en : "") + " — " + n;
      c.appendChild(title);
      c.addEventListener("click", function () {
        var href = pagePath(p.id);
        if (href) { window.location.href = href; }
      });
      g.appendChild(c);
      var label = svg("text", { x: x(p.long) + 7, y: y(p.lat) + 4 });
      label.textContent = p.label_ar || p.label_en || p.id;
      g.appendChild(label);
      s.appendChild(g);
    });
    box.appendChild(s);
    if (!places.length) { box.appendChild(el("p", "لا أماكن بإحداثيات · no places with coordinates")); }
  }

  function render() {
    if (!elements) { return; }
    var keep = visibleIds();
    drawNetwork(keep);
    drawTimeline(keep);
    drawMap(keep);
    setDownloads();
    root.setAttribute("data-ready", "true");
  }

  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(r.status + " " + t); }); }
      return r.json();
    });
  }

  function load() {
    if (!entity) { status.textContent = "ابحث عن فاعل لعرض شبكته · search an actor to see its network"; return; }
    status.textContent = "…";
    root.removeAttribute("data-ready");
    var wider = query();
    wider.set("depth", String(Number(depthBox.value) + 1));
    Promise.all([getJson("/export/cytoscape?" + query().toString()),
                 getJson("/export/geojson?" + wider.toString())])
      .then(function (docs) {
        var doc = docs[0];
        geo = docs[1];
        elements = doc.elements;
        if (cy) { cy.destroy(); cy = null; }
        var me = elements.nodes.filter(function (n) { return n.data.id === entity; })[0];
        var title = document.getElementById("explore-title");
        title.textContent = me ? displayLabel(me.data) : entity;
        if (me && me.data.label_en && me.data.label_en !== title.textContent) {
          title.appendChild(document.createTextNode(" · "));
          var en = el("span", me.data.label_en, "en-title");
          en.lang = "en"; en.dir = "ltr";
          title.appendChild(en);
        }
        status.textContent = elements.nodes.length + " عقدة · " + elements.edges.length + " صلة";
        render();
      })
      .catch(function (e) { status.textContent = "تعذّر التحميل · could not load: " + e.message; });
  }
  load();
})();
