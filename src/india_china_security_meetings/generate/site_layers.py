"""The statement and Q&A paragraphs with their layers, as HTML: every mention a link to its
entity's card, every claim marked with its stance and attribution (in words, not colour alone),
and the entity cards themselves. Everything written here is escaped; the spans come from the
package's offsets, which the validator checks against the held text."""

from __future__ import annotations

from html import escape

from ..reader import PackageReader

STANCE_WORDS = {
    "asserts": "asserts",
    "passes-on": "passes on",
    "reiterates-position": "reiterates a position",
    "declines-to-confirm": "declines to confirm",
    "not-aware": "not aware",
}
ATTRIBUTION_WORDS = {"own-words": "own words", "readout": "according to the readout", "reports": "according to reports"}
REFERENCES = ("actor_id", "place_id", "agreement_id", "source_ref_id", "event_id")


def table_records(reader: PackageReader, name: str) -> list[dict]:
    """The typed rows of a table; none when the package has no such table (an older version)."""
    return reader.records(name) if name in reader.table_names() else []


def _entity_key(mention: dict) -> tuple[str, str] | None:
    """(kind, id) of the entity a mention refers to: the card it links to."""
    for field in REFERENCES:
        if mention.get(field) and not (field == "event_id" and mention["entity_kind"] == "date"):
            return field.removesuffix("_id").removesuffix("_ref"), mention[field]
    if mention["entity_kind"] == "date" and mention.get("event_id"):
        return "event", mention["event_id"]
    return None


def _anchor(kind: str, key: str) -> str:
    # Events already have their place on the page: the timeline item.
    return key if kind == "event" else f"entity-{key}"


def _nest(spans: list[dict]) -> list[dict]:
    """Spans as a forest (children strictly inside their parent); a span that crosses another is
    left out rather than breaking the markup."""
    roots: list[dict] = []
    stack: list[dict] = []
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"], s["order"])):
        while stack and span["start"] >= stack[-1]["end"]:
            stack.pop()
        if stack and span["end"] > stack[-1]["end"]:
            continue  # crosses its would-be parent
        span["children"] = []
        (stack[-1]["children"] if stack else roots).append(span)
        stack.append(span)
    return roots


def _links_where_possible(spans: list[dict]) -> None:
    """A mention becomes a link to its card unless another mention lies inside it (an `a` may
    not hold an `a`); the inner mentions are links, and the outer entity is reached from its card."""
    for span in spans:
        _links_where_possible(span["children"])
        if span.get("link_open") and not _has_mention(span["children"]):
            span["open"], span["close"] = span["link_open"], "</a>"


def _has_mention(spans: list[dict]) -> bool:
    return any(s.get("mention") or _has_mention(s["children"]) for s in spans)


def _render(text: str, base: int, start: int, end: int, spans: list[dict]) -> str:
    """The text between absolute offsets `start` and `end` (`text` begins at `base`), its spans marked up."""
    out, cursor = [], start
    for span in spans:
        out.append(escape(text[cursor - base : span["start"] - base]))
        inner = _render(text, base, span["start"], span["end"], span["children"])
        out.append(span["open"] + inner + span["close"])
        cursor = span["end"]
    out.append(escape(text[cursor - base : end - base]))
    return "".join(out)


def layered_paragraphs(reader: PackageReader) -> dict[str, dict]:
    """paragraph ID -> {"html": text with its layers, "claims": [...], "entities": [...], "stances": [...]}."""
    paragraphs = {r["statement_id"]: r for r in table_records(reader, "statements")} | {
        r["qa_id"]: r for r in table_records(reader, "qa")
    }
    if "mentions" not in reader.table_names():
        return {
            key: {"html": escape(p["text"]), "entities": [], "stances": [], "responds": []}
            for key, p in paragraphs.items()
        }
    labels = _labels(reader)
    claims = table_records(reader, "claims")
    links = table_records(reader, "claim_links")
    responds: dict[str, list[str]] = {}
    for link in links:
        if link["relation"] == "responds-to":
            responds.setdefault(link["claim_id"], []).append(link["target_claim_id"])
    by_paragraph: dict[str, list[dict]] = {key: [] for key in paragraphs}
    grouped: dict[tuple[int, int], list[dict]] = {}
    for mention in table_records(reader, "mentions"):
        grouped.setdefault((mention["start"], mention["end"]), []).append(mention)
    order = 0
    for (start, end), mentions in grouped.items():
        for key, paragraph in paragraphs.items():
            if paragraph["start"] <= start and end <= paragraph["end"]:
                targets = [k for k in (_entity_key(m) for m in mentions) if k]
                names = "; ".join(labels.get(k, k[1]) for k in targets)
                kind = mentions[0]["kind"]
                ids = " ".join(f"{k[0]}:{k[1]}" for k in targets)
                span = {
                    "start": start,
                    "end": end,
                    "order": order,
                    "mention": True,
                    "open": f'<span class="mention" data-entities="{escape(ids)}" title="{escape(kind)}: {escape(names)}">',
                    "close": "</span>",
                }
                if targets:
                    # A link, unless it holds other mentions (links cannot nest): see _unnest_links.
                    span["link_open"] = (
                        f'<a class="mention" href="#{escape(_anchor(*targets[0]))}" data-entities="{escape(ids)}" '
                        f'aria-label="{escape(mentions[0]["text"])} ({escape(kind)}: {escape(names)})">'
                    )
                by_paragraph[key].append(span)
                order += 1
    out = {}
    for key, paragraph in paragraphs.items():
        own_claims = [c for c in claims if key in (c["statement_id"], c["qa_id"])]
        spans = list(by_paragraph[key])
        for claim in own_claims:
            stance = STANCE_WORDS.get(claim["stance"], claim["stance"])
            attribution = ATTRIBUTION_WORDS.get(claim["attribution"], claim["attribution"])
            # The stance is shown after the claim by CSS (::after): read by screen readers,
            # legible without colour, and not copied with the quoted words.
            spans.append(
                {
                    "start": claim["start"],
                    "end": claim["end"],
                    "order": -1,  # a claim wraps the mentions at its edges
                    "open": f'<span class="claim stance-{escape(claim["stance"])}" id="claim-{escape(claim["claim_id"])}" '
                    f'data-label="{escape(stance)}; {escape(attribution)}">',
                    "close": "</span>",
                }
            )
        tree = _nest(spans)
        _links_where_possible(tree)
        html = _render(paragraph["text"], paragraph["start"], paragraph["start"], paragraph["end"], tree)
        entities = sorted(
            {
                labels.get(k, k[1])
                for m in records_in(grouped, paragraph)
                for k in [_entity_key(m)]
                if k and k[0] in ("actor", "place", "agreement")
            }
        )
        out[key] = {
            "html": html,
            "entities": entities,
            "stances": sorted({c["stance"] for c in own_claims}),
            "responds": [(c["claim_id"], t) for c in own_claims for t in responds.get(c["claim_id"], [])],
        }
    return out


def records_in(grouped: dict, paragraph: dict):
    for (start, end), mentions in grouped.items():
        if paragraph["start"] <= start and end <= paragraph["end"]:
            yield from mentions


def _labels(reader: PackageReader) -> dict[tuple[str, str], str]:
    labels = {("actor", a["actor_id"]): a["label"] for a in table_records(reader, "actors")}
    labels |= {("place", p["place_id"]): p["label"] for p in table_records(reader, "places")}
    labels |= {("event", e["event_id"]): e["label"] for e in table_records(reader, "events")}
    # An agreement by its name as the Indian statement gives it, not its ID.
    labels |= {
        ("agreement", a["agreement_id"]): a.get("name_india") or a.get("name_china") or a["agreement_id"]
        for a in table_records(reader, "agreements")
    }
    labels |= {("source", s["source_id"]): s["label"] for s in table_records(reader, "sources")}
    return labels


def _wikidata_link(record: dict) -> list[tuple[str, str]]:
    """The link to the record's Wikidata item, where it names one."""
    qid = record.get("wikidata")
    return [("Wikidata " + qid, "https://www.wikidata.org/wiki/" + qid)] if qid else []


def entity_cards(reader: PackageReader) -> list[dict]:
    """One card per actor, place, agreement and document that the text mentions, with every mention."""
    if "mentions" not in reader.table_names():
        return []
    labels = _labels(reader)
    actors = {a["actor_id"]: a for a in table_records(reader, "actors")}
    places = {p["place_id"]: p for p in table_records(reader, "places")}
    agreements = {a["agreement_id"]: a for a in table_records(reader, "agreements")}
    paragraphs = list(table_records(reader, "statements")) + list(table_records(reader, "qa"))
    cards: dict[tuple[str, str], dict] = {}
    for mention in table_records(reader, "mentions"):
        key = _entity_key(mention)
        if not key or key[0] == "event":
            continue
        card = cards.setdefault(
            key, {"kind": key[0], "id": key[1], "label": labels.get(key, key[1]), "mentions": [], "links": []}
        )
        where = next(
            (p.get("statement_id") or p.get("qa_id") for p in paragraphs if p["start"] <= mention["start"] < p["end"]),
            None,
        )
        card["mentions"].append({"text": mention["text"], "kind": mention["kind"], "paragraph": where})
    for (kind, key), card in cards.items():
        if kind == "actor":
            actor = actors.get(key, {})
            card["detail"] = ", ".join(
                x for x in (actor.get("kind", ""), actor.get("country") or "country not stated") if x
            )
            card["links"] += _wikidata_link(actor)
        elif kind == "place":
            place = places.get(key, {})
            card["detail"] = f"{place.get('kind', '')}, {place.get('country', '')}"
            if place.get("geonames_id"):
                card["links"].append(
                    ("GeoNames " + place["geonames_id"], "https://www.geonames.org/" + place["geonames_id"])
                )
            card["links"] += _wikidata_link(place)
        elif kind == "agreement":
            agreement = agreements.get(key, {})
            signed = agreement.get("signed")
            card["detail"] = ", ".join(
                x
                for x in (
                    "agreement",
                    f"signed {signed.day} {signed:%B %Y}" if hasattr(signed, "day") else "",
                    f"ID {key}",
                )
                if x
            )
        else:
            card["detail"] = kind
    return sorted(cards.values(), key=lambda c: (c["kind"], c["label"]))
