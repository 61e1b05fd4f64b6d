"""The coded events in the column layouts of GDELT 2.0 and POLECAT, for joining with those datasets.

Each layout is a list of (column, how it is filled, value function); the documentation in
docs/event-exports.md is generated from these lists, so the mapping cannot drift.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from .layout import data_root
from .reader import PackageError, PackageReader

QUAD_LABELS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
# PLOVER manual, conflict–cooperation scores by type and mode.
PLOVER_SCORES = {
    ("AGREE", None): 2.5,
    ("CONSULT", None): 2.5,
    ("CONSULT", "visit"): 4.0,
    ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("SUPPORT", None): 5.0,
    ("COOPERATE", None): 9.5,
    ("REQUEST", None): 0.0,
    ("REQUEST", "assist"): 0.5,
    ("REJECT", None): -2.0,
    ("REJECT", "assist"): -1.5,
    ("REJECT", "meet"): -2.0,
}


def event_number(coded_event_id: str) -> str:
    """GDELT's GLOBALEVENTID for a coded event: the number its ID carries (ce-008 → 8)."""
    prefix, _, digits = coded_event_id.partition("-")
    if prefix != "ce" or not digits.isascii() or not digits.isdigit():
        raise PackageError(f"coded event {coded_event_id[:40]!r} has no number for GDELT's GLOBALEVENTID (ce-<digits>)")
    return str(int(digits))


class Context:
    """The tables the exports read, loaded once."""

    def __init__(self, root=None):
        reader = PackageReader(root or data_root())  # one reader for every table
        self.events = reader.records("coded_events")
        self.actors = {a["actor_id"]: a for a in reader.records("actors")}
        self.countries = {c["iso3"]: c for c in reader.records("countries")}
        self.participants = reader.records("participants")
        self.sources = {s["source_id"]: s for s in reader.records("sources")}
        places = {p["place_id"]: p for p in reader.records("places")}
        self.places = {
            loc["coded_event_id"]: places[loc["place_id"]]
            for loc in reader.records("locations")
            if loc["coded_event_id"] and loc["place_id"] in places
        }
        self.version = reader.version
        self._by_id = {r["coded_event_id"]: r for r in self.events}

    def reciprocal(self, r) -> bool:
        """Whether the event is one direction of a reciprocal pair: paired with the same code, the
        actors reversed (talks, a signing, a commitment of "both sides"), not a visit and its hosting."""
        pair = self._by_id.get(r["paired_with"] or "")
        return bool(pair) and pair["cameo_code"] == r["cameo_code"] and pair["actor_id"] == r["target_id"]

    def title(self, actor_id, event_id):
        titled = (p["title"] for p in self.participants if p["actor_id"] == actor_id and p["event_id"] == event_id)
        return next((title for title in titled if title), "")


def _roles(code: str) -> list[str]:
    """CAMEO role codes after the country code, three letters each."""
    return [code[i : i + 3] for i in range(3, len(code), 3)]


def _role(side: str, n: int):
    return lambda r, c: (_roles(r[f"{side}_cameo_code"]) + ["", "", ""])[n - 1]


def _fraction(day: dt.date) -> str:
    return f"{day.year + day.timetuple().tm_yday / 365:.4f}"


def _place_type(r, c):
    if not r["location"]:
        return ""
    return "1" if r["location"] == c.countries[r["location_country"]]["name"] else "4"


def _full_place(r, c):
    if not r["location"]:
        return ""
    country = c.countries[r["location_country"]]["name"]
    return country if r["location"] == country else f"{r['location']}, {country}"


def _empty(r, c):
    return ""


def _place_field(field: str):
    """A field of the GeoNames record of the coded event's location; empty when it has none."""

    def fill(r, c):
        place = c.places.get(r["coded_event_id"])
        value = place.get(field) if place else None
        return "" if value is None or value == "" else str(value)

    return fill


def _place_columns(latitude: str, longitude: str, feature: str) -> list[tuple]:
    """The coordinates and GeoNames ID of the coded event's location, in both layouts."""
    return [
        (
            latitude,
            "latitude of the location's place (GeoNames, outside knowledge listed in external_values); empty without a location",
            _place_field("latitude"),
        ),
        (
            longitude,
            "longitude of the location's place (GeoNames); empty without a location",
            _place_field("longitude"),
        ),
        (feature, "geonames_id of the location's place; empty without a location", _place_field("geonames_id")),
    ]


def _actor_columns(n: int, side: str) -> list[tuple]:
    """GDELT's ten Actor{n} columns, filled from the coded event's actor or target."""
    return [
        (f"Actor{n}Code", f"{side}_cameo_code", lambda r, c: r[f"{side}_cameo_code"]),
        (f"Actor{n}Name", f"the {side}'s label, upper case", lambda r, c: c.actors[r[f"{side}_id"]]["label"].upper()),
        (f"Actor{n}CountryCode", f"{side}_country (CAMEO = ISO alpha-3)", lambda r, c: r[f"{side}_country"]),
        *[
            (f"Actor{n}{part}", "empty", _empty)
            for part in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")
        ],
        *[(f"Actor{n}Type{k}Code", f"role code {k} in {side}_cameo_code", _role(side, k)) for k in (1, 2, 3)],
    ]


GDELT = [
    (
        "GLOBALEVENTID",
        "the number of coded_event_id (ce-008 → 8): an integer as GDELT has, stable as the record ID is",
        lambda r, c: event_number(r["coded_event_id"]),
    ),
    ("SQLDATE", "date as YYYYMMDD", lambda r, c: r["date"].strftime("%Y%m%d")),
    ("MonthYear", "date as YYYYMM", lambda r, c: r["date"].strftime("%Y%m")),
    ("Year", "year of date", lambda r, c: str(r["date"].year)),
    ("FractionDate", "year + day of year / 365, four decimals", lambda r, c: _fraction(r["date"])),
    *_actor_columns(1, "actor"),
    *_actor_columns(2, "target"),
    ("IsRootEvent", "empty (no article structure)", _empty),
    ("EventCode", "cameo_code, with leading zeros", lambda r, c: r["cameo_code"]),
    ("EventBaseCode", "base_code", lambda r, c: r["base_code"]),
    ("EventRootCode", "root_code", lambda r, c: r["root_code"]),
    ("QuadClass", "quad_class", lambda r, c: str(r["quad_class"])),
    ("GoldsteinScale", "goldstein", lambda r, c: repr(r["goldstein"])),
    ("NumMentions", "1 (one held source)", lambda r, c: "1"),
    ("NumSources", "1", lambda r, c: "1"),
    ("NumArticles", "1", lambda r, c: "1"),
    ("AvgTone", "empty (no tone is measured)", _empty),
    *[
        (f"Actor{n}Geo_{part}", "empty (actors are not geocoded)", _empty)
        for n in (1, 2)
        for part in ("Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ],
    ("ActionGeo_Type", "1 when the location is a country, 4 for a city; empty when unknown", _place_type),
    ("ActionGeo_Fullname", "location, with the country name", _full_place),
    (
        "ActionGeo_CountryCode",
        "FIPS 10-4 code of location_country (CH is China)",
        lambda r, c: c.countries[r["location_country"]]["fips"] if r["location_country"] else "",
    ),
    ("ActionGeo_ADM1Code", "empty", _empty),
    ("ActionGeo_ADM2Code", "empty", _empty),
    *_place_columns("ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID"),
    ("DATEADDED", "empty (not a news-feed record)", _empty),
    ("SOURCEURL", "URL of the held source", lambda r, c: c.sources[r["source_id"]]["url"] or ""),
]
# After the standard columns, in both layouts: the package's own record ID and on whose authority
# the event is stated (a reader of the fixed layout alone would take a reported event for a fact).
EXTRA = [
    (
        "ICSM_CodedEventID",
        "coded_event_id: the package's record ID (cite it; GLOBALEVENTID is its number)",
        lambda r, c: r["coded_event_id"],
    ),
    (
        "ICSM_Attribution",
        "attribution: the attribution of the claim the event is drawn from, own-words (the speaker's own statement), "
        "readout (according to the readout) or reports (only unnamed reports say so: reported, not established)",
        lambda r, c: r["attribution"] or "",
    ),
]
GDELT_STANDARD = len(GDELT)
GDELT += EXTRA


def _join(values):
    return "; ".join(v for v in values if v)


def _actors(r, c):
    """PLOVER puts every participant of a reciprocal event in the actor field, and the visitor alone for a visit."""
    ids = [r["actor_id"], r["target_id"]] if c.reciprocal(r) else [r["actor_id"]]
    return [
        (
            i,
            r["actor_cameo_code"] if i == r["actor_id"] else r["target_cameo_code"],
            r["actor_country"] if i == r["actor_id"] else r["target_country"],
        )
        for i in ids
    ]


def _recipient(r, c):
    return [] if c.reciprocal(r) else [(r["target_id"], r["target_cameo_code"], r["target_country"])]


def _side(getter, what):
    def value(r, c):
        out = []
        for actor_id, code, country in getter(r, c):
            roles = _roles(code)
            out.append(
                {
                    "name": c.actors[actor_id]["label"],
                    "country": c.countries[country]["name"],
                    "cow": str(c.countries[country]["cow"]),
                    "primary": roles[0] if roles else "",
                    "sectors": "; ".join(roles),
                    "title": c.title(actor_id, r["event_id"]),
                    "raw": c.actors[actor_id]["name"] or "",
                    "wikidata": c.actors[actor_id]["wikidata"] or "",
                }[what]
            )
        return _join(out) if what not in ("sectors",) else " | ".join(v for v in out if v)

    return value


POLECAT = [
    ("Event ID", "coded_event_id", lambda r, c: r["coded_event_id"]),
    ("Event Date", "date, YYYY-MM-DD", lambda r, c: r["date"].isoformat()),
    ("Event Type", "plover_event_type", lambda r, c: r["plover_event_type"]),
    ("Event Mode", "plover_mode", lambda r, c: r["plover_mode"] or ""),
    (
        "Intensity",
        "PLOVER manual score of the type and mode",
        lambda r, c: repr(
            PLOVER_SCORES.get(
                (r["plover_event_type"], r["plover_mode"]), PLOVER_SCORES.get((r["plover_event_type"], None), "")
            )
        ),
    ),
    ("Quad Code", "quad_class as its label", lambda r, c: QUAD_LABELS[r["quad_class"]]),
    ("Contexts", "plover_context", lambda r, c: r["plover_context"] or ""),
    ("Actor Name", "actor labels (both sides for a reciprocal event), '; '-separated", _side(_actors, "name")),
    ("Actor Country", "ISO short name of the actors' countries", _side(_actors, "country")),
    ("Actor COW", "Correlates of War code of the actors' countries", _side(_actors, "cow")),
    ("Primary Actor Sector", "first CAMEO role code (GOV, COP, …)", _side(_actors, "primary")),
    ("Actor Sectors", "all CAMEO role codes ('; ' within an actor, ' | ' between actors)", _side(_actors, "sectors")),
    ("Actor Title", "the title the source gives the actor at the event", _side(_actors, "title")),
    ("Actor Name Raw", "the name as written in the source", _side(_actors, "raw")),
    ("Wikipedia Actor ID", "Wikidata ID where verified", _side(_actors, "wikidata")),
    ("Recipient Name", "target label (empty for a reciprocal event)", _side(_recipient, "name")),
    ("Recipient Country", "ISO short name", _side(_recipient, "country")),
    ("Recipient COW", "Correlates of War code", _side(_recipient, "cow")),
    ("Primary Recipient Sector", "first CAMEO role code", _side(_recipient, "primary")),
    ("Recipient Sectors", "all CAMEO role codes", _side(_recipient, "sectors")),
    ("Recipient Title", "title the source gives the target", _side(_recipient, "title")),
    ("Recipient Name Raw", "name as written", _side(_recipient, "raw")),
    ("Wikipedia Recipient ID", "Wikidata ID where verified", _side(_recipient, "wikidata")),
    ("Placename", "location as written", lambda r, c: r["location"] or ""),
    ("City", "location when it is a city", lambda r, c: r["location"] if _place_type(r, c) == "4" else ""),
    ("District", "empty", _empty),
    ("Province", "empty", _empty),
    (
        "Country",
        "ISO short name of location_country",
        lambda r, c: c.countries[r["location_country"]]["name"] if r["location_country"] else "",
    ),
    *_place_columns("Latitude", "Longitude", "GeoNames ID"),
    ("Raw Placename", "location as written", lambda r, c: r["location"] or ""),
    ("Feature Type", "empty", _empty),
    ("Source", "publisher of the held source", lambda r, c: c.sources[r["source_id"]]["publisher"] or ""),
    (
        "Publication Date",
        "date of the held source",
        lambda r, c: c.sources[r["source_id"]]["dated"].isoformat() if c.sources[r["source_id"]]["dated"] else "",
    ),
    ("Story People", "empty", _empty),
    ("Story Organizations", "empty", _empty),
    ("Story Locations", "empty", _empty),
    ("Language", "language of the held source", lambda r, c: c.sources[r["source_id"]]["language"] or ""),
    ("Version", "version of this data package", lambda r, c: c.version),
]
POLECAT_STANDARD = len(POLECAT)
POLECAT += EXTRA


def polecat_rows(c: Context) -> list[dict]:
    """One PLOVER record per event: no 043 (the 042 is the visit), one of each reciprocal pair, none without a PLOVER equivalent."""
    seen, out = set(), []
    for r in c.events:
        if r["plover_event_type"] == "no-equivalent" or r["cameo_code"] == "043":
            continue
        if c.reciprocal(r) and r["paired_with"] in seen:
            continue
        seen.add(r["coded_event_id"])
        out.append(r)
    return out


def _tsv(layout, rows, c) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([name for name, _, _ in layout])
    for r in rows:
        writer.writerow([fill(r, c) for _, _, fill in layout])
    return buffer.getvalue().encode("utf-8")


def event_exports(root=None, stem: str = "") -> dict[str, bytes]:
    """{file name: bytes} of both layouts."""
    c = Context(root)
    return {
        f"{stem}-events-gdelt.tsv": _tsv(GDELT, c.events, c),
        f"{stem}-events-polecat.tsv": _tsv(POLECAT, polecat_rows(c), c),
    }


def _columns_table(layout) -> list[str]:
    """A layout as a Markdown table: each column's position, name and how it is filled."""
    return ["| # | column | filled from |", "|---|---|---|"] + [
        f"| {i} | `{name}` | {how} |" for i, (name, how, _) in enumerate(layout)
    ]


def mapping_markdown() -> str:
    out = [
        "# Event exports: GDELT-like and POLECAT-like layouts",
        "",
        "Generated from `src/india_china_security_meetings/exports.py` by `make build`; do not edit by hand.",
        "",
        "`python scripts/export_events.py` (also part of `make dist`) writes both files into `dist/` as tab-separated text",
        "with a header row, UTF-8, LF. Empty cells are unknown or not applicable.",
        "",
        "## GDELT 2.0 event layout (`…-events-gdelt.tsv`)",
        "",
        f"All {GDELT_STANDARD} columns, in GDELT's order, one row per coded event (both sides of each pair, as GDELT counts",
        f"them), then {len(EXTRA)} of the package's own: the record ID and the attribution, so that a reported event (only",
        "unnamed reports say so) is never read as established. A tool that reads GDELT's layout by position reads the first",
        f"{GDELT_STANDARD} columns unchanged.",
        "",
        *_columns_table(GDELT),
        "",
        "## POLECAT layout (`…-events-polecat.tsv`)",
        "",
        f"The {POLECAT_STANDARD} columns of POLECAT's tab-separated releases, then the same {len(EXTRA)} of the package's own.",
        "PLOVER codes a visit once (visitor as actor, host as recipient),",
        "puts every participant of a reciprocal event in the actor field, and has no equivalent of CAMEO's comments and",
        "appeals (roots 01 and 02): so the 043, the second row of each reciprocal pair and the 01x and 02x events are left out.",
        "",
        *_columns_table(POLECAT),
    ]
    return "\n".join(out) + "\n"
