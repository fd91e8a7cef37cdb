"""Oman's eleven governorates as simplified polygons, drawn by the platform (no map tiles).

Vertices are (longitude, latitude) rounded to about 10 km, shared between neighbours so the
shapes tile; the outline follows the coast from Musandam to the Yemeni border. Recognisable,
not a survey: the priorities page's table carries the figures.
"""

from __future__ import annotations

# Shared corners inland (lon, lat).
_Q = {
    1: (56.8, 21.9), 2: (57.6, 21.3), 3: (56.2, 23.7), 4: (56.9, 23.05), 5: (56.0, 24.45),
    6: (57.2, 23.4), 7: (58.05, 23.3), 8: (57.4, 22.95), 9: (58.7, 22.95), 11: (58.35, 23.05),
    12: (57.9, 22.2), 13: (58.5, 21.7),
}  # fmt: skip
# The border and the coast.
_P = {
    1: (56.37, 24.98), 2: (56.75, 24.35), 4: (57.35, 23.88), 5: (58.0, 23.68), 6: (58.6, 23.62),
    7: (58.95, 23.25), 8: (59.2, 22.9), 9: (59.53, 22.57), 10: (59.82, 22.45),
    11: (59.57, 21.85), 12: (58.6, 20.7), 13: (57.75, 19.7), 14: (57.8, 18.98),
    15: (56.6, 18.25), 16: (55.95, 17.95), 17: (55.3, 17.4), 18: (54.7, 16.98),
    19: (54.1, 17.0), 20: (53.4, 16.74), 21: (52.8, 16.64), 22: (52.0, 19.0), 23: (55.0, 20.0),
    24: (55.67, 22.0), 25: (55.2, 22.7), 26: (55.75, 23.95), 27: (55.85, 24.3), 28: (56.1, 24.75),
}  # fmt: skip


def _ring(*names: str) -> list[tuple[float, float]]:
    return [(_P if n[0] == "P" else _Q)[int(n[1:])] for n in names]


SHAPES: dict[str, list[list[tuple[float, float]]]] = {
    "ZU": [_ring("P22", "P23", "P16", "P17", "P18", "P19", "P20", "P21")],
    "WU": [_ring("P23", "P24", "Q1", "Q2", "P12", "P13", "P14", "P15", "P16")],
    "ZA": [_ring("P24", "P25", "P26", "Q3", "Q4", "Q1")],
    "BU": [_ring("P26", "P27", "Q5", "Q3")],
    "BS": [_ring("P1", "P2", "P4", "Q6", "Q4", "Q3", "Q5", "P28")],
    "BJ": [_ring("P4", "P5", "Q7", "Q8", "Q4", "Q6")],
    "MA": [_ring("P5", "P6", "P7", "P8", "Q9", "Q11", "Q7")],
    "DA": [_ring("Q1", "Q4", "Q8", "Q7", "Q11", "Q12", "Q2")],
    "SS": [_ring("Q2", "Q12", "Q11", "Q9", "Q13")],
    "SJ": [
        _ring("Q2", "Q13", "Q9", "P8", "P9", "P10", "P11", "P12"),
        [(58.65, 20.15), (58.9, 20.45), (58.95, 20.7), (58.75, 20.5)],  # Masirah
    ],
    "MU": [
        [
            (56.1, 26.05),
            (56.25, 26.38),
            (56.45, 26.3),
            (56.42, 25.95),
            (56.3, 25.62),
            (56.12, 25.68),
        ],
    ],
}
WEST, NORTH, SCALE = 51.8, 26.6, 60
WIDTH, HEIGHT = 500, 620


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def path_of(code: str) -> str:
    """The SVG path data of a governorate (one closed sub-path per ring)."""
    parts = []
    for ring in SHAPES.get(code, []):
        points = [_xy(lon, lat) for lon, lat in ring]
        parts.append("M" + " L".join(f"{x} {y}" for x, y in points) + " Z")
    return " ".join(parts)


def label_point(code: str) -> tuple[float, float]:
    """Where the governorate's number goes: the mean of its first ring's corners."""
    ring = SHAPES[code][0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    return _xy(lon, lat)
