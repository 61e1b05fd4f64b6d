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


# The coded-events drawing: a lifeline per actor and an arrow per (actor, target, attribution),
# each arrow on a row of its own with its label right above it, so a label can belong to one arrow
# only. Sized so that its text stays legible on a phone: the page shows it no wider than 30rem, and
# on a 375 px screen it is drawn at about 0.95 of its units (13 units: about 12 px).
GRAPH_WIDTH = 360
GRAPH_FONT = 13
GRAPH_ROW = 40
GRAPH_HEAD = 48
REPORTED_WORDS = {"reports": "according to reports", "readout": "according to the readout"}


def _lifeline_order(nodes: set[str], actors: dict[str, dict]) -> list[str]:
    """Actors grouped by country (those of no country last), the states of the first group on its
    right and of the others on their left, so that state-to-state arrows stay short."""
    groups: dict[str, list[str]] = {}
    for node in nodes:
        groups.setdefault(actors.get(node, {}).get("country") or "~", []).append(node)
    order: list[str] = []
    for index, country in enumerate(sorted(groups)):

        def key(node, index=index):
            actor = actors.get(node, {})
            state = actor.get("kind") == "state"
            return (state if index == 0 else not state, actor.get("label", node))

        order.extend(sorted(groups[country], key=key))
    return order


def _name_lines(name: str, width: float) -> list[str]:
    """A name in lines that fit `width` units (at about 0.6 of the font size a character)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width / (GRAPH_FONT * 0.6):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def event_graph(coded: list[dict], actors: dict[str, dict], attribution: dict[str, str] | None = None) -> str:
    """Who did what to whom: each actor a lifeline, each (actor, target) an arrow labelled with its
    CAMEO codes; events reported by others (attribution `reports` or `readout`) get an arrow of their
    own, dashed, whose label says whose account it is, in words."""
    attribution = attribution or {}
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in coded:
        reported = attribution.get(row["coded_event_id"], "")
        reported = reported if reported in REPORTED_WORDS else ""
        groups.setdefault((row["actor_id"], row["target_id"], reported), []).append(row)
    nodes = _lifeline_order({a for key in groups for a in key[:2]}, actors)
    margin = 46
    step = (GRAPH_WIDTH - 2 * margin) / max(len(nodes) - 1, 1)
    x_of = {node: margin + i * step if len(nodes) > 1 else GRAPH_WIDTH / 2 for i, node in enumerate(nodes)}
    rows = sorted(
        groups.items(),
        key=lambda item: (min(str(r["date"]) for r in item[1]), nodes.index(item[0][0]), item[0][2], item[0][1]),
    )
    height = GRAPH_HEAD + GRAPH_ROW * len(rows) + 12
    parts = [
        f'<svg class="graph" viewBox="0 0 {GRAPH_WIDTH} {height}" role="img" aria-labelledby="graph-title">'
        '<title id="graph-title">Who did what to whom: each actor a vertical line, each coded event an arrow '
        "from actor to target labelled with its CAMEO codes; dashed arrows are events that rest on others' "
        "account, labelled with whose (the table below lists the same events)</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>'
    ]
    for node in nodes:
        x = x_of[node]
        name = actors.get(node, {}).get("label", node)
        lines = _name_lines(name, min(step, 2 * margin) - 6)
        tspans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if i == 0 else GRAPH_FONT + 2}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        top = GRAPH_HEAD - 12 - (len(lines) - 1) * (GRAPH_FONT + 2)
        parts.append(
            f'<g class="node"><text class="name" x="{x:.1f}" y="{max(top, GRAPH_FONT):.1f}">{tspans}</text>'
            f'<path class="lifeline" d="M{x:.1f},{GRAPH_HEAD - 4}V{height - 6}"/></g>'
        )
    for index, ((source, target, reported), events) in enumerate(rows):
        y = GRAPH_HEAD + GRAPH_ROW * (index + 1) - 8
        x1, x2 = x_of[source], x_of[target]
        direction = 1 if x2 >= x1 else -1
        codes = ", ".join(dict.fromkeys(sorted(r["cameo_code"] for r in events)))
        label = codes + (f", {REPORTED_WORDS[reported]}" if reported else "")
        width = len(label) * GRAPH_FONT * 0.58
        centre = min(max((x1 + x2) / 2, width / 2 + 4), GRAPH_WIDTH - width / 2 - 4)
        names = (actors.get(source, {}).get("label", source), actors.get(target, {}).get("label", target))
        detail = "; ".join(
            f"{r['coded_event_id']} {r['cameo_code']} {r.get('code_label', '')}".rstrip() for r in events
        )
        parts.append(
            f'<g class="edge{" reported" if reported else ""}" data-events="{escape(" ".join(r["coded_event_id"] for r in events))}">'
            f"<title>{escape(names[0])} → {escape(names[1])}: {escape(detail)}"
            f"{escape(', ' + REPORTED_WORDS[reported]) if reported else ''}</title>"
            f'<circle cx="{x1:.1f}" cy="{y}" r="3.5"/>'
            f'<line class="arrow" x1="{x1 + 5 * direction:.1f}" y1="{y}" x2="{x2 - 3 * direction:.1f}" y2="{y}" '
            f'marker-end="url(#arrow)"/>'
            f'<text class="code" x="{centre:.1f}" y="{y - 8}">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
