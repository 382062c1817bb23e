// Events per day under the time slider: one column per day the slider stops at, stacked by event type, the day
// the slider is on outlined. An event dated to one day counts whole on that day; an event known only within a
// window of days (a week, "in the last days") is spread evenly over the slider's days inside its window, drawn
// paler, so a week's report does not pile up on the week's first day. Each column's total is the events it holds
// (shares included), so the columns add up to the dated events. A click on a column moves the slider there.
// Built with DOM nodes (no markup strings).
"use strict";

const MAX_BAR_PX = 36;

// The slider's days an event covers: those inside its window [start, end]; at least its first day.
export function daysOf(event, dates) {
  const start = event.date && event.date.start;
  if (!start) return [];
  const end = event.date.end && event.date.end > start ? event.date.end : start;
  const inside = dates.filter((d) => d >= start && d <= end);
  return inside.length ? inside : dates.includes(start) ? [start] : [];
}

// day -> type -> { day: events dated that day, window: shares of events spread over a window }
export function dayCounts(dates, events) {
  const counts = new Map(dates.map((d) => [d, new Map()]));
  for (const event of events) {
    const days = daysOf(event, dates);
    const spread = days.length > 1;
    for (const day of days) {
      const byType = counts.get(day);
      const cell = byType.get(event.event_type) || { day: 0, window: 0 };
      if (spread) cell.window += 1 / days.length;
      else cell.day += 1;
      byType.set(event.event_type, cell);
    }
  }
  return counts;
}

function sum(byType, part) {
  return [...byType.values()].reduce((total, cell) => total + (part ? cell[part] : cell.day + cell.window), 0);
}

function round(n) { return Math.round(n * 100) / 100; }

export function drawHistogram(container, dates, events, colours, onPick) {
  const counts = dayCounts(dates, events);
  const most = Math.max(1, ...[...counts.values()].map((byType) => sum(byType)));
  const columns = dates.map((day, index) => {
    const byType = counts.get(day);
    const [whole, shared] = [sum(byType, "day"), sum(byType, "window")];
    const column = document.createElement("button");
    column.type = "button";
    column.className = "hist-day";
    Object.assign(column.dataset, { day, count: String(round(whole + shared)), dated: String(whole),
                                    window: String(round(shared)) });
    column.title = `${day}: ${whole} event${whole === 1 ? "" : "s"} that day`
      + (shared ? `, ${round(shared)} more spread over multi-day windows` : "");
    for (const [type, cell] of [...byType.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      for (const part of ["day", "window"]) {
        if (!cell[part]) continue;
        const bar = document.createElement("span");
        bar.className = part === "day" ? "hist-part" : "hist-part hist-window";
        bar.style.height = `${Math.max(1, Math.round((cell[part] / most) * MAX_BAR_PX))}px`;
        bar.style.background = colours[type] || "#555";
        column.append(bar);
      }
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
