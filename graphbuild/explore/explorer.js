/* graphbuild explorer: filters, search and details over a vis-network drawing.
 *
 * The data sits in <script type="application/json" id="graphbuild-data"> (written by
 * graphbuild.explore). Text from the data is always put in the page as text
 * (textContent), never as HTML. Nothing here asks any network for anything.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("graphbuild-data").textContent);
  var SETTINGS = JSON.parse(document.getElementById("graphbuild-settings").textContent);
  var actors = DATA.actors, events = DATA.events, articles = DATA.articles;
  events.forEach(function (ev, i) { ev.i = i; });

  // Okabe-Ito colours, as in graphbuild.render
  var QUAD_COLORS = {
    "verbal cooperation": "#56B4E9", "material cooperation": "#0072B2",
    "verbal conflict": "#E69F00", "material conflict": "#D55E00"
  };
  var TYPE_STYLE = {
    COUNTRY: { shape: "square", color: "#009E73" },
    PERSON: { shape: "dot", color: "#CC79A7" },
    ORG: { shape: "hexagon", color: "#F0E442" }
  };
  var GROUP_COLOR = "#9ad0bf";
  var FADED = "#e3e3e3";
  var MODALITIES = ["asserted", "planned", "possible", "reported"];

  var state = {
    grouped: actors.length > SETTINGS.aggregateAbove,
    expanded: new Set(),
    selected: null,      // display id of the selected actor node
    filter: null
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "cls") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function countryName(code) {
    if (!code) return "no country";
    return DATA.countries[code] ? DATA.countries[code] + " (" + code + ")" : code;
  }

  function groupKey(a) { return a.country || ""; }

  // ------------------------------------------------------------------ filters

  function checkbox(name, value, label, checked, swatch) {
    var input = el("input", { type: "checkbox", name: name, value: value });
    input.checked = checked;
    var parts = [input];
    if (swatch) parts.push(el("span", { cls: "swatch", style: "background:" + swatch }));
    parts.push(label);
    return el("label", {}, parts);
  }

  function countBy(key) {
    var counts = {};
    events.forEach(function (ev) { var k = key(ev); counts[k] = (counts[k] || 0) + 1; });
    return counts;
  }

  function buildFilters() {
    var byType = countBy(function (ev) { return ev.plover; });
    var box = $("f-types");
    DATA.quads.forEach(function (quad) {
      var wrap = el("div", { cls: "quad" });
      var head = checkbox("quad", quad, quad, true, QUAD_COLORS[quad]);
      wrap.appendChild(head);
      var types = el("div", { cls: "types" });
      DATA.plover.forEach(function (p) {
        if (p.quad !== quad || !byType[p.type]) return;
        types.appendChild(checkbox("plover", p.type, p.type + " (" + byType[p.type] + ")", true));
      });
      wrap.appendChild(types);
      head.querySelector("input").addEventListener("change", function (e) {
        types.querySelectorAll("input").forEach(function (i) { i.checked = e.target.checked; });
      });
      box.appendChild(wrap);
    });
    var byMode = countBy(function (ev) { return ev.modality; });
    MODALITIES.forEach(function (m) {
      $("f-modality").appendChild(checkbox("modality", m, m + " (" + (byMode[m] || 0) + ")", true));
    });
    var dates = events.map(function (ev) { return ev.date; }).filter(Boolean).sort();
    if (dates.length) {
      ["f-from", "f-to"].forEach(function (id) { $(id).min = dates[0]; $(id).max = dates[dates.length - 1]; });
    }
    var countries = new Set(), sectors = new Set();
    actors.forEach(function (a) { if (a.country) countries.add(a.country); if (a.sector) sectors.add(a.sector); });
    fillSelect($("f-country"), "any country", Array.from(countries).sort(), countryName);
    fillSelect($("f-sector"), "any sector", Array.from(sectors).sort(), function (s) { return s; });
    $("filters").addEventListener("change", function (e) {
      if (e.target.id !== "search") redraw();
    });
    $("reset").addEventListener("click", function () {
      $("filters").querySelectorAll("input[type=checkbox]").forEach(function (i) { i.checked = true; });
      ["f-from", "f-to"].forEach(function (id) { $(id).value = ""; });
      ["f-negation", "f-country", "f-sector"].forEach(function (id) { $(id).selectedIndex = 0; });
      redraw();
    });
    var legend = $("legend");
    DATA.quads.forEach(function (q) {
      legend.appendChild(el("div", {}, [el("span", { cls: "swatch", style: "background:" + QUAD_COLORS[q] }), q]));
    });
    legend.appendChild(el("div", { text: "dashed: planned or possible; dotted: negated (did not happen); " +
      "no arrowhead: a mutual event" }));
  }

  function fillSelect(select, anyLabel, values, label) {
    select.appendChild(el("option", { value: "", text: anyLabel }));
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: label(v) })); });
  }

  function checkedValues(name) {
    return new Set(Array.from(document.querySelectorAll("input[name=" + name + "]:checked"))
      .map(function (i) { return i.value; }));
  }

  function readFilter() {
    return {
      quads: checkedValues("quad"), types: checkedValues("plover"), modes: checkedValues("modality"),
      negation: $("f-negation").value, from: $("f-from").value, to: $("f-to").value,
      undated: $("f-undated").checked, country: $("f-country").value, sector: $("f-sector").value
    };
  }

  function passes(ev, f) {
    if (!f.quads.has(ev.quad) || !f.types.has(ev.plover) || !f.modes.has(ev.modality)) return false;
    if (f.negation === "happened" && ev.negated) return false;
    if (f.negation === "negated" && !ev.negated) return false;
    if (!ev.date) { if (!f.undated && (f.from || f.to)) return false; }
    else if ((f.from && ev.date < f.from) || (f.to && ev.date > f.to)) return false;
    var s = actors[ev.s], t = actors[ev.t];
    if (f.country && s.country !== f.country && t.country !== f.country) return false;
    if (f.sector && s.sector !== f.sector && t.sector !== f.sector) return false;
    return true;
  }

  // ------------------------------------------------------------------ drawing

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null;  // made once the first drawing is in the DataSets

  function displayId(i) {
    var a = actors[i];
    if (!state.grouped || state.expanded.has(groupKey(a))) return "a:" + i;
    return "c:" + groupKey(a);
  }

  function actorNode(i, faded) {
    var a = actors[i], style = TYPE_STYLE[a.type] || TYPE_STYLE.ORG;
    var color = faded ? FADED : style.color;
    return { id: "a:" + i, label: a.label, shape: style.shape, size: a.type === "COUNTRY" ? 14 : 11,
             color: { background: color, border: faded ? "#ccc" : "#333" },
             font: { color: faded ? "#bbb" : "#222" }, title: a.label + (a.role ? ", " + a.role : "") };
  }

  function groupNode(key, stats, faded) {
    return { id: "c:" + key, shape: "box", margin: 8,
             label: countryName(key) + "\n" + stats.actors.size + " actors, " + stats.events + " events",
             color: { background: faded ? FADED : GROUP_COLOR, border: faded ? "#ccc" : "#333" },
             font: { color: faded ? "#bbb" : "#222", multi: false },
             value: stats.events, title: "Click to show the actors of " + countryName(key) };
  }

  function dashes(ev) {
    if (ev.negated) return [2, 5];
    return ev.modality === "planned" || ev.modality === "possible" ? [8, 6] : false;
  }

  function neighbours(selected, shown) {
    var near = new Set([selected]);
    shown.forEach(function (ev) {
      var s = displayId(ev.s), t = displayId(ev.t);
      if (s === selected) near.add(t);
      if (t === selected) near.add(s);
    });
    return near;
  }

  function redraw() {
    state.filter = readFilter();
    var shown = events.filter(function (ev) { return passes(ev, state.filter); });
    var near = state.selected ? neighbours(state.selected, shown) : null;
    var wantNodes = new Map(), wantEdges = new Map(), groups = new Map(), pairs = new Map();
    function groupStats(key) {
      if (!groups.has(key)) groups.set(key, { actors: new Set(), events: 0 });
      return groups.get(key);
    }
    shown.forEach(function (ev) {
      var s = displayId(ev.s), t = displayId(ev.t);
      [[s, ev.s], [t, ev.t]].forEach(function (end) {
        if (end[0].charAt(0) === "c") groupStats(end[0].slice(2)).actors.add(end[1]);
      });
      if (s.charAt(0) === "c") groupStats(s.slice(2)).events += 1;
      if (t.charAt(0) === "c" && t !== s) groupStats(t.slice(2)).events += 1;
      var faded = near && !(near.has(s) && near.has(t) && (s === state.selected || t === state.selected));
      if (s.charAt(0) === "a" && t.charAt(0) === "a") {
        var pair = [s, t].sort().join("|"), k = pairs.get(pair) || 0;
        pairs.set(pair, k + 1);
        wantEdges.set("e:" + ev.i, {
          id: "e:" + ev.i, from: s, to: t, arrows: ev.symmetric ? "" : "to", dashes: dashes(ev),
          width: 2, color: { color: faded ? FADED : QUAD_COLORS[ev.quad], highlight: "#111", hover: QUAD_COLORS[ev.quad], opacity: 1 },
          smooth: { enabled: true, type: k % 2 ? "curvedCCW" : "curvedCW", roundness: 0.12 * Math.ceil(k / 2) },
          title: ev.plover + ": " + actors[ev.s].label + " \u2192 " + actors[ev.t].label
        });
      } else if (s !== t) {
        var id = "g:" + [s, t].sort().join("|");
        var agg = wantEdges.get(id) || { id: id, from: s, to: t, events: [], quads: {} };
        agg.events.push(ev.i);
        agg.quads[ev.quad] = (agg.quads[ev.quad] || 0) + 1;
        agg.faded = faded && (agg.faded !== false);
        wantEdges.set(id, agg);
      }
    });
    wantEdges.forEach(function (e) {
      if (!e.events) return;
      var top = Object.keys(e.quads).sort(function (a, b) { return e.quads[b] - e.quads[a]; })[0];
      e.label = String(e.events.length);
      e.width = Math.min(1 + Math.log2(e.events.length) * 1.5, 10);
      e.color = { color: e.faded ? FADED : QUAD_COLORS[top], highlight: "#111", hover: QUAD_COLORS[top] };
      e.font = { size: 11, color: "#444", strokeWidth: 3 };
      e.title = e.events.length + " events: click to list them";
      e.smooth = false;
    });
    shown.forEach(function (ev) {
      [ev.s, ev.t].forEach(function (i) {
        var id = displayId(i);
        if (wantNodes.has(id)) return;
        var faded = near && !near.has(id);
        wantNodes.set(id, id.charAt(0) === "a" ? actorNode(i, faded) : groupNode(id.slice(2), groupStats(id.slice(2)), faded));
      });
    });
    if (state.selected && wantNodes.has(state.selected)) {
      var node = wantNodes.get(state.selected);
      node.borderWidth = 3;
      node.color.border = "#000";
    }
    place(wantNodes);
    sync(nodes, wantNodes);
    sync(edges, wantEdges, function (e) { var copy = Object.assign({}, e); delete copy.events; delete copy.quads; delete copy.faded; return copy; });
    $("shown-events").textContent = String(shown.length);
    $("total-events").textContent = String(events.length);
    $("shown-nodes").textContent = String(wantNodes.size);
    document.body.dataset.grouped = state.grouped ? "1" : "0";
  }

  // new actor nodes start in a ring around the country they came out of
  var lastGroupPosition = {};
  function place(wantNodes) {
    var positions = network ? network.getPositions(nodes.getIds()) : {};
    Object.keys(positions).forEach(function (id) {
      if (id.charAt(0) === "c") lastGroupPosition[id.slice(2)] = positions[id];
    });
    var fresh = [];
    wantNodes.forEach(function (n, id) { if (!nodes.get(id) && id.charAt(0) === "a") fresh.push(n); });
    fresh.forEach(function (n, k) {
      var at = lastGroupPosition[groupKey(actors[+n.id.slice(2)])];
      if (!at) return;
      var angle = 2 * Math.PI * k / fresh.length, r = 60 + 8 * Math.sqrt(fresh.length);
      n.x = at.x + r * Math.cos(angle);
      n.y = at.y + r * Math.sin(angle);
    });
  }

  function sync(set, want, convert) {
    var gone = set.getIds().filter(function (id) { return !want.has(id); });
    if (gone.length) set.remove(gone);
    set.update(Array.from(want.values()).map(convert || function (x) { return x; }));
  }

  function makeNetwork() {
    return new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
    layout: { improvedLayout: actors.length <= 150, randomSeed: 7 },
    physics: { solver: "barnesHut", stabilization: { iterations: 250, fit: true },
               barnesHut: { gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2 } },
    interaction: { hover: true, tooltipDelay: 150, selectConnectedEdges: false },
    nodes: { font: { size: 13, face: "system-ui, sans-serif" }, borderWidth: 1 },
    edges: { selectionWidth: 2.5, hoverWidth: 1 }
  });
  }


  // ------------------------------------------------------------------ details

  function details(children) {
    var box = $("details");
    box.textContent = "";
    children.forEach(function (c) { box.appendChild(c); });
  }

  function marked(sentence, spans) {
    var parts = [], at = 0;
    spans.filter(function (s) { return s.range; })
      .sort(function (a, b) { return a.range[0] - b.range[0]; })
      .forEach(function (s) {
        if (s.range[0] < at) return;  // overlapping mentions: mark the first
        if (s.range[0] > at) parts.push(sentence.slice(at, s.range[0]));
        parts.push(el("mark", { cls: s.cls, title: s.title, text: sentence.slice(s.range[0], s.range[1]) }));
        at = s.range[1];
      });
    if (at < sentence.length) parts.push(sentence.slice(at));
    return el("blockquote", { cls: "sentence" }, parts);
  }

  function articleItem(id) {
    var a = articles[id] || {};
    var name = a.title || id;
    var head = a.url ? el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer", text: name })
      : el("span", { text: name });
    return el("li", {}, [head, el("span", { cls: "muted", text: " " + (a.date || "undated") + (a.title ? " \u00b7 " + id : "") })]);
  }

  function showEvent(i) {
    var ev = events[i], s = actors[ev.s], t = actors[ev.t];
    var tags = [el("span", { cls: "tag", text: ev.quad }), el("span", { cls: "tag", text: ev.modality })];
    if (ev.negated) tags.push(el("span", { cls: "tag neg", text: "negated: did not happen" }));
    var others = ev.sources.filter(function (a) { return a !== ev.article; });
    details([
      el("h2", { text: ev.plover + (ev.relation ? " \u00b7 " + ev.relation : "") }),
      el("p", {}, [el("mark", { cls: "subject", text: s.label }), ev.symmetric ? " \u2194 " : " \u2192 ",
                   el("mark", { cls: "object", text: t.label })]),
      el("p", {}, tags.concat([el("span", { cls: "muted", text: ev.date || "undated" })])),
      marked(ev.sentence, [{ range: ev.subject, cls: "subject", title: s.label },
                           { range: ev.object, cls: "object", title: t.label }]),
      el("h3", { text: "Article" }),
      el("ul", { cls: "sources", id: "event-article" }, ev.article ? [articleItem(ev.article)] : []),
      el("h3", { text: "Also reported by" }),
      others.length ? el("ul", { cls: "sources", id: "event-others" }, others.map(articleItem))
        : el("p", { cls: "muted", text: "no other source" })
    ]);
    $("details").dataset.event = ev.id;
  }

  function eventList(indexes) {
    return el("ul", { cls: "events" }, indexes.slice(0, 200).map(function (i) {
      var ev = events[i];
      var li = el("li", { tabindex: "0", text: (ev.date || "undated") + " " + ev.plover + ": " +
        actors[ev.s].label + (ev.symmetric ? " \u2194 " : " \u2192 ") + actors[ev.t].label });
      li.addEventListener("click", function () { showEvent(i); });
      return li;
    }));
  }

  function showActor(displayed) {
    var i = +displayed.slice(2), a = actors[i];
    var mine = [], counterparts = new Map();
    events.forEach(function (ev, k) {
      if (!passes(ev, state.filter) || (ev.s !== i && ev.t !== i)) return;
      mine.push(k);
      var other = ev.s === i ? ev.t : ev.s;
      counterparts.set(other, (counterparts.get(other) || 0) + 1);
    });
    var rows = [["type", a.type], ["country", countryName(a.country)], ["office", a.role || "none given"],
                ["sector", a.sector || "none given"], ["aliases", a.aliases.length ? a.aliases.join("; ") : "none"],
                ["id", a.id]];
    var dl = el("dl", { id: "actor-facts" });
    rows.forEach(function (r) { dl.appendChild(el("dt", { text: r[0] })); dl.appendChild(el("dd", { text: r[1] })); });
    var names = Array.from(counterparts.entries()).sort(function (x, y) { return y[1] - x[1]; })
      .map(function (c) { return el("li", { text: actors[c[0]].label + " (" + c[1] + ")" }); });
    details([el("h2", { text: a.label }), dl,
             el("h3", { text: "Counterparts (" + counterparts.size + ")" }), el("ul", { cls: "plain", id: "actor-counterparts" }, names),
             el("h3", { text: "Events (" + mine.length + ")" }), eventList(mine)]);
  }

  function showGroup(key, indexes, title) {
    var button = el("button", { type: "button", text: "Group " + countryName(key) + " again" });
    button.addEventListener("click", function () { state.expanded.delete(key); state.selected = null; redraw(); });
    details([el("h2", { text: title }), key !== null ? button : el("span"), el("h3", { text: "Events (" + indexes.length + ")" }), eventList(indexes)]);
  }

  function select(displayed) {
    state.selected = displayed;
    redraw();
    showActor(displayed);
  }

  function onClick(params) {
    if (params.nodes.length) {
      var id = String(params.nodes[0]);
      if (id.charAt(0) === "c") {
        var key = id.slice(2);
        state.expanded.add(key);
        state.selected = null;
        redraw();
        var mine = [];
        events.forEach(function (ev, k) {
          if (passes(ev, state.filter) && (groupKey(actors[ev.s]) === key || groupKey(actors[ev.t]) === key)) mine.push(k);
        });
        showGroup(key, mine, countryName(key));
      } else {
        select(id);
      }
    } else if (params.edges.length) {
      var edge = String(params.edges[0]);
      if (edge.charAt(0) === "e") showEvent(+edge.slice(2));
      else {
        var ends = edge.slice(2).split("|");
        var list = events.map(function (ev, k) { return k; }).filter(function (k) {
          var ev = events[k], s = displayId(ev.s), t = displayId(ev.t);
          return passes(ev, state.filter) && ((s === ends[0] && t === ends[1]) || (s === ends[1] && t === ends[0]));
        });
        showGroup(null, list, "Between " + ends.map(label).join(" and "));
      }
    } else if (state.selected) {
      state.selected = null;
      redraw();
    }
  }

  function label(displayed) {
    return displayed.charAt(0) === "c" ? countryName(displayed.slice(2)) : actors[+displayed.slice(2)].label;
  }

  // ------------------------------------------------------------------ search

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    actors.forEach(function (a, i) {
      var names = [a.label].concat(a.aliases);
      if (names.some(function (n) { return n.toLowerCase().indexOf(q) >= 0; })) found.push(i);
    });
    return found;
  }

  function goTo(i) {
    var a = actors[i];
    if (state.grouped) state.expanded.add(groupKey(a));
    select("a:" + i);
    if (nodes.get("a:" + i)) network.focus("a:" + i, { scale: 1.2, animation: { duration: 300 } });
  }

  function showMatches() {
    var list = $("search-results");
    list.textContent = "";
    var found = matches($("search").value);
    found.slice(0, 20).forEach(function (i) {
      var a = actors[i];
      var li = el("li", { tabindex: "0", text: a.label + (a.country ? " (" + a.country + ")" : "") });
      li.addEventListener("click", function () { goTo(i); });
      list.appendChild(li);
    });
    if (found.length > 20) list.appendChild(el("li", { cls: "muted", text: "and " + (found.length - 20) + " more" }));
    if ($("search").value.trim() && !found.length) list.appendChild(el("li", { cls: "muted", text: "no actor by that name" }));
    return found;
  }

  $("search").addEventListener("input", showMatches);
  $("search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var found = showMatches(); if (found.length) goTo(found[0]); }
  });

  // ------------------------------------------------------------------ start

  $("group-all").addEventListener("click", function () { state.grouped = true; state.expanded.clear(); state.selected = null; redraw(); network.fit(); });
  $("expand-all").addEventListener("click", function () { state.grouped = false; state.selected = null; redraw(); });
  buildFilters();
  if (!state.grouped) $("hint-group").textContent = "";
  redraw();
  network = makeNetwork();
  network.on("click", onClick);
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    document.body.dataset.ready = "1";
  });
  if (!nodes.length) {
    document.body.dataset.ready = "1";
    details([el("p", { cls: "hint", text: "No events to show." })]);
  }
  window.graphbuildExplorer = { network: network, nodes: nodes, edges: edges, state: state, redraw: redraw };
})();
