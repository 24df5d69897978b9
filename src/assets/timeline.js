// dateline's timeline page: draws the embedded events, filters and zooms.
// Plain DOM and SVG, no library, nothing fetched: the file works offline.
(function () {
  "use strict";
  const DAY = 86400000;
  const SVG = "http://www.w3.org/2000/svg";
  const LABEL_W = 170, AXIS_H = 28, ROW_H = 16, ROW_GAP = 4, LANE_PAD = 6, MIN_BAR = 6;
  const data = JSON.parse(document.getElementById("data").textContent);
  const events = data.events;
  const $ = (id) => document.getElementById(id);
  const svg = $("svg"), chart = $("chart");

  function dayOf(s) {
    const p = s.split("-").map(Number);
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / DAY;
  }
  function iso(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function node(tag, attrs, parent, ns) {
    const n = ns ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === "text") n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]);
    }
    if (parent) parent.appendChild(n);
    return n;
  }
  const s = (tag, attrs, parent) => node(tag, attrs, parent, true);
  const unique = (xs) => xs.filter((x, i) => x && xs.indexOf(x) === i);

  // Derived fields, computed once.
  for (const e of events) {
    e._s = e.date_start ? dayOf(e.date_start) : null;
    e._e = e.date_end ? dayOf(e.date_end) + 1 : null;
    const loc = e.location ? [e.location.country] : [];
    e._countries = unique(e.actors.map((a) => a.country).concat(loc));
    e._pair = e._countries.slice().sort().join(" – ") || "no country";
    e._actors = e.actors.map((a) => a.name.toLowerCase());
    e._text = [e.summary, e.date_text, e.location ? e.location.name : ""]
      .concat(e.actors.map((a) => a.name), e.mentions.map((m) => m.sentence + " " + m.doc))
      .join("\n").toLowerCase();
  }
  const KINDS = unique(events.map((e) => e.event_type)).sort();
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"];
  const color = (k) => PALETTE[KINDS.indexOf(k) % PALETTE.length];
  const OPACITY = { day: 0.95, week: 0.8, month: 0.6, season: 0.5, quarter: 0.5, half: 0.42, year: 0.35, decade: 0.25 };

  const state = { lanes: "kind", kind: "", actor: "", country: "", q: "", view: null, open: "" };
  const FIELDS = ["lanes", "kind", "actor", "country", "q"];

  function fillControls() {
    for (const k of KINDS) node("option", { value: k, text: k }, $("kind"));
    const countries = unique(events.flatMap((e) => e._countries)).sort();
    for (const c of countries) node("option", { value: c, text: c }, $("country"));
    const names = unique(events.flatMap((e) => e.actors.map((a) => a.name))).sort();
    for (const n of names) node("option", { value: n }, $("actor-list"));
    for (const k of KINDS) {
      const item = node("span", {}, $("legend"));
      node("i", { style: "background:" + color(k) }, item);
      item.appendChild(document.createTextNode(k));
    }
  }

  // The URL's hash carries the filters and the view, so a link (or a test)
  // can open the page filtered: #kind=airstrike&country=PK&from=2025-01-01&to=2025-12-31
  function readHash() {
    const h = new URLSearchParams(location.hash.replace(/^#/, ""));
    for (const f of FIELDS) state[f] = h.get(f) || (f === "lanes" ? "kind" : "");
    if (h.get("from") && h.get("to")) state.view = [dayOf(h.get("from")), dayOf(h.get("to")) + 1];
    for (const f of FIELDS) $(f).value = state[f];
    state.open = h.get("event") || "";
  }
  function writeHash() {
    const h = new URLSearchParams();
    for (const f of FIELDS) if (state[f] && !(f === "lanes" && state[f] === "kind")) h.set(f, state[f]);
    if (state.open) h.set("event", state.open);
    if (state.view) { h.set("from", iso(state.view[0])); h.set("to", iso(state.view[1] - 1)); }
    history.replaceState(null, "", "#" + h.toString());
  }

  function passes(e) {
    if (state.kind && e.event_type !== state.kind) return false;
    if (state.country && e._countries.indexOf(state.country) < 0) return false;
    const a = state.actor.trim().toLowerCase();
    if (a && !e._actors.some((n) => n.indexOf(a) >= 0)) return false;
    const words = state.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return words.every((w) => e._text.indexOf(w) >= 0);
  }

  function fit(list) {
    const dated = list.filter((e) => e._s !== null);
    if (!dated.length) return [dayOf("2000-01-01"), dayOf("2030-01-01")];
    let a = Math.min(...dated.map((e) => e._s)), b = Math.max(...dated.map((e) => e._e));
    const pad = Math.max((b - a) * 0.04, 3);
    return [a - pad, b + pad];
  }

  // Tick spacing: the finest calendar unit whose labels do not collide.
  const STEPS = [["day", 1], ["day", 7], ["month", 1], ["month", 3], ["year", 1], ["year", 5], ["year", 10], ["year", 50], ["year", 100]];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function ticks(a, b, pxPerDay) {
    const approx = { day: 1, month: 30.4, year: 365.25 };
    const [unit, n] = STEPS.find(([u, k]) => approx[u] * k * pxPerDay >= 80) || STEPS[STEPS.length - 1];
    const out = [];
    const d0 = new Date(a * DAY);
    let y = d0.getUTCFullYear(), m = d0.getUTCMonth();
    if (unit === "year") { y -= y % n; m = 0; }
    if (unit === "month") { m -= m % n; }
    let t = unit === "day" ? Math.floor(a / n) * n - (n === 7 ? 3 : 0) : Date.UTC(y, m, 1) / DAY;
    while (t <= b && out.length < 400) {
      const d = new Date(t * DAY);
      let label;
      if (unit === "year") label = String(d.getUTCFullYear());
      else if (unit === "month") label = MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
      else label = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
      if (t >= a) out.push([t, label]);
      if (unit === "day") t += n;
      else if (unit === "month") { m += n; t = Date.UTC(y, m, 1) / DAY; }
      else { y += n; t = Date.UTC(y, 0, 1) / DAY; }
    }
    return out;
  }

  function laneKey(e) { return state.lanes === "pair" ? e._pair : e.event_type; }

  // Greedy packing: each bar goes into the first row of its lane where it
  // does not overlap the previous bar, so nothing hides behind anything.
  function pack(list, x) {
    const rows = [];
    for (const e of list.slice().sort((p, q) => p._s - q._s)) {
      const x0 = x(e._s), x1 = Math.max(x(e._e), x0 + MIN_BAR);
      let r = rows.findIndex((end) => end + 2 <= x0);
      if (r < 0) { r = rows.length; rows.push(0); }
      rows[r] = x1;
      e._row = r;
    }
    return Math.max(rows.length, 1);
  }

  function render() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const W = Math.max(chart.clientWidth, 600);
    const shown = events.filter(passes);
    if (!state.view) state.view = fit(shown);
    const [a, b] = state.view;
    const px = (W - LABEL_W) / (b - a);
    const x = (d) => LABEL_W + (d - a) * px;
    const dated = shown.filter((e) => e._s !== null);
    const groups = new Map();
    for (const e of dated) {
      const k = laneKey(e);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(e);
    }
    const keys = [...groups.keys()].sort((p, q) => state.lanes === "kind"
      ? p.localeCompare(q) : groups.get(q).length - groups.get(p).length || p.localeCompare(q));
    let y = AXIS_H;
    const lanes = s("g", { class: "lanes" }, svg);
    const layout = [];
    for (const k of keys) {
      const rows = pack(groups.get(k), x);
      const h = rows * (ROW_H + ROW_GAP) + 2 * LANE_PAD;
      s("rect", { class: "lane-bg", x: 0, y, width: W, height: h }, lanes);
      s("text", { class: "lane-label", x: 8, y: y + LANE_PAD + 12, text: k + " (" + groups.get(k).length + ")" }, lanes);
      layout.push([k, y]);
      y += h;
    }
    const H = Math.max(y + 4, AXIS_H + 60);
    svg.setAttribute("height", H);
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    const defs = s("defs", {}, svg);
    const clip = s("clipPath", { id: "plot" }, defs);
    s("rect", { x: LABEL_W, y: 0, width: W - LABEL_W, height: H }, clip);
    const axis = s("g", { class: "axis", "clip-path": "url(#plot)" }, svg);
    for (const [t, label] of ticks(a, b, px)) {
      const g = s("g", { class: "tick" }, axis);
      s("line", { x1: x(t), x2: x(t), y1: AXIS_H - 6, y2: H }, g);
      s("text", { x: x(t) + 3, y: AXIS_H - 10, text: label }, g);
    }
    const plot = s("g", { class: "events", "clip-path": "url(#plot)" }, svg);
    for (const [k, top] of layout) {
      for (const e of groups.get(k)) drawEvent(e, plot, x, top + LANE_PAD + e._row * (ROW_H + ROW_GAP));
    }
    drawUndated(shown.filter((e) => e._s === null));
    const drawn = document.querySelectorAll(".ev").length;
    const out = $("count");
    out.dataset.drawn = drawn;
    out.dataset.total = events.length;
    out.textContent = drawn + " of " + events.length + " events shown, " + iso(a) + " to " + iso(b - 1);
  }

  function drawEvent(e, parent, x, top) {
    const x0 = x(e._s), x1 = Math.max(x(e._e), x0 + MIN_BAR);
    const g = s("g", { class: "ev" + (e.planned ? " planned" : ""), "data-id": e.id }, parent);
    const c = color(e.event_type);
    s("rect", { x: x0, y: top, width: x1 - x0, height: ROW_H, rx: 2, fill: c, stroke: c,
      "fill-opacity": OPACITY[e.precision] || 0.5 }, g);
    if (e.killed) {
      const r = Math.min(3 + 1.6 * Math.sqrt(e.killed), ROW_H * 1.2);
      s("circle", { cx: (x0 + x1) / 2, cy: top + ROW_H / 2, r }, g);
    }
    s("title", { text: e.summary + "\n" + span(e) + (e.planned ? " (planned)" : "") }, g);
    g.addEventListener("click", () => { if (!dragged) { show(e); writeHash(); } });
  }

  function drawUndated(list) {
    const box = $("undated");
    box.textContent = "";
    if (!list.length) return;
    node("strong", { text: "Undated: " }, box);
    for (const e of list) {
      const b = node("span", { class: "ev", "data-id": e.id, text: e.summary }, box);
      b.addEventListener("click", () => { show(e); writeHash(); });
    }
  }

  function span(e) {
    if (!e.date_start) return "undated";
    return e.date_start === e.date_end ? e.date_start : e.date_start + " – " + e.date_end;
  }

  function show(e) {
    const d = $("detail");
    d.textContent = "";
    state.open = e.id;
    d.hidden = false;
    const close = node("button", { class: "close", type: "button", text: "×", title: "close" }, d);
    close.addEventListener("click", () => { d.hidden = true; state.open = ""; writeHash(); });
    node("h2", { text: e.summary }, d);
    node("p", { class: "meta", text: e.event_type + " (CAMEO " + e.cameo + ") · " + span(e) +
      (e.precision ? " · " + e.precision : "") + (e.planned ? " · planned" : "") }, d);
    const dl = node("dl", {}, d);
    const row = (k, v) => { if (v) { node("dt", { text: k }, dl); node("dd", { text: v }, dl); } };
    row("date from", "\u201c" + e.date_text + "\u201d (" + e.date_basis + ")");
    row("actors", e.actors.map((a) => a.name + " (" + a.kind + (a.country ? ", " + a.country : "") + ")").join("; "));
    row("location", e.location ? e.location.name + (e.location.country ? " (" + e.location.country + ")" : "") : "");
    row("killed", e.killed ? String(e.killed) : "");
    row("rule", e.rule);
    const told = e.mentions_total || e.mentions.length;
    node("strong", { text: "Sources (" + told + (told > e.mentions.length ?
      ", the first " + e.mentions.length + " listed; all in timeline.csv" : "") + ")" }, d);
    const ol = node("ol", {}, d);
    for (const m of e.mentions) {
      const li = node("li", {}, ol);
      node("div", { text: m.sentence }, li);
      node("div", { class: "src", text: m.doc + " · published " + m.published + " · bytes " + m.start +
        "–" + m.end + " · " + m.rule + (m.date_text ? " · \u201c" + m.date_text + "\u201d" : "") }, li);
    }
    document.querySelectorAll(".ev.selected").forEach((n) => n.classList.remove("selected"));
    document.querySelectorAll('.ev[data-id="' + e.id + '"]').forEach((n) => n.classList.add("selected"));
  }

  // Zoom keeps the day under the pointer (or the centre) in place.
  const MIN_SPAN = 2, MAX_SPAN = 365.25 * 300;
  function zoomTo(spanDays, centre) {
    const [a, b] = state.view;
    const c = centre === undefined ? (a + b) / 2 : centre;
    const f = (c - a) / (b - a);
    const n = Math.min(Math.max(spanDays, MIN_SPAN), MAX_SPAN);
    state.view = [c - f * n, c + (1 - f) * n];
    writeHash();
    render();
  }
  function dayAt(clientX) {
    const r = chart.getBoundingClientRect();
    const [a, b] = state.view;
    return a + (clientX - r.left - LABEL_W) / (r.width - LABEL_W) * (b - a);
  }

  let dragged = false;
  function wire() {
    for (const f of FIELDS) {
      $(f).addEventListener("input", () => {
        state[f] = $(f).value;
        if (f !== "lanes") state.view = fit(events.filter(passes));
        writeHash();
        render();
      });
    }
    document.querySelectorAll(".zoom button").forEach((btn) => btn.addEventListener("click", () => {
      if (btn.dataset.span === "fit") { state.view = fit(events.filter(passes)); writeHash(); render(); }
      else zoomTo(Number(btn.dataset.span) * 1.2);
    }));
    chart.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const [a, b] = state.view;
      zoomTo((b - a) * (ev.deltaY > 0 ? 1.25 : 0.8), dayAt(ev.clientX));
    }, { passive: false });
    let start = null;
    chart.addEventListener("mousedown", (ev) => { start = [ev.clientX, state.view.slice()]; dragged = false; });
    window.addEventListener("mousemove", (ev) => {
      if (!start) return;
      const dx = ev.clientX - start[0];
      if (Math.abs(dx) > 3) { dragged = true; chart.classList.add("dragging"); }
      if (!dragged) return;
      const [a, b] = start[1];
      const shift = dx / (chart.clientWidth - LABEL_W) * (b - a);
      state.view = [a - shift, b - shift];
      render();
    });
    window.addEventListener("mouseup", () => {
      if (start && dragged) writeHash();
      start = null;
      chart.classList.remove("dragging");
      setTimeout(() => { dragged = false; }, 0);
    });
    window.addEventListener("hashchange", () => { readHash(); render(); });
    window.addEventListener("resize", render);
  }

  // A large timeline embeds only its most-reported events: say so, and
  // where the rest are.
  function noteCap() {
    const total = data.total === undefined ? events.length : data.total;
    if (total <= events.length) return;
    const p = $("capped");
    p.hidden = false;
    p.appendChild(document.createTextNode("This page holds the " + events.length + " most-reported of " +
      total + " events. Every event is in "));
    node("a", { href: "timeline.csv", text: "timeline.csv" }, p);
    p.appendChild(document.createTextNode(" (and timeline.jsonl) beside this page."));
  }

  noteCap();
  fillControls();
  readHash();
  wire();
  render();
  const first = events.find((e) => e.id === state.open);
  if (first) show(first);
})();
