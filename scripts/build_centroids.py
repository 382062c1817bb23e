"""Build src/frontwatch/data/centroids.tsv: a representative point for every country (Natural Earth, via the
vendored world-atlas countries-50m.json), every US state and every US county (US Census Bureau cartographic
boundaries, via the npm package us-atlas 3.0.1: states-10m.json, counties-10m.json).

The point is the area centroid of the largest polygon of each shape (so the contiguous United States, not a
point between Alaska and Hawaii; mainland France, not the Indian Ocean). Build time only:

    (cd /tmp && npm install us-atlas@3.0.1)
    python scripts/build_centroids.py /tmp/node_modules/us-atlas > src/frontwatch/data/centroids.tsv
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORLD = REPO / "src" / "frontwatch" / "web" / "static" / "vendor" / "countries-50m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(|area|, centroid lon, centroid lat) of a ring by the shoelace formula (planar lon/lat: fine for a point).
    A ring that crosses the antimeridian (Russia, Fiji) is unwrapped to 0..360 first."""
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def shapes(topology: dict, name: str) -> list[tuple[str, str, float, float]]:
    """One point per id; when several shapes share an id (Australia and its islets), the largest wins."""
    arcs = decode_arcs(topology)
    biggest: dict[str, tuple[float, str, float, float]] = {}
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or "id" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        best = max((area_centroid(ring(polygon[0], arcs)) for polygon in polygons), key=lambda t: t[0])
        lon = (best[1] + 180) % 360 - 180
        ident = str(geometry["id"])
        if ident not in biggest or best[0] > biggest[ident][0]:
            biggest[ident] = (best[0], geometry.get("properties", {}).get("name", ""), round(best[2], 5),
                              round(lon, 5))
    return sorted((ident, name_, lat, lon) for ident, (_area, name_, lat, lon) in biggest.items())


def main(us_atlas: Path) -> None:
    print("# Representative points (area centroid of the largest polygon) by scripts/build_centroids.py.")
    print("# country: Natural Earth 1:50m via world-atlas 2.0.2 (ISO 3166 numeric id); us_state / us_county: US Census")
    print("# Bureau cartographic boundaries via us-atlas 3.0.1 (FIPS ids). Public-domain sources (see their READMEs).")
    print("kind\tid\tname\tlat\tlon")
    for kind, path, obj in (("country", WORLD, "countries"), ("us_state", us_atlas / "states-10m.json", "states"),
                            ("us_county", us_atlas / "counties-10m.json", "counties")):
        topology = json.loads(path.read_text(encoding="utf-8"))
        for ident, name, lat, lon in shapes(topology, obj):
            print(f"{kind}\t{ident}\t{name}\t{lat}\t{lon}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
