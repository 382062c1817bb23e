// Place labels that do not pile up: labels are laid out in order of importance (events at the place, then name)
// and one that would overlap a label already shown is hidden at this zoom. Run again after every zoom or move.
"use strict";

const GAP_PX = 2;

function overlaps(a, b) {
  return a.left < b.right + GAP_PX && b.left < a.right + GAP_PX && a.top < b.bottom + GAP_PX
    && b.top < a.bottom + GAP_PX;
}

// labels: [{ element, weight, name }]; returns how many are shown.
export function declutter(labels) {
  const shown = [];
  const ordered = [...labels].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  for (const label of ordered) {
    label.element.classList.remove("label-hidden");
    const box = label.element.getBoundingClientRect();
    if (shown.some((other) => overlaps(box, other))) label.element.classList.add("label-hidden");
    else shown.push(box);
  }
  return shown.length;
}
