"""A bar chart of events per day, stacked by ACLED event type, as inline SVG for the HTML report.

Only events dated to the day are drawn: an event known only to a week or a month has no day to stand on, and
spreading it over its days would invent a pattern. The report says how many were left out.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

from ..model import Event, Picture
from .svg_style import EVENT_COLORS, OTHER_COLOR, esc, num

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 34  # plot margins, px
MAX_X_LABELS = 10
MAX_BAR = 40  # px: a few days' bars stay bars, not blocks
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's


def day_events(picture: Picture) -> list[Event]:
    return [e for e in picture.events if e.date.precision == "day" and e.date.start]


def events_per_day_svg(picture: Picture) -> str:
    """Empty string when no event is dated to the day."""
    events = day_events(picture)
    if not events:
        return ""
    counts = Counter((date.fromisoformat(e.date.start or ""), e.event_type) for e in events)
    first, last = min(d for d, _ in counts), max(d for d, _ in counts)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    types = [t for t in EVENT_COLORS if any(t == k for _, k in counts)]
    types += sorted({k for _, k in counts} - set(types))
    peak = max(sum(counts.get((d, t), 0) for t in types) for d in days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(days)
    bar = min(max(step * 0.8, 1.0), MAX_BAR)
    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="Events per day by type, {days[0].isoformat()} to {days[-1].isoformat()}">']
    ticks = sorted({0, peak, *(range(0, peak + 1, max(1, math.ceil(peak / 4))))})
    for tick in ticks:
        y = TOP + plot_h - tick / peak * plot_h
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{num(y)}" y2="{num(y)}" class="grid"/>'
                   f'<text x="{LEFT - 4}" y="{num(y + 4)}" text-anchor="end" class="tick">{tick}</text>')
    every = math.ceil(len(days) / MAX_X_LABELS)
    for i, day in enumerate(days):
        x = LEFT + i * step + (step - bar) / 2
        y = TOP + plot_h
        for event_type in types:
            n = counts.get((day, event_type), 0)
            if not n:
                continue
            h = n / peak * plot_h
            y -= h
            out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(bar)}" height="{num(h)}" '
                       f'fill="{EVENT_COLORS.get(event_type, OTHER_COLOR)}"><title>{day.isoformat()}: {n} '
                       f"{esc(event_type)}</title></rect>")
        if i % every == 0:
            label = f"{day.day} {MONTHS[day.month - 1]}" + ("" if i else f" {day.year}")
            out.append(f'<text x="{num(LEFT + i * step + step / 2)}" y="{HEIGHT - BOTTOM + 16}" '
                       f'text-anchor="middle" class="tick">{label}</text>')
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" class="axis"/>')
    out.append("</svg>")
    return "\n".join(out)
