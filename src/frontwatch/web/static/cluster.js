// Markers that never overlap: the groups of events at each place are gathered into clusters by their distance on
// screen at the map's zoom. Heavier groups (more events) anchor first; a group whose circle would touch a cluster's
// joins it; clusters that grew into each other merge, until no two circles touch. Run again after every zoom.
"use strict";

export const GAP_PX = 2; // clear space between two circles

// items: [{ key, x, y, weight, events }]; radiusOf(events) -> px. Returns [{ anchor, members, events, radius }],
// heaviest first; each item is in exactly one cluster, placed at its anchor (its heaviest member).
export function clusterByDistance(items, radiusOf) {
  const ordered = [...items].sort((a, b) => b.weight - a.weight || String(a.key).localeCompare(String(b.key)));
  let clusters = [];
  for (const item of ordered) {
    const radius = radiusOf(item.events);
    const near = clusters.find((c) => Math.hypot(c.anchor.x - item.x, c.anchor.y - item.y) < c.radius + radius + GAP_PX);
    if (near) {
      near.members.push(item);
      near.events = near.events.concat(item.events);
      near.radius = radiusOf(near.events);
    } else {
      clusters.push({ anchor: item, members: [item], events: [...item.events], radius });
    }
  }
  for (let merged = true; merged;) { // a cluster that grew may now touch another one
    merged = false;
    outer: for (let i = 0; i < clusters.length; i += 1) {
      for (let j = i + 1; j < clusters.length; j += 1) {
        const a = clusters[i], b = clusters[j];
        if (Math.hypot(a.anchor.x - b.anchor.x, a.anchor.y - b.anchor.y) < a.radius + b.radius + GAP_PX) {
          a.members.push(...b.members);
          a.events = a.events.concat(b.events);
          a.radius = radiusOf(a.events);
          clusters = clusters.filter((_, k) => k !== j);
          merged = true;
          break outer;
        }
      }
    }
  }
  return clusters;
}
