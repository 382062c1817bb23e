// Events per day under the time slider: one column per day the slider stops at, stacked by event type, the day
// the slider is on outlined. A click on a column moves the slider there. Built with DOM nodes (no markup strings).
"use strict";

const MAX_BAR_PX = 36;

export function dayCounts(dates, events) {
  const counts = new Map(dates.map((d) => [d, new Map()]));
  for (const event of events) {
    const day = event.date && event.date.start;
    if (!counts.has(day)) continue;
    const byType = counts.get(day);
    byType.set(event.event_type, (byType.get(event.event_type) || 0) + 1);
  }
  return counts;
}

export function drawHistogram(container, dates, events, colours, onPick) {
  const counts = dayCounts(dates, events);
  const most = Math.max(1, ...[...counts.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const columns = dates.map((day, index) => {
    const byType = counts.get(day);
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    const column = document.createElement("button");
    column.type = "button";
    column.className = "hist-day";
    column.dataset.day = day;
    column.dataset.count = String(total);
    column.title = `${day}: ${total} event${total === 1 ? "" : "s"} starting that day`;
    for (const [type, n] of [...byType.entries()].sort()) {
      const part = document.createElement("span");
      part.className = "hist-part";
      part.style.height = `${Math.round((n / most) * MAX_BAR_PX)}px`;
      part.style.background = colours[type] || "#555";
      column.append(part);
    }
    column.addEventListener("click", () => onPick(index));
    return column;
  });
  const all = document.createElement("span");
  all.className = "hist-all";
  all.title = "all dates";
  container.replaceChildren(...columns, all);
}

export function markDay(container, index) {
  container.querySelectorAll(".hist-day").forEach((column, i) => column.classList.toggle("current", i === index));
}
