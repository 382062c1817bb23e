// Borders that cross the date line (Russia's Chukotka, Fiji, Antarctica) jump from +180 to -180 within one ring,
// and a map draws that jump as a straight line across the whole world (across the South Pacific and Atlantic for
// Fiji). Each ring is unwrapped instead: after a jump its longitudes continue past ±180, so the ring stays in one
// piece just beyond the edge. A ring that goes once around a pole (Antarctica's coast) ends a full turn from where
// it began; it is closed along the pole.
"use strict";

const HALF_TURN = 180;

export function unwrapRing(ring) {
  if (ring.length < 2) return ring;
  const out = [[ring[0][0], ring[0][1]]];
  let shift = 0;
  for (let i = 1; i < ring.length; i += 1) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > HALF_TURN) shift -= 2 * HALF_TURN;
    else if (step < -HALF_TURN) shift += 2 * HALF_TURN;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) > HALF_TURN) {
    const pole = first[1] < 0 ? -90 : 90;
    out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
  }
  return out;
}

function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

export function unwrapDateLine(collection) {
  return { ...collection, features: collection.features.map((f) => ({ ...f, geometry: unwrapGeometry(f.geometry) })) };
}
