"""Node positions for the views, computed in Python so that pages draw at once with physics off.

Pure Python and deterministic (the same input gives the same positions, rounded to 0.1 px):
geography from region centroids with a sunflower jitter for co-located nodes, and a radial
tree for one node's neighbourhood. vis-network's canvas has y pointing down.

>>> sunflower(0, 0, 3, spacing=10)
[(-10.0, -0.4), (10.8, -9.1), (-2.3, 17.2)]
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

__all__ = ["GeoProjection", "geo_layout", "radial_layout", "sunflower"]

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _r(v: float) -> float:
    return round(v, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def sunflower(x: float, y: float, n: int, spacing: float = 18.0) -> list[tuple[float, float]]:
    """``n`` points spread around ``(x, y)`` on a golden-angle spiral, leaving the centre free."""
    pts = []
    for i in range(n):
        r = spacing * math.sqrt(i + 1)
        a = (i + 1) * GOLDEN_ANGLE + math.pi / 4
        pts.append((_r(x + r * math.cos(a)), _r(y + r * math.sin(a))))
    return pts


class GeoProjection:
    """An equirectangular projection of lon/lat to canvas pixels, scaled to fit ``width`` pixels.

    >>> p = GeoProjection([(114.0, 30.0), (116.0, 31.0)], width=1000)
    >>> p(114.0, 30.0), p(116.0, 31.0)
    ((-500.0, 290.1), (500.0, -290.1))
    """

    def __init__(self, points: Iterable[tuple[float, float]], width: float = 2400.0,
                 max_scale: float = 3000.0) -> None:
        pts = list(points) or [(105.0, 35.0)]
        lons = [p[0] for p in pts]
        lats = [p[1] for p in pts]
        self.lon0 = (min(lons) + max(lons)) / 2
        self.lat0 = (min(lats) + max(lats)) / 2
        self.coslat = math.cos(math.radians(self.lat0))
        span = max((max(lons) - min(lons)) * self.coslat, max(lats) - min(lats), 1e-9)
        self.scale = min(width / span, max_scale)  # pixels per degree of latitude

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (_r((lon - self.lon0) * self.coslat * self.scale), _r(-(lat - self.lat0) * self.scale))


def geo_layout(
    anchors: Mapping[Hashable, tuple[float, float] | None],
    projection: GeoProjection,
    spacing: float = 18.0,
    unplaced_origin: tuple[float, float] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for nodes given each one's ``(lon, lat)`` (``None`` when unknown).

    Nodes sharing a point sit on a sunflower around it, in the order of ``anchors``; nodes with
    no point go into a grid right of the map (or at ``unplaced_origin``).
    """
    groups: dict[tuple[float, float], list[Hashable]] = {}
    unplaced: list[Hashable] = []
    for key, ll in anchors.items():
        if ll is None:
            unplaced.append(key)
        else:
            groups.setdefault(projection(*ll), []).append(key)
    pos: dict[Hashable, tuple[float, float]] = {}
    for (x, y), keys in groups.items():
        for key, p in zip(keys, sunflower(x, y, len(keys), spacing), strict=True):
            pos[key] = p
    if unplaced:
        ox, oy = unplaced_origin or (max((p[0] for p in pos.values()), default=0.0) + 250,
                                     min((p[1] for p in pos.values()), default=0.0))
        cols = max(1, math.ceil(math.sqrt(len(unplaced) * 3)))
        for i, key in enumerate(unplaced):
            pos[key] = (_r(ox + (i % cols) * 90), _r(oy + (i // cols) * 60))
    return pos


def radial_layout(
    center: Hashable,
    rings: Sequence[Sequence[Hashable]],
    parent: Mapping[Hashable, Hashable],
) -> dict[Hashable, tuple[float, float]]:
    """A radial tree: ``center`` at the origin, ``rings[0]`` around it, ``rings[1]`` outside.

    Each first-ring node gets an angular sector in proportion to its number of children (the
    second-ring nodes whose ``parent`` it is) and sits in the middle of it; its children share
    the sector on the outer ring, so a neighbourhood reads as branches.
    """
    pos: dict[Hashable, tuple[float, float]] = {center: (0.0, 0.0)}
    first = list(rings[0]) if rings else []
    second = list(rings[1]) if len(rings) > 1 else []
    if not first:
        return pos
    children: dict[Hashable, list[Hashable]] = {k: [] for k in first}
    for k in second:
        children[parent[k]].append(k)
    total = sum(1 + len(children[k]) for k in first)
    # an even number of branches leaves one slot empty, so no two sit opposite each other with
    # the edge between them crossing the centre
    turn = 2 * math.pi * (len(first) / (len(first) + 1) if len(first) % 2 == 0 else 1.0)
    r1 = max(220.0, 48.0 * len(first) / (2 * math.pi))
    r2 = max(r1 + 230.0, 34.0 * len(second) / (2 * math.pi))
    angle = -math.pi / 2 + (2 * math.pi - turn) / 2
    for k in first:
        span = turn * (1 + len(children[k])) / total
        mid = angle + span / 2
        pos[k] = (_r(r1 * math.cos(mid)), _r(r1 * math.sin(mid)))
        kids = children[k]
        for j, c in enumerate(kids):
            a = angle + span * (j + 0.5) / len(kids)
            pos[c] = (_r(r2 * math.cos(a)), _r(r2 * math.sin(a)))
        angle += span
    return pos
