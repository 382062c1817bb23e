// frontwatch web UI: map, timeline, event panel, source view. Plain DOM, no framework.
// Article data is hostile: it only ever reaches the page through textContent and text nodes, never as markup.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#fc8d59",
  "Violence against civilians": "#7b3294",
  "Protests": "#1a9850",
  "Riots": "#91cf60",
  "Strategic developments": "#4575b4",
};

// Controllers get a colour from their id (stable across reloads); Dark2 palette (ColorBrewer, colour-blind safer).
const CONTROL_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];

const state = { events: [], places: {}, actors: {}, contradictions: [], dates: [], markers: new Map(),
                layer: null, controlLayer: null, controlAsked: 0, map: null, selected: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function getAll(url) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const sep = url.includes("?") ? "&" : "?";
    const page = await getJSON(`${url}${sep}limit=1000&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

function showTab(name) {
  for (const button of document.querySelectorAll("#tabs button")) {
    button.setAttribute("aria-selected", String(button.dataset.tab === name));
  }
  for (const tab of document.querySelectorAll(".tab")) tab.hidden = tab.id !== `tab-${name}`;
}

function dateText(date) {
  if (!date || !date.start) return "date unknown";
  const span = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return `${span} (${date.precision})`;
}

function actorName(id) { return id ? (state.actors[id] ? state.actors[id].name : id) : null; }

function placeName(id) { return id && state.places[id] ? state.places[id].name : "unlocated"; }

function badge(status) { return el("span", { class: `badge status-${status}` }, status.replace("_", " ")); }

function radius(event) {
  const deaths = event.fatalities.best ?? event.fatalities.acled ?? 0;
  return Math.min(24, 6 + Math.sqrt(deaths) * 1.6);
}

function drawMap(topology) {
  const map = L.map("map", { zoomSnap: 0.25, worldCopyJump: true, attributionControl: true });
  map.setView([35, 38], 5); // a view must exist before layers are added; fit() narrows it later
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");
  const countries = topojson.feature(topology, topology.objects.countries);
  L.geoJSON(countries, {
    style: { color: "#8a9aa6", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  state.map = map;
  state.controlLayer = L.layerGroup().addTo(map); // under the events
  state.layer = L.layerGroup().addTo(map);
}

function drawPlaces() {
  const withEvents = new Set(state.events.map((e) => e.place).filter(Boolean));
  for (const place of Object.values(state.places)) {
    if (!withEvents.has(place.id)) continue;
    const label = el("span", {}, place.name);
    L.circleMarker([place.lat, place.lon], { radius: 2, color: "#33404a", weight: 1, interactive: false })
      .bindTooltip(label, { permanent: true, direction: "right", className: "place-label", offset: [4, 0] })
      .addTo(state.map);
  }
}

function drawLegend() {
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour;
    legend.append(el("div", {}, swatch, type));
  }
  legend.append(el("div", { class: "meta" }, "size: fatalities (best)"));
  legend.append(el("div", { id: "control-legend" }));
}

function controllerColour(id) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return CONTROL_COLOURS[hash % CONTROL_COLOURS.length];
}

// Who holds each place on the slider's day (GET /api/control): a ring in the controller's colour, dashed when
// contested, faint when the capture is denied.
async function renderControl() {
  const legend = document.getElementById("control-legend");
  const asked = ++state.controlAsked;
  if (!document.getElementById("f-control").checked || !state.dates.length) {
    state.controlLayer.clearLayers();
    legend.replaceChildren();
    return;
  }
  const index = Number(document.getElementById("f-date").value);
  const day = state.dates[Math.min(index, state.dates.length - 1)];
  const body = await getJSON(`/api/control?date=${encodeURIComponent(day)}`);
  if (asked !== state.controlAsked) return; // the slider moved on meanwhile
  state.controlLayer.clearLayers();
  const shown = new Map();
  for (const item of body.items) {
    if (item.lat === null || item.lon === null) continue;
    const colour = controllerColour(item.controller);
    shown.set(item.controller, [item.controller_name, colour]);
    L.circleMarker([item.lat, item.lon], {
      radius: 12, color: colour, weight: 3, fill: false, opacity: item.status === "denied" ? 0.4 : 0.95,
      dashArray: item.status === "contested" || item.status === "denied" ? "4 3" : null,
      className: `control-marker status-${item.status}`,
    }).bindTooltip(el("span", {}, `${item.name}: held by ${item.controller_name} since ${item.since} `
      + `(${item.status.replace("_", " ")})`)).addTo(state.controlLayer);
  }
  legend.replaceChildren(...(shown.size ? [el("div", { class: "meta" }, `control on ${day} (dashed: disputed)`)] : []),
    ...[...shown.values()].sort().map(([name, colour]) => {
      const ring = el("span", { class: "swatch ring" });
      ring.style.borderColor = colour;
      return el("div", {}, ring, name);
    }));
}

function visibleEvents() {
  const type = document.getElementById("f-type").value;
  const status = document.getElementById("f-status").value;
  const actor = document.getElementById("f-actor").value.trim().toLowerCase();
  const index = Number(document.getElementById("f-date").value);
  const dayOnly = document.getElementById("f-day-only").checked;
  const cut = index < state.dates.length ? state.dates[index] : null;
  return state.events.filter((event) => {
    if (type && event.event_type !== type) return false;
    if (status && event.status !== status) return false;
    if (actor) {
      const names = [event.actor1, event.actor2].filter(Boolean).map((id) => `${id} ${actorName(id)}`.toLowerCase());
      if (!names.some((name) => name.includes(actor))) return false;
    }
    if (cut) {
      const start = event.date.start;
      if (!start) return !dayOnly;
      if (dayOnly ? !(start <= cut && (event.date.end || start) >= cut) : start > cut) return false;
    }
    return true;
  });
}

function render() {
  const events = visibleEvents();
  state.layer.clearLayers();
  state.markers.clear();
  const stacked = {};
  for (const event of events) {
    if (event.lat === null || event.lon === null) continue;
    const key = `${event.lat},${event.lon}`;
    const k = (stacked[key] = (stacked[key] || 0) + 1) - 1;
    const colour = TYPE_COLOURS[event.event_type] || "#555";
    const marker = L.circleMarker([event.lat + k * 0.012, event.lon + k * 0.012], {
      radius: radius(event), color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.8,
      className: `event-marker status-${event.status}`,
    });
    marker.bindTooltip(el("span", {}, `${event.sub_event_type} — ${placeName(event.place)}, ${dateText(event.date)}`));
    marker.on("click", () => selectEvent(event.id));
    marker.addTo(state.layer);
    state.markers.set(event.id, marker);
  }
  const list = document.getElementById("event-list");
  list.replaceChildren(...events.map((event) => el("li", {
    class: event.id === state.selected ? "selected" : "", dataset: { event: event.id },
    onclick: () => selectEvent(event.id),
  }, badge(event.status), " ", event.summary,
  el("div", { class: "meta" }, `${dateText(event.date)} · ${placeName(event.place)} · `
    + `${event.independent_sources} independent source(s)`))));
  document.getElementById("counts").textContent =
    `${events.length} of ${state.events.length} events · ${state.contradictions.length} contradictions`;
}

function quantityText(q) {
  const range = q.low !== null && q.high !== null && q.low !== q.high ? `${q.low}–${q.high}` : `${q.best ?? q.low ?? "?"}`;
  return `${q.approx ? "≈" : ""}${range} ${q.unit}`;
}

function claimBlock(claim) {
  const who = claim.speaker || "the outlet itself";
  const chain = claim.via && claim.via.length ? ` via ${claim.via.join(" → ")}` : "";
  const numbers = (claim.quantities || []).map(quantityText).join("; ");
  return el("div", { class: `claim ${claim.stance}`, dataset: { claim: claim.id },
                     onclick: () => showSource(claim.doc, claim.start, claim.end) },
    el("span", { class: "who" }, who), el("span", { class: "meta" }, `${chain} · ${claim.stance}`),
    numbers ? el("div", { class: "meta" }, numbers) : null,
    el("div", {}, `“${claim.text}”`));
}

async function selectEvent(id) {
  state.selected = id;
  for (const item of document.querySelectorAll("#event-list li")) {
    item.classList.toggle("selected", item.dataset.event === id);
  }
  const marker = state.markers.get(id);
  if (marker) marker.bringToFront();
  const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  const f = event.fatalities;
  const facts = el("dl", { class: "facts" },
    el("dt", {}, "type"), el("dd", {}, `${event.event_type} / ${event.sub_event_type}`),
    el("dt", {}, "date"), el("dd", {}, dateText(event.date)),
    el("dt", {}, "place"), el("dd", {}, event.place_detail
      ? `${event.place_detail.name}, ${event.place_detail.admin1 || ""} ${event.place_detail.country} `
        + `(${event.lat.toFixed(3)}, ${event.lon.toFixed(3)}; precision ${event.geo_precision})` : "unlocated"),
    el("dt", {}, "why here"), el("dd", { class: "meta" }, event.place_detail && event.place_detail.why
      ? Object.entries(event.place_detail.why).map(([k, v]) => `${k} ${v}`).join(", ") : "—"),
    el("dt", {}, "actors"), el("dd", {}, [actorName(event.actor1), actorName(event.actor2)].filter(Boolean).join(" vs ") || "unidentified"),
    el("dt", {}, "fatalities"), el("dd", {}, f.best === null ? "none reported"
      : `low ${f.low} · best ${f.best} · high ${f.high} · ACLED ${f.acled}`),
    el("dt", {}, "sources"), el("dd", {}, `${event.sources.length} document(s), ${event.independent_sources} independent`));
  const documents = el("ul", {}, ...event.documents.map((doc) => el("li", {},
    el("a", { href: "#", onclick: (e) => { e.preventDefault(); showSource(doc.id); } }, doc.title),
    el("span", { class: "meta" }, ` — ${doc.outlet}, ${doc.published.date || "undated"} (${doc.published.basis})`))));
  const contradictions = event.contradictions.map((c) => el("p", { class: "meta" }, `⚠ ${c.kind}: ${c.explanation}`));
  document.getElementById("tab-event").replaceChildren(
    el("h2", {}, event.summary), badge(event.status), facts,
    el("h3", {}, `Claims (${event.claim_details.length})`), ...event.claim_details.map(claimBlock),
    ...contradictions, el("h3", {}, "Documents"), documents);
  showTab("event");
}

async function showSource(docId, start, end) {
  const doc = await getJSON(`/api/documents/${encodeURIComponent(docId)}`);
  const text = doc.text;
  const body = el("div", { class: "source-text" });
  // Underline places/actors; highlight the chosen claim. Spans may nest: keep the outermost at each point.
  const marks = doc.spans.filter((s) => s.kind !== "claim");
  if (start !== undefined) marks.push({ start, end, kind: "focus" });
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  let focus = null;
  for (const span of marks) {
    if (span.start < pos) continue;
    body.append(document.createTextNode(text.slice(pos, span.start)));
    const node = span.kind === "focus" ? el("mark", {}, text.slice(span.start, span.end))
      : el("span", { class: `span-${span.kind}`, title: `${span.kind}: ${span.label}` }, text.slice(span.start, span.end));
    if (span.kind === "focus") focus = node;
    body.append(node);
    pos = span.end;
  }
  body.append(document.createTextNode(text.slice(pos)));
  const published = doc.published;
  document.getElementById("tab-source").replaceChildren(
    el("h2", { class: "doc-title" }, doc.title),
    el("p", { class: "meta" }, `${doc.outlet}${doc.syndicated_from ? ` (from ${doc.syndicated_from})` : ""} · `
      + `${published.date || "undated"} — ${published.basis}${published.evidence ? `: ${published.evidence}` : ""}`),
    ...(doc.url ? [el("p", { class: "meta" }, doc.url)] : []),
    body);
  showTab("source");
  if (focus) focus.scrollIntoView({ block: "center" });
}

function drawContradictions() {
  const list = document.getElementById("contradiction-list");
  list.replaceChildren(...state.contradictions.map((c) => el("li", {},
    el("strong", {}, `${c.kind}: `), c.about, el("div", { class: "meta" }, c.explanation))));
}

function setUpFilters() {
  const types = [...new Set(state.events.map((e) => e.event_type))].sort();
  document.getElementById("f-type").append(...types.map((t) => el("option", {}, t)));
  state.dates = [...new Set(state.events.map((e) => e.date.start).filter(Boolean))].sort();
  const slider = document.getElementById("f-date");
  slider.max = String(state.dates.length);
  slider.value = String(state.dates.length);
  const label = document.getElementById("f-date-label");
  const update = () => {
    const i = Number(slider.value);
    label.textContent = i < state.dates.length ? state.dates[i] : "all dates";
    render();
    renderControl().catch(() => {});
  };
  slider.addEventListener("input", update);
  for (const id of ["f-type", "f-status", "f-day-only"]) document.getElementById(id).addEventListener("change", render);
  document.getElementById("f-control").addEventListener("change", () => renderControl().catch(() => {}));
  document.getElementById("f-actor").addEventListener("input", render);
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }
}

function fit() {
  const points = state.events.filter((e) => e.lat !== null).map((e) => [e.lat, e.lon]);
  if (points.length) state.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 9, animate: false });
}

async function main() {
  const [topology, events, places, actors, contradictions] = await Promise.all([
    getJSON("/static/vendor/countries-50m.json"), getAll("/api/events"), getAll("/api/places"),
    getAll("/api/actors"), getAll("/api/contradictions")]);
  state.events = events;
  state.places = Object.fromEntries(places.map((p) => [p.id, p]));
  state.actors = Object.fromEntries(actors.map((a) => [a.id, a]));
  state.contradictions = contradictions;
  drawMap(topology);
  drawLegend();
  drawPlaces();
  drawContradictions();
  setUpFilters();
  render();
  fit();
  await renderControl().catch(() => {});
  // A link such as /#event=<id> (the GeoJSON export's "link", the report's) opens that event.
  const openFromHash = () => {
    const match = /^#event=(.+)$/.exec(window.location.hash);
    if (match) selectEvent(decodeURIComponent(match[1])).catch(() => {});
  };
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.getElementById("counts").textContent = `could not load the picture: ${error.message}`;
  document.body.dataset.ready = "error";
});
