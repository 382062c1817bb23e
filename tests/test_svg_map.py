"""The report map's label grid: spots found polygon by polygon are the spots a test of every spot finds."""

from __future__ import annotations

from frontwatch.output.svg_map import GRID, View, _box, _contains, _land_cells


def _every_spot(polygons: list[list[tuple[float, float]]], view: View) -> set[tuple[float, float]]:
    grid = [(x + GRID / 2, y + GRID / 2) for y in range(0, int(view.height), GRID)
            for x in range(0, int(view.width), GRID)]
    return {cell for cell in grid if any(_contains(p, *cell) for p in polygons)}


def test_land_cells_match_a_test_of_every_spot() -> None:
    view = View(0.0, 0.0, 1.0, 1.0, 720.0, 400.0)
    polygons = [
        [(10.0, 10.0), (200.0, 30.0), (150.0, 250.0), (5.0, 120.0)],  # a quadrilateral
        [(-50.0, 300.0), (100.0, 280.0), (90.0, 460.0)],  # runs off the frame's left and bottom
        [(400.0, 100.0), (700.0, 100.0), (700.0, 380.0), (400.0, 380.0), (550.0, 240.0)],  # concave
        [(300.0, 50.0), (303.0, 50.0), (303.0, 52.0)],  # smaller than a grid step
        [(24.0, 8.0), (40.0, 8.0), (40.0, 24.0), (24.0, 24.0)],  # edges on the grid's spots
    ]
    found = _land_cells([(_box(p), p) for p in polygons], view)
    assert found == _every_spot(polygons, view)
    assert len(found) > 100
