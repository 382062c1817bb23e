"""A static SVG map of the picture's events for the HTML report, drawn from the bundled country borders.

The borders are the web UI's Natural Earth 1:50m TopoJSON (web/static/vendor/countries-50m.json, world-atlas);
nothing is fetched. Projection: equirectangular, x scaled by the cosine of the view's middle latitude, which is
true enough for the few hundred kilometres a conflict map shows. Same picture, same bytes.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Picture
from .svg_style import EVENT_COLORS, OTHER_COLOR, esc, num

BORDERS = ("web", "static", "vendor", "countries-50m.json")
WIDTH = 720  # px; the height follows the view's shape
MAX_HEIGHT = 520
PAD = 0.25  # share of the events' extent added on each side
MIN_SPAN = 1.5  # degrees: a single town still shows its surroundings
LABEL_CHAR_W = 6.2  # px per character at the label font size, for decluttering
LABEL_H = 12
COUNTRY_CHAR_W = 8.0  # px per character of a country's name (upper case, spaced)
GRID = 16  # px between candidate label spots
RING_SAMPLE = 300  # points per ring kept for the inside test: ample at map scale, fast
MIN_LABEL_CELLS = 6  # a country must show this many grid spots of land to be named
WIDE_KINDS = {"country", "continent", "region"}  # a country's centroid is no place: it does not set the view

Point = tuple[float, float]  # lon, lat


@dataclass(frozen=True)
class Country:
    name: str
    iso: str  # ISO 3166-1 numeric as a string, as world-atlas ids it
    rings: tuple[tuple[Point, ...], ...]


@cache
def countries() -> tuple[Country, ...]:
    """The bundled borders, decoded from TopoJSON (quantized, delta-encoded arcs)."""
    path = resources.files("frontwatch").joinpath(*BORDERS)
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[Point, ...]:
        out: list[Point] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(arc if not out else arc[1:])
        return tuple(out)

    result = []
    for geom in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        result.append(Country(geom.get("properties", {}).get("name", ""), str(geom.get("id", "")), rings))
    return tuple(result)


@dataclass(frozen=True)
class View:
    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> Point:
        return ((lon - self.west) / (self.east - self.west) * self.width,
                (self.north - lat) / (self.north - self.south) * self.height)


def view_of(points: list[Point]) -> View:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    cx, cy = (west + east) / 2, (south + north) / 2
    span_lon = max((east - west) * (1 + 2 * PAD), MIN_SPAN)
    span_lat = max((north - south) * (1 + 2 * PAD), MIN_SPAN)
    k = max(math.cos(math.radians(cy)), 0.2)
    height = WIDTH * span_lat / (span_lon * k)
    if height > MAX_HEIGHT:  # too tall: widen the view instead
        span_lon = span_lat / k * WIDTH / MAX_HEIGHT
        height = MAX_HEIGHT
    elif height < WIDTH / 2:  # too flat: make it taller
        span_lat = span_lon * k / 2
        height = WIDTH / 2
    return View(cx - span_lon / 2, cy - span_lat / 2, cx + span_lon / 2, cy + span_lat / 2, WIDTH, height)


def _ring_path(ring: tuple[Point, ...], view: View) -> str:
    """SVG path data of one ring; a step across the date line starts a new subpath instead of crossing the map."""
    parts: list[str] = []
    last: tuple[str, str] | None = None
    prev_lon: float | None = None
    for lon, lat in ring:
        x, y = view.xy(lon, lat)
        here = (num(x), num(y))
        jump = prev_lon is not None and abs(lon - prev_lon) > 180
        if last is None or jump:
            parts.append(f"M{here[0]} {here[1]}")
        elif here != last:
            parts.append(f"L{here[0]} {here[1]}")
        last, prev_lon = here, lon
    return "".join(parts) + "Z"


def _touches(ring: tuple[Point, ...], view: View) -> bool:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons) <= view.east and max(lons) >= view.west and min(lats) <= view.north and max(lats) >= view.south


def _box(polygon: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    return min(xs), min(ys), max(xs), max(ys)


def _contains(polygon: list[Point], x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _land_cells(boxed: list[tuple[tuple[float, float, float, float], list[Point]]], view: View) -> set[Point]:
    """The label grid's spots inside any of the polygons, each polygon testing only the spots within its box."""
    land: set[Point] = set()
    for (west, north, east, south), polygon in boxed:  # screen boxes: y grows downwards
        first_x = max(0, math.ceil((west - GRID / 2) / GRID))
        first_y = max(0, math.ceil((north - GRID / 2) / GRID))
        for y in range(first_y * GRID, min(int(view.height), math.floor(south - GRID / 2) + 1), GRID):
            for x in range(first_x * GRID, min(int(view.width), math.floor(east - GRID / 2) + 1), GRID):
                cell = (x + GRID / 2, y + GRID / 2)
                if cell not in land and _contains(polygon, *cell):
                    land.add(cell)
    return land


def _country_labels(drawn: list[tuple[Country, list]], view: View,
                    taken: list[tuple[float, float, float, float]]) -> list[str]:
    """Each country's name inside its visible land, near that land's middle, where no place or label is."""
    out = []
    grid = [(x + GRID / 2, y + GRID / 2) for y in range(0, int(view.height), GRID)
            for x in range(0, int(view.width), GRID)]
    for country, rings in drawn:
        polygons = [[view.xy(lon, lat) for lon, lat in ring[:: max(1, len(ring) // RING_SAMPLE)]] for ring in rings]
        boxed = [(_box(p), p) for p in polygons]

        def inside(x: float, y: float, boxed: list = boxed) -> bool:  # outside a polygon's box is outside it
            return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] and _contains(p, x, y) for b, p in boxed)

        land = _land_cells(boxed, view)
        cells = [cell for cell in grid if cell in land]
        if len(cells) < MIN_LABEL_CELLS:
            continue
        cx, cy = sum(x for x, _ in cells) / len(cells), sum(y for _, y in cells) / len(cells)
        w = COUNTRY_CHAR_W * len(country.name)
        for x, y in sorted(cells, key=lambda c: ((c[0] - cx) ** 2 + (c[1] - cy) ** 2, c)):
            box = (x - w / 2, y - LABEL_H / 2, x + w / 2, y + LABEL_H / 2)
            if box[0] < 0 or box[2] > view.width or box[1] < 0 or box[3] > view.height:
                continue
            if not all(inside(bx, by) for bx in (box[0], box[2]) for by in (box[1], box[3])):
                continue
            if all(box[2] <= t[0] or box[0] >= t[2] or box[3] <= t[1] or box[1] >= t[3] for t in taken):
                out.append(f'<text x="{num(x)}" y="{num(y + 4)}" text-anchor="middle" class="country">'
                           f"{esc(country.name.upper())}</text>")
                taken.append(box)
                break
    return out


def _inside(xy: Point, view: View) -> bool:
    return 0 <= xy[0] <= view.width and 0 <= xy[1] <= view.height


@dataclass(frozen=True)
class EventsMap:
    svg: str  # empty when no event has coordinates
    events: int  # events drawn (a country-wide place far from the others may fall outside the frame)


def events_map_svg(picture: Picture, highlight: frozenset[str] = frozenset()) -> EventsMap:
    """The map: borders around the events, one dot per place sized by its events and coloured by their most
    common type, place names where they do not overlap. highlight: ISO numeric codes of countries to shade."""
    places = {p.id: p for p in picture.places}
    by_place: dict[str, list[str]] = defaultdict(list)
    for event in picture.events:
        if event.place in places and event.lat is not None and event.lon is not None:
            by_place[event.place].append(event.event_type)
    if not by_place:
        return EventsMap("", 0)
    framing = [p for p in by_place if places[p].kind not in WIDE_KINDS] or list(by_place)
    view = view_of([(places[p].lon, places[p].lat) for p in framing])
    out = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {num(view.height)}" '
           f'role="img" aria-label="Map of the places with events">',
           f'<rect width="{WIDTH}" height="{num(view.height)}" class="sea"/>']
    drawn: list[tuple[Country, list[tuple[float, float, float, float]]]] = []
    for country in countries():
        rings = [r for r in country.rings if len(r) > 2 and _touches(r, view)]
        if rings:
            cls = "land hl" if country.iso in highlight else "land"
            out.append(f'<path class="{cls}" d="{"".join(_ring_path(r, view) for r in rings)}">'
                       f"<title>{esc(country.name)}</title></path>")
            drawn.append((country, rings))
    country_labels_at = len(out)
    taken: list[tuple[float, float, float, float]] = []
    order = sorted(by_place, key=lambda p: (-len(by_place[p]), places[p].name, p))
    order = [p for p in order if _inside(view.xy(places[p].lon, places[p].lat), view)]
    for place_id in order:
        place, types = places[place_id], by_place[place_id]
        x, y = view.xy(place.lon, place.lat)
        top = sorted(Counter(types).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        r = 4 + 2.5 * math.sqrt(len(types))
        out.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{EVENT_COLORS.get(top, OTHER_COLOR)}" '
                   f'class="dot"><title>{esc(place.name)}: {len(types)} event{"s" if len(types) != 1 else ""}'
                   "</title></circle>")
        taken.append((x - r, y - r, x + r, y + r))
    for place_id in order:
        place = places[place_id]
        x, y = view.xy(place.lon, place.lat)
        w = LABEL_CHAR_W * len(place.name)
        for lx, anchor in ((x + 9, "start"), (x - 9, "end")):
            box = (lx if anchor == "start" else lx - w, y - LABEL_H / 2, (lx + w) if anchor == "start" else lx,
                   y + LABEL_H / 2)
            inside = box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= view.height
            free = all(box[2] <= t[0] or box[0] >= t[2] or box[3] <= t[1] or box[1] >= t[3]
                       for t in taken if not (t[0] <= x <= t[2] and t[1] <= y <= t[3]))
            if inside and free:
                out.append(f'<text x="{num(lx)}" y="{num(y + 4)}" text-anchor="{anchor}" class="label">'
                           f"{esc(place.name)}</text>")
                taken.append(box)
                break
    out[country_labels_at:country_labels_at] = _country_labels(drawn, view, taken)
    out.append("</svg>")
    return EventsMap("\n".join(out), sum(len(by_place[p]) for p in order))
