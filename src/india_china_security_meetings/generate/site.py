"""A static landing page generated from the package: read, cite and download, from disk, no server."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .. import codes
from ..changelog import changelog_text
from ..file_gate import Refused, read_bytes, read_text, safe_name
from ..fileio import write_atomic
from ..reader import PackageReader
from ..validate import require_valid
from . import citation
from .changes_feed import releases
from .site_figures import REPORTED_WORDS, event_graph, place_map
from .site_layers import STANCE_WORDS, entity_cards, layered_paragraphs, table_records

TEMPLATES = Path(__file__).resolve().parents[1] / "site_templates"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _precision(event: dict) -> str:
    value = event["date_edtf"]
    if value.startswith("["):
        return "one-day-of-range"  # EDTF one of a set: a single day, not known which
    if "/" in value:
        return "interval"
    return {10: "day", 7: "month", 4: "year"}.get(len(value.rstrip("?~%")), "uncertain")


PRECISION_WORDS = {
    "day": "day",
    "interval": "interval",
    "month": "month only",
    "year": "year only",
    "one-day-of-range": "one day, not known which",
    "uncertain": "uncertain",
}


def _human_date(event: dict) -> str:
    earliest, latest, precision = event["earliest"], event["latest"], _precision(event)
    if precision == "month":
        return earliest.strftime("%B %Y")
    if precision == "year":
        return str(earliest.year)
    if earliest == latest:
        return f"{earliest.day} {earliest:%B %Y}"
    prefix = "one day of " if precision == "one-day-of-range" else ""
    if earliest.month == latest.month and earliest.year == latest.year:
        return f"{prefix}{earliest.day}–{latest.day} {latest:%B %Y}"
    return f"{prefix}{earliest.day} {earliest:%B %Y} – {latest.day} {latest:%B %Y}"


def timeline(events: list[dict], gap_days: int = 30) -> list[dict]:
    """The events in lanes, each lane on its own scale: events more than `gap_days` apart go
    to separate lanes (April 2018 and the October week are not squeezed onto one axis). A lane
    of two weeks or less is drawn in days, with a tick per day (a month-only date gets no day
    ticks, which would suggest a precision it does not have)."""
    ordered = sorted(events, key=lambda e: (e["earliest"], e["latest"]))
    lanes: list[list[dict]] = []
    for e in ordered:
        if lanes and (e["earliest"] - max(x["latest"] for x in lanes[-1])).days <= gap_days:
            lanes[-1].append(e)
        else:
            lanes.append([e])
    out = []
    for lane in lanes:
        low, high = min(e["earliest"] for e in lane), max(e["latest"] for e in lane)
        total = (high - low).days + 1
        ticks = []
        if total <= 14:
            for day in range(total):
                date = low + dt.timedelta(days=day)
                ticks.append(
                    {"left": f"{day / total * 100:.2f}", "width": f"{100 / total:.2f}", "label": f"{date.day}"}
                )
        items = []
        for e in lane:
            start = (e["earliest"] - low).days / total * 100
            width = ((e["latest"] - e["earliest"]).days + 1) / total * 100
            precision = _precision(e)
            items.append(
                {
                    **e,
                    "precision": precision,
                    "precision_words": PRECISION_WORDS[precision],
                    "when": _human_date(e),
                    "left": f"{start:.2f}",
                    "width": f"{max(width, 0.6):.2f}",
                }
            )
        if low.month == high.month and low.year == high.year:
            label = f"{low:%B %Y}" + (f", {low.day}–{high.day}" if 1 < total <= 14 else "")
        else:
            label = f"{low.day} {low:%B %Y} – {high.day} {high:%B %Y}"
        out.append({"label": label, "ticks": ticks, "events": items})
    return out


def downloads(dist: Path) -> list[dict]:
    """The release artifacts with their sizes and SHA-256 (empty when dist/ has not been built).

    Each name must be a plain file name of dist/: the names are copied next to the page."""
    try:
        sums = read_text(dist, "SHA256SUMS")
    except Refused:
        return []
    out = []
    for line in sums.splitlines():
        digest, _, name = line.partition("  ")
        if not (re.fullmatch(r"[0-9a-f]{64}", digest) and safe_name(name)):
            raise Refused.of(codes.DIST_UNSAFE_ENTRY, line=line[:80])
        data = read_bytes(dist, name, limit=1 << 30)
        out.append({"name": name, "sha256": digest, "bytes": len(data), "data": data})
    return out


KEY_FILES = (
    (
        ".zip",
        "The whole package (ZIP)",
        "every table as CSV and JSON with its schema, the held source text, the codebook and the citation files",
    ),
    (
        ".sqlite",
        "SQLite database",
        "every table with its types and keys, the held source text and a view of the paragraphs, for SQL",
    ),
)


def key_files(downloads_: list[dict]) -> list[dict]:
    """The two files most readers want, first: the whole package as a ZIP and as SQLite."""
    out = []
    for suffix, title, holds in KEY_FILES:
        for item in downloads_:
            if item["name"].endswith(suffix):
                out.append({**item, "title": title, "holds": holds})
    return out


def text_layers(reader: PackageReader, context: dict) -> dict:
    """The paragraphs with their mentions and claims, the entity cards, and the filter choices."""
    from markupsafe import Markup

    layers = layered_paragraphs(reader)
    for layer in layers.values():
        layer["html"] = Markup(layer["html"])  # escaped piece by piece in site_layers
    speakers = sorted({context["actors"][s["issuer_id"]]["label"] for s in context["statements"]})
    speakers += sorted({context["actors"][r["speaker_id"]]["label"] for r in context["qa"]} - set(speakers))
    topics = sorted({t for labels in context["topics_of"].values() for t in labels})
    entities = sorted({e for layer in layers.values() for e in layer["entities"]})
    stances = [(k, v) for k, v in STANCE_WORDS.items() if any(k in layer["stances"] for layer in layers.values())]
    return {
        "layers": layers,
        "cards": entity_cards(reader),
        "filters": {"speakers": speakers, "topics": topics, "entities": entities, "stances": stances},
    }


def coded_attribution(coded: list[dict]) -> dict[str, str]:
    """coded event ID -> on whose authority it rests: `own-words`, `readout` or `reports`, from the
    coded event's own `attribution` column (the validator holds it equal to its claim's)."""
    return {c["coded_event_id"]: c.get("attribution") or "" for c in coded}


def figures(reader: PackageReader, actors: dict) -> dict:
    """The map of places and the coded events (table and graph), with what they need."""
    from markupsafe import Markup

    places = table_records(reader, "places")
    labels = {e["event_id"]: e["label"] for e in table_records(reader, "events")}
    events_at: dict[str, list[str]] = {}
    precision_of: dict[str, set[str]] = {}
    for location in table_records(reader, "locations"):
        if location["event_id"]:
            events_at.setdefault(location["place_id"], []).append(labels.get(location["event_id"], ""))
            precision_of.setdefault(location["place_id"], set()).add(location["precision"])
    coded = table_records(reader, "coded_events")
    codes = {c["cameo_code"]: c["label"] for c in table_records(reader, "cameo_codes")}
    attribution = coded_attribution(coded)
    rows = [
        {
            **c,
            "actor": actors.get(c["actor_id"], {}).get("label", c["actor_id"]),
            "target": actors.get(c["target_id"], {}).get("label", c["target_id"]),
            "code_label": codes.get(c["cameo_code"], ""),
            "paragraph": c["statement_id"] or c["qa_id"],
            # The claim its evidence lies in (its words marked in the text), the row's own claim_id.
            "claim": c.get("claim_id") or None,
            # Reported: the speaker does not vouch for it; the page says whose account it is.
            "reported": REPORTED_WORDS.get(attribution.get(c["coded_event_id"], ""), ""),
        }
        for c in coded
    ]
    return {
        "places": [
            {
                **p,
                "events": events_at.get(p["place_id"], []),
                "precision": ", ".join(sorted(precision_of.get(p["place_id"], ()))),
            }
            for p in places
        ],
        # Built from escaped parts only (site_figures escapes every name it writes).
        "map_svg": Markup(place_map(places, events_at)) if places else "",
        "graph_svg": Markup(event_graph(rows, actors, attribution)),
        "coded": rows,
    }


def corrections(root: Path, downloads_: list[dict]) -> list[dict]:
    """Each release's corrections for the page: its CHANGELOG "Fixed" list, and for the current
    release the records the changes feed names as changed, field by field."""

    feed = next(
        (json.loads(d["data"]) for d in downloads_ if d["name"].endswith("-changes.json")),
        None,
    )
    out = []
    for version, date, notes in releases(changelog_text(root)):
        fixed = notes.split("### Fixed", 1)[1].split("\n### ", 1)[0] if "### Fixed" in notes else ""
        changed = feed.get("changed", []) if feed and feed.get("version") == version else []
        records = [
            {
                "resource": change["resource"],
                "record_id": change["record_id"],
                "fields": ", ".join(sorted(change.get("fields", {}))),
            }
            for change in changed
        ]
        out.append({"version": version, "date": date, "fixed_html": markdown_html(fixed.strip()), "records": records})
    return out


def markdown_html(text: str) -> str:
    """Markdown from the package as HTML that can carry no markup of its own.

    Raw HTML in the text is escaped rather than passed through, and markdown-it refuses link
    targets with a script scheme (javascript:, vbscript:, file:, data: other than images):
    descriptions come from files any change can edit, so nothing in them may become code.
    Images are off: an image would be fetched from wherever it points when the page opens, so
    `![x](https://…)` stays a link that a reader may follow. Tables are on (the codebook's)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image").render(text)


def script_json(value) -> str:
    """JSON for a <script> element: `<`, `>` and `&` as \\u escapes, so no value can close the
    element or open a comment (`</script>`, `<!--`) however it is spelled."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def codebook_html(root: Path) -> str:
    """docs/codebook.md as HTML, each resource section with an id to link to."""
    text = read_text(root, "docs/codebook.md")
    html = markdown_html(re.sub(r"\A# .*\n", "", text))  # the page has its own h1
    html = re.sub(r"<h2>(.*?)</h2>", lambda m: f'<h2 id="{_slug(m.group(1))}">{m.group(1)}</h2>', html)
    # Each table scrolls sideways in its own box, which a keyboard can reach and a screen reader
    # names after the section it belongs to.
    section = "Codebook"
    # An example in words may wrap between them; codes, patterns and identifiers stay whole (CSS).
    html = re.sub(r"<code>([^<]*\s[^<]*)</code>", r'<code class="words">\1</code>', html)
    parts = []
    for piece in re.split(r"(<h2 id=\"[^\"]*\">.*?</h2>|<table>|</table>)", html):
        heading = re.fullmatch(r"<h2 id=\"[^\"]*\">(.*?)</h2>", piece)
        if heading:
            section = re.sub(r"<[^>]+>", "", heading.group(1))
        if piece == "<table>":
            piece = f'<div class="table-wrap bleed" tabindex="0" role="region" aria-label="{section}: table"><table>'
        elif piece == "</table>":
            piece = "</table></div>"
        parts.append(piece)
    return "".join(parts)


SITE_OWN = ("index.html", "codebook.html", "croissant.json")


def linked_files(reader: PackageReader, jsonld: dict) -> list[str]:
    """The package files that the page's JSON-LD and croissant.json name as `contentUrl`: the site
    carries them, so that a published page links to nothing it does not publish. Addresses
    elsewhere (with a scheme) are left alone; each path passes the file gate when it is read."""
    croissant = json.loads(reader.bytes("croissant.json"))
    urls = [d.get("contentUrl") for d in jsonld.get("distribution", []) if isinstance(d, dict)]
    urls += [d.get("contentUrl") for d in croissant.get("distribution", []) if isinstance(d, dict)]
    out: list[str] = []
    for url in urls:
        if not isinstance(url, str) or not url or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) or url in out:
            continue
        if url in SITE_OWN or url.startswith("dist/"):
            raise Refused.of(codes.SITE_CLASH, url=url[:80])
        out.append(url)
    return out


def build_site(root: Path, out: Path, dist: Path | None = None) -> list[str]:
    """Write site/index.html and site/codebook.html; return what was written."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    root, out = Path(root), Path(out)
    dist = Path(dist) if dist else root / "dist"
    require_valid(root)
    reader = PackageReader(root)
    descriptor = reader.descriptor
    released = citation.release_date(root)
    topics = {t["topic_id"]: t["label"] for t in table_records(reader, "topics")}
    topics_of: dict[str, list[str]] = {}
    for link in table_records(reader, "topic_links"):
        target = link["statement_id"] or link["qa_id"]
        label = topics[link["topic_id"]]
        if label not in topics_of.setdefault(target, []):
            topics_of[target].append(label)
    actors = {a["actor_id"]: a for a in table_records(reader, "actors")}
    tables = []
    for entry in reader.table_entries():
        tables.append(
            {
                "name": entry["name"],
                "title": str(entry.get("title", "")),
                "rows": len(reader.rows(entry["name"])),
                "anchor": _slug(entry["name"]),
                "summary": str(entry.get("description", "")).split(". ")[0].rstrip(".") + ".",
            }
        )
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), keep_trailing_newline=True
    )
    jsonld = citation.jsonld(reader, released)
    env.filters["kb"] = lambda n: "" if n is None else f"{n / 1024:.1f} KB"
    context = {
        "package": descriptor,
        "summary": citation.summary(descriptor),
        "description_html": markdown_html(str(descriptor.get("description", ""))),
        "released": released,
        "citation": citation.recommended_citation(descriptor, released),
        "bibtex": citation.bibtex(descriptor, released),
        "jsonld": script_json(jsonld),
        "downloads": downloads(dist),
        "tables": tables,
        "lanes": timeline(table_records(reader, "events")),
        "statements": table_records(reader, "statements"),
        "qa": table_records(reader, "qa"),
        "actors": actors,
        "topics_of": topics_of,
        "sources": {s["source_id"]: s for s in table_records(reader, "sources")},
    }
    context["key_files"] = key_files(context["downloads"])
    titles = {item["name"]: item["title"] for item in context["key_files"]}
    stem = f"{descriptor.get('name', '')}-{descriptor.get('version', '')}"
    for item in context["downloads"]:  # what tells the files apart, on a screen too narrow for their names
        item["part"] = titles.get(item["name"]) or item["name"].removeprefix(stem).lstrip("-.") or item["name"]
    context["corrections"] = corrections(root, context["downloads"])
    context.update(figures(reader, actors))
    context.update(text_layers(reader, context))
    # Records with an anchor on this page (the paragraphs); others are named without a link.
    context["anchors"] = {t["name"]: t["anchor"] for t in tables}
    context["anchored"] = {s["statement_id"] for s in context["statements"]} | {r["qa_id"] for r in context["qa"]}
    written = []

    def write(rel: str, data: bytes) -> None:
        """Write `rel` into the site; list it when its bytes changed."""
        if write_atomic(out / rel, data, out):
            written.append(rel)

    for item in context["downloads"]:  # the files travel with the page, so its links work anywhere
        write(f"dist/{item['name']}", item["data"])
    if context["downloads"]:
        write_atomic(out / "dist" / "SHA256SUMS", read_bytes(dist, "SHA256SUMS"), out)
    # The Croissant metadata travels with the page too, and so does every file it and the page's
    # JSON-LD point at (data/…, at the same relative path): the site is whole wherever it is served.
    for rel in [*linked_files(reader, jsonld), "croissant.json"]:
        write(rel, reader.bytes(rel))
    for name, html in (
        ("index.html", env.get_template("index.html").render(**context)),
        ("codebook.html", env.get_template("codebook.html").render(codebook=codebook_html(root), **context)),
    ):
        write(name, html.encode("utf-8"))
    return written
