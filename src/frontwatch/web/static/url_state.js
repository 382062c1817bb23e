// The view in the URL's hash, so a link shares it: the selected event and every filter, e.g.
// /#event=evt-1a2b&type=Battles&status=confirmed&actor=HTS&date=2024-12-01&day=1&control=0
// "/#event=<id>" alone (the GeoJSON export's and the report's links) still opens that event.
"use strict";

export const KEYS = ["event", "type", "status", "actor", "date", "day", "control"];

export function readHash(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const view = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && value !== "") view[key] = value;
  }
  return view;
}

export function hashOf(view) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (view[key] !== undefined && view[key] !== null && view[key] !== "") params.set(key, String(view[key]));
  }
  const text = params.toString();
  return text ? `#${text}` : "";
}
