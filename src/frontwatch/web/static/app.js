// frontwatch web UI: map, timeline, event panel, source view. Plain DOM, no framework.
// Article data is hostile: it only ever reaches the page through textContent and text nodes, never as markup.
// An ES module: Leaflet (L) and topojson are classic deferred scripts that run before it.
import { matchingActors } from "./actor_match.js";
import { clusterByDistance } from "./cluster.js";
import { unwrapDateLine } from "./dateline.js";
import { drawHistogram, markDay } from "./histogram.js";
import { declutter } from "./labels.js";
import { hashOf, readHash } from "./url_state.js";

const TYPE_COLOURS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#fc8d59",
  "Violence against civilians": "#7b3294",
  "Protests": "#1a9850",
  "Riots": "#91cf60",
  "Strategic developments": "#4575b4",
};

// Controllers' colours: Dark2 palette (ColorBrewer, colour-blind safer).
const CONTROL_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];

const SELECT_ZOOM = 8; // zoom an event opens at: a town and its neighbours
const STATUS_RANK = { denied: 0, contested: 1, single_source: 2, confirmed: 3 }; // a group shows its least sure

const state = { events: [], places: {}, actors: {}, claims: {}, contradictions: [], dates: [], markers: new Map(),
                groups: new Map(), labels: [], layer: null, controlLayer: null, borders: null, controlAsked: 0,
                map: null, selected: null };
window.frontwatch = state; // for the browser tests and for anyone poking at the page from the console

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

function plural(n, noun) { return `${n} ${noun}${n === 1 ? "" : "s"}`; }

function actorName(id) { return id ? (state.actors[id] ? state.actors[id].name : id) : null; }

function placeName(id) { return id && state.places[id] ? state.places[id].name : "unlocated"; }

function badge(status) { return el("span", { class: `badge status-${status}` }, status.replace("_", " ")); }

function drawMap(topology) {
  const map = L.map("map", { zoomSnap: 0.25, worldCopyJump: true, attributionControl: true });
  map.setView([35, 38], 5); // a view must exist before layers are added; fit() narrows it later
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");
  const countries = unwrapDateLine(topojson.feature(topology, topology.objects.countries));
  state.borders = L.geoJSON(countries, {
    style: { color: "#8a9aa6", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  state.map = map;
  state.controlLayer = L.layerGroup().addTo(map); // under the events
  state.layer = L.layerGroup().addTo(map);
}

function drawPlaces() {
  const counts = new Map();
  for (const event of state.events) if (event.place) counts.set(event.place, (counts.get(event.place) || 0) + 1);
  const labelLayer = L.layerGroup().addTo(state.map);
  for (const place of Object.values(state.places)) {
    if (!counts.has(place.id)) continue;
    L.circleMarker([place.lat, place.lon], { radius: 2, color: "#33404a", weight: 1, interactive: false })
      .addTo(labelLayer);
    const icon = L.divIcon({ className: "place-label", html: el("span", {}, place.name), iconSize: null,
                             iconAnchor: [-5, 8] });
    const marker = L.marker([place.lat, place.lon], { icon, interactive: false, keyboard: false }).addTo(labelLayer);
    state.labels.push({ element: marker.getElement(), weight: counts.get(place.id), name: place.name });
  }
  state.map.on("zoomend", () => declutter(state.labels));
  state.map.on("zoomend", () => { if (state.ready) render(); }); // clusters are drawn for one zoom
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

// A controller's colour: its place among the sides of the picture's territorial events (captures, recaptures,
// transfers), so up to eight sides never share one and a side keeps its colour as the slider moves; a controller
// that is no such side falls back to a hash of its id.
function controllerColour(id) {
  if (!state.sides) {
    const territorial = state.events.filter((e) => /territory/i.test(e.sub_event_type));
    state.sides = [...new Set(territorial.flatMap((e) => [e.actor1, e.actor2]).filter(Boolean))].sort();
  }
  const index = state.sides.indexOf(id);
  if (index >= 0) return CONTROL_COLOURS[index % CONTROL_COLOURS.length];
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
    const ring = L.circleMarker([item.lat, item.lon], {
      radius: 12, color: colour, weight: 3, fill: false, opacity: item.status === "denied" ? 0.4 : 0.95,
      dashArray: item.status === "contested" || item.status === "denied" ? "4 3" : null,
      className: `control-marker status-${item.status}`,
    }).bindTooltip(el("span", {}, `${item.name}: held by ${item.controller_name} since ${item.since} `
      + `(${item.status.replace("_", " ")})`)).addTo(state.controlLayer);
    Object.assign(ring.getElement().dataset, { place: item.place, controller: item.controller });
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
  const actors = matchingActors(document.getElementById("f-actor").value, Object.values(state.actors));
  const index = Number(document.getElementById("f-date").value);
  const dayOnly = document.getElementById("f-day-only").checked;
  const cut = index < state.dates.length ? state.dates[index] : null;
  return state.events.filter((event) => {
    if (type && event.event_type !== type) return false;
    if (status && event.status !== status) return false;
    if (actors) {
      const own = [event.actor1, event.actor2, ...(event.assoc_actor_1 || []), ...(event.assoc_actor_2 || [])];
      if (!own.some((id) => id && actors.has(id))) return false;
    }
    if (cut) {
      const start = event.date.start;
      if (!start) return !dayOnly;
      if (dayOnly ? !(start <= cut && (event.date.end || start) >= cut) : start > cut) return false;
    }
    return true;
  });
}

function mostCommonType(events) {
  const counts = new Map();
  for (const event of events) counts.set(event.event_type, (counts.get(event.event_type) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

function groupRadius(events) {
  const deaths = events.reduce((sum, e) => sum + (e.fatalities.best ?? e.fatalities.acled ?? 0), 0);
  return Math.min(26, 6 + Math.sqrt(deaths) * 1.6 + 2 * Math.log2(events.length));
}

function eventLine(event) {
  return `${event.sub_event_type} — ${dateText(event.date)}`;
}

function pickList(events) {
  return el("ul", {}, ...events.map((event) => el("li", {}, el("button", {
    type: "button", class: `pick status-${event.status}`, dataset: { event: event.id },
    onclick: () => { state.map.closePopup(); selectEvent(event.id); },
  }, eventLine(event)))));
}

// One marker per place, or per cluster of places too close on screen to show apart: a click opens the one event,
// or a list of the events to pick from (by place, for a cluster).
function groupPopup(group) {
  if (group.places.length === 1) {
    return el("div", { class: "group-popup" },
      el("strong", {}, `${placeName(group.events[0].place)}: ${plural(group.events.length, "event")}`),
      pickList(group.events));
  }
  return el("div", { class: "group-popup cluster" },
    el("strong", {}, `${plural(group.places.length, "place")} close together: ${plural(group.events.length, "event")}`),
    ...group.members.flatMap((member) => [
      el("h3", {}, `${placeName(member.events[0].place)} (${member.events.length})`), pickList(member.events)]));
}

function groupTooltip(group) {
  const first = group.events[0];
  if (group.events.length === 1) return `${eventLine(first)} — ${placeName(first.place)}`;
  if (group.places.length === 1) return `${placeName(first.place)}: ${plural(group.events.length, "event")}`;
  const names = group.members.map((m) => placeName(m.events[0].place));
  const shown = names.length > 3 ? `${names.slice(0, 2).join(", ")} and ${names.length - 2} more` : names.join(", ");
  return `${shown}: ${plural(group.events.length, "event")}`;
}

// The events shown, by place, gathered into clusters by their distance on screen at this zoom (cluster.js).
function clusters(events) {
  const byPlace = new Map();
  for (const event of events) {
    if (event.lat === null || event.lon === null) continue;
    const key = event.place || `${event.lat},${event.lon}`;
    if (!byPlace.has(key)) byPlace.set(key, []);
    byPlace.get(key).push(event);
  }
  const items = [...byPlace.entries()].map(([key, placed]) => {
    const point = state.map.latLngToLayerPoint([placed[0].lat, placed[0].lon]);
    return { key, x: point.x, y: point.y, weight: placed.length, events: placed };
  });
  return clusterByDistance(items, groupRadius);
}

function render() {
  const events = visibleEvents();
  state.layer.clearLayers();
  state.markers.clear();
  state.groups.clear();
  for (const cluster of clusters(events)) {
    const group = { events: cluster.events, members: cluster.members, places: cluster.members.map((m) => m.key),
                    marker: null };
    state.groups.set(cluster.anchor.key, group);
    const first = cluster.anchor.events[0];
    const least = group.events.reduce((a, b) => (STATUS_RANK[b.status] < STATUS_RANK[a.status] ? b : a)).status;
    const marker = L.circleMarker([first.lat, first.lon], {
      radius: cluster.radius, color: "#222", weight: 1,
      fillColor: TYPE_COLOURS[mostCommonType(group.events)] || "#555", fillOpacity: 0.85,
      className: `event-marker status-${least}${group.places.length > 1 ? " event-cluster" : ""}`,
    });
    marker.bindTooltip(el("span", {}, groupTooltip(group)));
    if (group.events.length === 1) marker.on("click", () => selectEvent(first.id));
    else marker.bindPopup(() => groupPopup(group), { maxWidth: 360, maxHeight: 420 });
    marker.addTo(state.layer);
    const data = marker.getElement().dataset;
    if (group.places.length === 1) data.place = cluster.anchor.key;
    data.places = group.places.join(" ");
    data.count = String(group.events.length);
    if (group.events.length > 1) {
      L.marker([first.lat, first.lon], { interactive: false, keyboard: false, icon: L.divIcon({
        className: "group-count", html: el("span", {}, String(group.events.length)), iconSize: null,
        iconAnchor: [0, 0] }) }).addTo(state.layer);
    }
    group.marker = marker;
    for (const event of group.events) state.markers.set(event.id, marker);
  }
  highlight();
  const list = document.getElementById("event-list");
  list.replaceChildren(...events.map((event) => el("li", {
    class: event.id === state.selected ? "selected" : "", dataset: { event: event.id },
    onclick: () => selectEvent(event.id),
  }, badge(event.status), " ", event.summary,
  el("div", { class: "meta" }, `${dateText(event.date)} · ${placeName(event.place)} · `
    + `${plural(event.independent_sources, "independent source")}`))));
  document.getElementById("counts").textContent =
    `${events.length} of ${plural(state.events.length, "event")} · ${plural(state.contradictions.length, "contradiction")}`;
  markDay(document.getElementById("histogram"), Number(document.getElementById("f-date").value));
}

function highlight() {
  for (const group of state.groups.values()) {
    const on = group.events.some((e) => e.id === state.selected);
    group.marker.setStyle(on ? { color: "#ffd400", weight: 4 } : { color: "#222", weight: 1 });
    group.marker.getElement().classList.toggle("selected", on);
    if (on) group.marker.bringToFront();
  }
  for (const item of document.querySelectorAll("#event-list li")) {
    item.classList.toggle("selected", item.dataset.event === state.selected);
  }
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

function contradictionLink(c) {
  return el("li", {}, el("a", { href: "#", class: "to-contradiction", dataset: { contradiction: c.id },
    onclick: (e) => { e.preventDefault(); showContradiction(c.id); } }, `⚠ ${c.kind}: ${c.explanation}`));
}

function scoringDetails(event) {
  const why = event.place_detail && event.place_detail.why;
  if (!why || !Object.keys(why).length) return null;
  return el("details", { class: "scores" }, el("summary", {}, "scoring details"),
    el("p", { class: "meta" }, "why this place: ", Object.entries(why).map(([k, v]) => `${k} ${v}`).join(", ")));
}

async function selectEvent(id, zoom = true) {
  state.selected = id;
  highlight();
  writeUrl();
  const known = state.events.find((e) => e.id === id);
  if (zoom && known && known.lat !== null && known.lon !== null) {
    state.map.setView([known.lat, known.lon], Math.max(state.map.getZoom(), SELECT_ZOOM), { animate: false });
    declutter(state.labels);
  }
  const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  if (state.selected !== id) return; // another event was picked meanwhile
  const f = event.fatalities;
  const facts = el("dl", { class: "facts" },
    el("dt", {}, "type"), el("dd", {}, `${event.event_type} / ${event.sub_event_type}`),
    el("dt", {}, "date"), el("dd", {}, dateText(event.date)),
    el("dt", {}, "place"), el("dd", {}, event.place_detail
      ? `${event.place_detail.name}, ${event.place_detail.admin1 || ""} ${event.place_detail.country} `
        + `(${event.lat.toFixed(3)}, ${event.lon.toFixed(3)}; precision ${event.geo_precision})` : "unlocated"),
    el("dt", {}, "actors"), el("dd", {}, [actorName(event.actor1), actorName(event.actor2)].filter(Boolean).join(" vs ") || "unidentified"),
    el("dt", {}, "fatalities"), el("dd", {}, f.best === null ? "none reported"
      : `low ${f.low} · best ${f.best} · high ${f.high} · ACLED ${f.acled}`),
    el("dt", {}, "sources"), el("dd", {}, `${plural(event.sources.length, "document")}, `
      + `${event.independent_sources} independent`));
  const documents = el("ul", {}, ...event.documents.map((doc) => el("li", {},
    el("a", { href: "#", onclick: (e) => { e.preventDefault(); showSource(doc.id); } }, doc.title),
    el("span", { class: "meta" }, ` — ${doc.outlet}, ${doc.published.date || "undated"} (${doc.published.basis})`))));
  const contradictions = event.contradictions.length
    ? [el("h3", {}, "Contradictions"), el("ul", { class: "contradictions" }, ...event.contradictions.map(contradictionLink))]
    : [];
  document.getElementById("tab-event").replaceChildren(
    el("h2", {}, event.summary), badge(event.status), facts, scoringDetails(event),
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

// Each contradiction with the events it bears on and the claims on each side, all clickable.
function drawContradictions() {
  const eventsOfClaim = new Map();
  for (const event of state.events) for (const c of event.claims) eventsOfClaim.set(c, event);
  const list = document.getElementById("contradiction-list");
  list.replaceChildren(...state.contradictions.map((c) => {
    const events = [...new Set(c.claims.map((id) => eventsOfClaim.get(id)).filter(Boolean))];
    const claims = c.claims.map((id) => state.claims[id]).filter(Boolean);
    return el("li", { dataset: { contradiction: c.id } },
      el("strong", {}, `${c.kind}: `), c.about, el("div", { class: "meta" }, c.explanation),
      events.length ? el("div", { class: "links" }, "events: ", ...events.map((event) => el("button", {
        type: "button", class: "to-event", dataset: { event: event.id }, onclick: () => selectEvent(event.id),
      }, `${event.sub_event_type} at ${placeName(event.place)}, ${event.date.start || "undated"}`))) : null,
      ...claims.map(claimBlock));
  }));
}

function showContradiction(id) {
  showTab("contradictions");
  for (const item of document.querySelectorAll("#contradiction-list > li")) {
    const on = item.dataset.contradiction === id;
    item.classList.toggle("selected", on);
    if (on) item.scrollIntoView({ block: "nearest" });
  }
}

// The view as the URL carries it (url_state.js): written on every change, read on load and on a changed hash.
function currentView() {
  const index = Number(document.getElementById("f-date").value);
  return {
    event: state.selected,
    type: document.getElementById("f-type").value,
    status: document.getElementById("f-status").value,
    actor: document.getElementById("f-actor").value.trim(),
    date: index < state.dates.length ? state.dates[index] : "",
    day: document.getElementById("f-day-only").checked ? "1" : "",
    control: document.getElementById("f-control").checked ? "" : "0",
  };
}

function writeUrl() {
  if (!state.ready) return;
  const hash = hashOf(currentView());
  if (hash !== window.location.hash) history.replaceState(null, "", hash || window.location.pathname);
}

function setSlider(index) {
  const slider = document.getElementById("f-date");
  slider.value = String(index);
  const i = Number(slider.value);
  document.getElementById("f-date-label").textContent = i < state.dates.length ? state.dates[i] : "all dates";
}

function applyView(view) {
  document.getElementById("f-type").value = view.type || "";
  document.getElementById("f-status").value = view.status || "";
  document.getElementById("f-actor").value = view.actor || "";
  document.getElementById("f-day-only").checked = view.day === "1";
  document.getElementById("f-control").checked = view.control !== "0";
  const index = state.dates.indexOf(view.date);
  setSlider(index >= 0 ? index : state.dates.length);
  render();
  renderControl().catch(() => {});
  if (view.event && view.event !== state.selected) selectEvent(view.event).catch(() => {});
}

function onFilter() {
  render();
  writeUrl();
}

function setUpFilters() {
  const types = [...new Set(state.events.map((e) => e.event_type))].sort();
  document.getElementById("f-type").append(...types.map((t) => el("option", {}, t)));
  state.dates = [...new Set(state.events.map((e) => e.date.start).filter(Boolean))].sort();
  const slider = document.getElementById("f-date");
  slider.max = String(state.dates.length);
  setSlider(state.dates.length);
  const moved = () => {
    setSlider(Number(slider.value));
    onFilter();
    renderControl().catch(() => {});
  };
  slider.addEventListener("input", moved);
  drawHistogram(document.getElementById("histogram"), state.dates, state.events, TYPE_COLOURS, (index) => {
    slider.value = String(index);
    moved();
  });
  for (const id of ["f-type", "f-status", "f-day-only"]) document.getElementById(id).addEventListener("change", onFilter);
  document.getElementById("f-control").addEventListener("change", () => {
    writeUrl();
    renderControl().catch(() => {});
  });
  document.getElementById("f-actor").addEventListener("input", onFilter);
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
  const [topology, events, places, actors, contradictions, claims] = await Promise.all([
    getJSON("/static/vendor/countries-50m.json"), getAll("/api/events"), getAll("/api/places"),
    getAll("/api/actors"), getAll("/api/contradictions"), getAll("/api/claims")]);
  state.events = events;
  state.places = Object.fromEntries(places.map((p) => [p.id, p]));
  state.actors = Object.fromEntries(actors.map((a) => [a.id, a]));
  state.claims = Object.fromEntries(claims.map((c) => [c.id, c]));
  state.contradictions = contradictions;
  drawMap(topology);
  drawLegend();
  drawPlaces();
  drawContradictions();
  setUpFilters();
  render();
  fit();
  declutter(state.labels);
  state.ready = true;
  applyView(readHash(window.location.hash));
  window.addEventListener("hashchange", () => applyView(readHash(window.location.hash)));
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.getElementById("counts").textContent = `could not load the picture: ${error.message}`;
  document.body.dataset.ready = "error";
});
