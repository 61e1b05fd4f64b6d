"""The landing page's two drawings, as inline SVG built at generation time (no script, no tiles):
a map of the places with the events at each, and the coded events as a directed graph."""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path

from ..reader import PackageError

ASSETS = Path(__file__).resolve().parent.parent / "site_assets"
# The part of the world the places lie in (WGS84 degrees): west, south, east, north.
MAP_BOX = (62.0, 4.0, 126.0, 50.0)
MAP_WIDTH = 640


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The TopoJSON arcs as lists of (longitude, latitude): delta-decoded and unquantised."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, scaled to the map box, with x stretched by cos(mid-latitude)."""
    west, south, east, north = MAP_BOX
    stretch = math.cos(math.radians((south + north) / 2))
    k = MAP_WIDTH / ((east - west) * stretch)
    return (lon - west) * stretch * k, (north - lat) * k


def map_height() -> float:
    return _project(MAP_BOX[0], MAP_BOX[1])[1]


def _country_paths(highlight: set[str]) -> list[tuple[str, str, bool]]:
    """(name, SVG path, highlighted?) of each country that reaches into the map box."""
    topology = json.loads((ASSETS / "countries-110m.json").read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    west, south, east, north = MAP_BOX
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        parts, inside = [], False
        for polygon in polygons:
            for ring in polygon:
                points = _ring(arcs, ring)
                if any(west - 20 <= x <= east + 20 and south - 20 <= y <= north + 20 for x, y in points):
                    inside = inside or any(west <= x <= east and south <= y <= north for x, y in points)
                    projected = [_project(x, y) for x, y in points]
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
        if inside and parts:
            name = geometry.get("properties", {}).get("name", "")
            out.append((name, "".join(parts), name in highlight))
    return out


def place_map(places: list[dict], events_at: dict[str, list[str]]) -> str:
    """The map: countries of the region (the countries the places name shaded), each city a
    labelled point. The list of places with their events, beside it on the page, carries the
    same information for readers who do not see the drawing."""
    countries = {p["label"] for p in places if p["kind"] == "country" and events_at.get(p["place_id"])}
    countries |= {p["label"] for p in places if p["kind"] == "country"}
    height = map_height()
    parts = [
        f'<svg class="map" viewBox="0 0 {MAP_WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="map-title"><title id="map-title">Map of the places the source names: '
        + escape(", ".join(p["label"] for p in places))
        + "</title>",
        f'<rect width="{MAP_WIDTH}" height="{height:.0f}" class="sea"/>',
    ]
    for name, path, highlighted in _country_paths(countries):
        parts.append(
            f'<path class="country{" named" if highlighted else ""}" d="{path}"><title>{escape(name)}</title></path>'
        )
    for place in places:
        if place["kind"] == "country" or not _point(place):
            continue
        x, y = _project(place["longitude"], place["latitude"])
        label = escape(place["label"])
        parts.append(
            f'<g class="place" id="map-{escape(place["place_id"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}">{label}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _point(place: dict) -> bool:
    """Does the place have coordinates? PackageError, naming the record and fields, for half a
    pair or a value that is not a finite number (the validator reports both)."""
    latitude, longitude = place.get("latitude"), place.get("longitude")
    if latitude is None and longitude is None:
        return False
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (latitude, longitude)):
        raise PackageError(
            f"data/places.csv: place {str(place.get('place_id'))[:60]!r}: latitude and longitude must be "
            f"a pair of finite numbers, not {latitude!r} and {longitude!r}"
        )
    return True


def event_graph(coded: list[dict], actors: dict[str, dict]) -> str:
    """Actors as nodes on a circle, each (actor, target) pair an arrow labelled with its CAMEO codes."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for row in coded:
        pairs.setdefault((row["actor_id"], row["target_id"]), []).append(row["cameo_code"])
    nodes = sorted({a for pair in pairs for a in pair})
    size, radius = 560, 200
    centre = size / 2
    position = {
        node: (
            centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, node in enumerate(nodes)
    }
    parts = [
        f'<svg class="graph" viewBox="0 0 {size} {size}" role="img" aria-labelledby="graph-title">'
        '<title id="graph-title">Who did what to whom: the coded events as arrows from actor to target, '
        "labelled with their CAMEO codes (the table below lists the same events)</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>'
    ]
    for (source, target), codes in sorted(pairs.items()):
        (x1, y1), (x2, y2) = position[source], position[target]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        # Offset each direction to its side, so a reciprocal pair shows as two arrows.
        ox, oy = -dy / length * 6, dx / length * 6
        sx, sy = x1 + dx / length * 28 + ox, y1 + dy / length * 28 + oy
        ex, ey = x2 - dx / length * 28 + ox, y2 - dy / length * 28 + oy
        label = escape(", ".join(sorted(set(codes))))
        parts.append(
            f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" marker-end="url(#arrow)"/>'
            f'<text class="code" x="{(sx + ex) / 2 + ox * 2.5:.1f}" y="{(sy + ey) / 2 + oy * 2.5:.1f}">{label}</text>'
        )
    for node in nodes:
        x, y = position[node]
        name = escape(actors.get(node, {}).get("label", node))
        # The name on the outer side of its node, away from the arrows in the middle.
        ty = y + 40 if y >= centre else y - 30
        parts.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="24"/><text x="{x:.1f}" y="{ty:.1f}">{name}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
