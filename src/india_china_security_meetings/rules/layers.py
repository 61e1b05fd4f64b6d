"""The annotation layers over the text: mentions, claims, places and locations, date evidence, and
the register of values that come from outside the held text."""

from __future__ import annotations

import bisect

from .. import codes, edtf
from . import rule

NAME_KINDS = ("name", "abbreviation")
REFERENCE_OF_ENTITY = {
    "actor": "actor_id",
    "place": "place_id",
    "event": "event_id",
    "agreement": "agreement_id",
    "source": "source_ref_id",
    "date": "date_edtf",
}
REFERENCE_OF_RELATION = {
    "subject": "actor_id",
    "topic": "topic_id",
    "responds-to": "target_claim_id",
    "coded-as": "coded_event_id",
}
# Attributions under which the claimant passes on someone else's account (stance `passes-on`,
# and the document the lead-in names in attributed_source_id).
PASSED_ON = ("readout", "reports")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _span(cells):
    return cells.get("source_id", ""), _int(cells.get("start")), _int(cells.get("end"))


def _by_id(ctx, table: str, key: str, fields: tuple[str, ...] | None = None) -> dict[str, tuple[int, dict]]:
    """(line, cells) of each row by its key; with `fields`, each row keeps only those cells (a
    large table's texts and notes are not held for a rule that never reads them)."""
    return {cells.get(key): (line, cells) for line, cells in ctx.table_rows(table, fields and (key, *fields))}


_SPAN = ("source_id", "start", "end")


# --- mentions -----------------------------------------------------------------------------------


def _referent(cells) -> tuple:
    return tuple(cells.get(field, "") for field in REFERENCE_OF_ENTITY.values())


@rule(codes.MENTIONS_UNLINKED_NAME)
def check_name_coverage(ctx):
    """Every occurrence in a held text of a name form (a name or abbreviation mention, or an actor's name) is a mention."""
    if ctx.resource_named("mentions") is None:
        return
    path = ctx.path_of("mentions")
    spans: dict[str, dict[tuple[int, int], frozenset]] = {}
    forms: dict[str, dict[str, set]] = {}  # source -> name form -> the referents it names
    shared: dict = {}  # one object per distinct referent and referent set: entities repeat
    for _, cells in ctx.table_rows("mentions"):  # streamed: only spans and name forms are kept
        source_id, start, end = _span(cells)
        if start is None or end is None:
            continue
        referent = _referent(cells)
        referent = shared.setdefault(referent, referent)
        known = spans.setdefault(source_id, {})
        referents = known.get((start, end), frozenset()) | {referent}
        known[(start, end)] = shared.setdefault(referents, referents)
        if cells.get("kind") in NAME_KINDS and cells.get("text"):
            forms.setdefault(source_id, {}).setdefault(cells["text"], set()).add(referent)
    for _, cells in ctx.table_rows("actors"):
        if cells.get("name") and cells.get("source_id"):
            referent = _referent({"actor_id": cells.get("actor_id")})
            forms.setdefault(cells["source_id"], {}).setdefault(cells["name"], set()).add(referent)
    for source_id, names in sorted(forms.items()):
        text = ctx.held_texts.get(source_id)
        if text is None:
            continue
        known = spans.get(source_id, {})
        by_start = sorted(known.items())
        starts = [s for (s, _), _ in by_start]
        longest = max((e - s for s, e in known), default=0)
        for name, referents in sorted(names.items()):
            for a, b in _occurrences(text, name):
                if (a, b) in known:
                    continue
                # Inside a longer mention of the same entity ("Rajnath Singh" in "Home Minister Rajnath Singh"):
                # only a span starting within `longest` before the end can hold it.
                nearby = by_start[bisect.bisect_left(starts, b - longest) : bisect.bisect_right(starts, a)]
                if any(b <= e and rs & referents for (_, e), rs in nearby):
                    continue
                yield codes.MENTIONS_UNLINKED_NAME.at(path, name=name, a=a, b=b, source_id=source_id)


def _occurrences(text: str, name: str):
    r"""[start, end) of each occurrence of `name` with no word character just before or after it,
    left to right and not overlapping: what `re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)")`
    finds, by plain substring search (a regex pass per name and text cost seconds on large packages)."""
    position = text.find(name)
    while position >= 0:
        end = position + len(name)
        if (position == 0 or not _is_word(text[position - 1])) and (end == len(text) or not _is_word(text[end])):
            yield position, end
            position = text.find(name, end)
        else:
            position = text.find(name, position + 1)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # `\w` of a str pattern


@rule(codes.MENTIONS_REFERENT)
def check_mention_referents(ctx):
    """A mention fills exactly the reference its entity kind names, lies in its segment, and a date mention's EDTF is valid."""
    if ctx.resource_named("mentions") is None:
        return
    path = ctx.path_of("mentions")
    segments = {cells.get("segment_id"): _span(cells) for _, cells in ctx.table_rows("segments")}
    for line, cells in ctx.table_rows("mentions"):
        kind = cells.get("entity_kind", "")
        wanted = REFERENCE_OF_ENTITY.get(kind)
        if wanted is None:
            continue  # table/category reports it
        filled = [f for f in REFERENCE_OF_ENTITY.values() if cells.get(f)]
        allowed = {wanted, "event_id"} if kind == "date" else {wanted}
        if wanted not in filled or set(filled) - allowed:
            yield codes.MENTIONS_REFERENT.at(
                path, line, wanted, variant="fills", kind=kind, wanted=wanted, filled=", ".join(filled) or "nothing"
            )
        if kind == "date" and cells.get("date_edtf"):
            try:
                edtf.bounds(cells["date_edtf"])
            except ValueError as error:
                yield codes.MENTIONS_REFERENT.at(path, line, "date_edtf", variant="edtf", message=str(error))
        segment = segments.get(cells.get("segment_id"))
        source_id, start, end = _span(cells)
        if segment and not _inside((source_id, start, end), segment):
            yield codes.MENTIONS_REFERENT.at(
                path,
                line,
                "segment_id",
                variant="outside",
                start=start,
                end=end,
                segment_id=cells.get("segment_id"),
                segment_start=segment[1],
                segment_end=segment[2],
            )


# --- claims ---------------------------------------------------------------------------------------


@rule(codes.CLAIMS_ATTRIBUTION, codes.CLAIMS_LINK, codes.CLAIMS_CODED_EVENT, codes.CLAIMS_CODED_EVENT_ATTRIBUTION)
def check_claims(ctx):
    """Claims name the paragraph's own speaker, attribute reports and readouts explicitly, and link answers to their question's claims and coded events to the claims they code."""
    if ctx.resource_named("claims") is None:
        return
    claims_path = ctx.path_of("claims")
    statements = _by_id(ctx, "statements", "statement_id", ("issuer_id", "speaker_id"))
    qa = _by_id(ctx, "qa", "qa_id", ("issuer_id", "speaker_id", "replies_to"))
    claims = _by_id(
        ctx,
        "claims",
        "claim_id",
        ("claim_id", "statement_id", "qa_id", "claimant_id", "attribution", "attributed_source_id", "stance", *_SPAN),
    )
    for claim_id, (line, cells) in claims.items():
        paragraph = statements.get(cells.get("statement_id")) or qa.get(cells.get("qa_id"))
        if paragraph:
            speaker = paragraph[1].get("issuer_id") or paragraph[1].get("speaker_id")
            if speaker and cells.get("claimant_id") != speaker:
                yield codes.CLAIMS_ATTRIBUTION.at(
                    claims_path,
                    line,
                    "claimant_id",
                    variant="claimant",
                    claim_id=claim_id,
                    claimant_id=cells.get("claimant_id"),
                    speaker=speaker,
                )
        attribution, document, stance = cells.get("attribution"), cells.get("attributed_source_id"), cells.get("stance")
        wrong = None
        if attribution in PASSED_ON and not document:
            wrong = (
                f"a claim attributed to {attribution!r} names the document its lead-in names in attributed_source_id"
            )
        elif attribution not in PASSED_ON and document:
            wrong = f"only a readout or reports claim names an attributed document (this one is {attribution!r})"
        elif attribution in PASSED_ON and stance != "passes-on":
            wrong = f"a claim attributed to {attribution!r} has stance 'passes-on', not {stance!r}"
        elif attribution == "own-words" and stance == "passes-on":
            wrong = "a claim in the claimant's own words cannot have stance 'passes-on'"
        if wrong:
            yield codes.CLAIMS_ATTRIBUTION.at(
                claims_path, line, "attribution", variant="mismatch", claim_id=claim_id, wrong=wrong
            )
    if ctx.resource_named("claim_links") is None:
        return
    links_path = ctx.path_of("claim_links")
    coded = _by_id(ctx, "coded_events", "coded_event_id", (*_SPAN, "claim_id", "attribution"))
    drawn_from: dict[str, list[str]] = {}
    for line, cells in ctx.table_rows("claim_links"):
        relation = cells.get("relation", "")
        wanted = REFERENCE_OF_RELATION.get(relation)
        if wanted is None:
            continue  # table/category reports it
        filled = [f for f in REFERENCE_OF_RELATION.values() if cells.get(f)]
        if filled != [wanted]:
            yield codes.CLAIMS_LINK.at(
                links_path,
                line,
                wanted,
                variant="fills",
                relation=relation,
                wanted=wanted,
                filled=", ".join(filled) or "nothing",
            )
            continue
        claim = claims.get(cells.get("claim_id"))
        if claim is None:
            continue  # the foreign key reports it
        if relation == "responds-to":
            yield from _check_response(
                claims_path, links_path, line, claim[1], claims.get(cells["target_claim_id"]), qa
            )
        elif relation == "coded-as":
            drawn_from.setdefault(cells["coded_event_id"], []).append(claim[1].get("claim_id"))
            event = coded.get(cells["coded_event_id"])
            if event and not _inside(_span(event[1]), _span(claim[1])):
                yield codes.CLAIMS_LINK.at(
                    links_path,
                    line,
                    "coded_event_id",
                    variant="evidence",
                    coded_event_id=cells["coded_event_id"],
                    claim_id=claim[1].get("claim_id"),
                )
    coded_path = ctx.path_of("coded_events")
    for coded_event_id, (line, event) in coded.items():
        sources = drawn_from.get(coded_event_id, [])
        if len(sources) != 1:
            yield codes.CLAIMS_CODED_EVENT.at(
                coded_path,
                line,
                "coded_event_id",
                coded_event_id=coded_event_id,
                n_sources=len(sources),
                sources=", ".join(sources) or "none",
            )
            continue
        yield from _check_coded_claim(coded_path, line, coded_event_id, event, claims.get(sources[0]))


def _check_coded_claim(coded_path, line, coded_event_id, event, claim):
    """The coded event's own claim_id and attribution repeat what its coded-as link and its claim say."""
    if claim is None:
        return  # the foreign key reports it
    claim_id = claim[1].get("claim_id")
    if event.get("claim_id") != claim_id:
        yield codes.CLAIMS_CODED_EVENT_ATTRIBUTION.at(
            coded_path,
            line,
            "claim_id",
            variant="claim",
            coded_event_id=coded_event_id,
            claim_id=event.get("claim_id"),
            source_claim_id=claim_id,
        )
    elif event.get("attribution") != claim[1].get("attribution"):
        yield codes.CLAIMS_CODED_EVENT_ATTRIBUTION.at(
            coded_path,
            line,
            "attribution",
            variant="attribution",
            coded_event_id=coded_event_id,
            attribution=event.get("attribution"),
            claim_id=claim_id,
            claim_attribution=claim[1].get("attribution"),
        )


def _inside(inner, outer) -> bool:
    if None in inner or None in outer:
        return True  # span rules report missing offsets
    return inner[0] == outer[0] and outer[1] <= inner[1] <= inner[2] <= outer[2]


def _check_response(claims_path, links_path, line, claim, target, qa):
    if target is None:
        return  # the foreign key reports it
    answer = qa.get(claim.get("qa_id"))
    question_id = answer[1].get("replies_to") if answer else None
    if not question_id or target[1].get("qa_id") != question_id:
        yield codes.CLAIMS_LINK.at(
            links_path,
            line,
            "target_claim_id",
            variant="question",
            claim_id=claim.get("claim_id"),
            target_id=target[1].get("claim_id"),
            question_id=question_id or "(none)",
        )


# --- places and locations -------------------------------------------------------------------------


@rule(codes.PLACES_COORDINATES)
def check_coordinates(ctx):
    """A place's WGS84 latitude lies in [-90, 90] and longitude in [-180, 180], and they come as a pair."""
    if ctx.resource_named("places") is None:
        return
    path = ctx.path_of("places")
    for line, cells in ctx.table_rows("places"):
        lat, lon = cells.get("latitude", ""), cells.get("longitude", "")
        if bool(lat) != bool(lon):
            yield codes.PLACES_COORDINATES.at(path, line, "latitude", variant="pair")
            continue
        for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
            try:
                number = float(value) if value else 0.0
            except ValueError:
                continue  # frictionless reports the type
            if not -limit <= number <= limit:
                yield codes.PLACES_COORDINATES.at(
                    path, line, name, variant="range", name=name, value=value, limit=limit
                )


@rule(codes.PLACES_REFERENCE)
def check_locations(ctx):
    """Every event with a place and every coded event with a location has one location row, whose place has that name, country and Wikidata item; others have none."""
    if ctx.resource_named("locations") is None:
        return
    path = ctx.path_of("locations")
    places = _by_id(ctx, "places", "place_id")
    located: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for line, cells in ctx.table_rows("locations"):
        keys = [k for k in ("event_id", "coded_event_id") if cells.get(k)]
        if len(keys) != 1:
            yield codes.PLACES_REFERENCE.at(path, line, "event_id", variant="target")
            continue
        located.setdefault((keys[0], cells[keys[0]]), []).append((line, cells))
    # (table, key, field naming the place, (place field, own field) of the other values copied from it)
    checks = (
        ("events", "event_id", "place", (("country", "place_country"), ("wikidata", "place_wikidata"))),
        ("coded_events", "coded_event_id", "location", (("country", "location_country"),)),
    )
    for table, key, name_field, copied in checks:
        table_path = ctx.path_of(table)
        for line, cells in ctx.table_rows(table):
            rows = located.get((key, cells.get(key)), [])
            if not cells.get(name_field):
                if rows:
                    yield codes.PLACES_REFERENCE.at(
                        path, rows[0][0], key, variant="unnamed", record_id=cells.get(key), name_field=name_field
                    )
                continue
            if len(rows) != 1:
                yield codes.PLACES_REFERENCE.at(
                    table_path,
                    line,
                    name_field,
                    variant="count",
                    record_id=cells.get(key),
                    name_field=name_field,
                    place_name=cells[name_field],
                    n_rows=len(rows),
                )
                continue
            place = places.get(rows[0][1].get("place_id"))
            if place is None:
                continue  # the foreign key reports it
            for place_field, own_field in (("label", name_field), *copied):
                if place[1].get(place_field, "") != cells.get(own_field, ""):
                    yield codes.PLACES_REFERENCE.at(
                        table_path,
                        line,
                        own_field,
                        variant="place",
                        own_field=own_field,
                        own_value=cells.get(own_field),
                        place_id=place[1].get("place_id"),
                        place_field=place_field,
                        get=place[1].get(place_field),
                    )


# --- date evidence ---------------------------------------------------------------------------------


@rule(codes.CONSISTENCY_DATE_EVIDENCE)
def check_date_evidence(ctx):
    """Every event's earliest and latest day are each supported by at least one span of date evidence."""
    if ctx.resource_named("date_evidence") is None:
        return
    bounds: dict[str, set[str]] = {}
    for _, cells in ctx.table_rows("date_evidence"):
        bound = cells.get("bound", "")
        bounds.setdefault(cells.get("event_id"), set()).update(("earliest", "latest") if bound == "both" else (bound,))
    path = ctx.path_of("events")
    for line, cells in ctx.table_rows("events"):
        missing = {"earliest", "latest"} - bounds.get(cells.get("event_id"), set())
        for bound in sorted(missing):
            yield codes.CONSISTENCY_DATE_EVIDENCE.at(path, line, bound, event_id=cells.get("event_id"), bound=bound)


# --- values from outside the held text ------------------------------------------------------------


@rule(codes.EXTERNAL_UNLISTED, codes.EXTERNAL_MISMATCH)
def check_external_values(ctx):
    """Every value from outside the held text is listed in external_values with its basis, and every entry equals its cell."""
    if ctx.resource_named("external_values") is None:
        return
    path = ctx.path_of("external_values")
    listed: dict[tuple[str, str, str], tuple[int, dict]] = {}
    for line, cells in ctx.table_rows("external_values"):
        value = {"value": cells["value"]} if "value" in cells else {}  # the one cell read below
        listed[(cells.get("resource"), cells.get("record_id"), cells.get("field"))] = (line, value)
    # Only the cells the register names are kept: a table is streamed once, whatever its size.
    wanted: dict[str, set[str]] = {}
    for table, _, name in listed:
        wanted.setdefault(table, set()).add(name)
    tables: dict[str, dict[str, dict]] = {}
    for table, schema in sorted(ctx.table_schemas.items()):
        key = schema.get("primaryKey") or []
        if len(key) != 1 or ctx.resource_named(table) is None or table == "external_values":
            continue
        external = [f.get("name") for f in schema.get("fields", []) if f.get("x-origin") == "external"]
        keep = wanted.get(table, set())
        if not external and not keep:
            continue
        rows = tables.setdefault(table, {})
        for line, cells in ctx.table_rows(table):
            record_id = cells.get(key[0])
            if keep:
                rows[record_id] = {name: cells[name] for name in keep if name in cells}
            for name in external:
                if cells.get(name) and (table, record_id, name) not in listed:
                    yield codes.EXTERNAL_UNLISTED.at(
                        ctx.path_of(table), line, name, name=name, value=cells[name][:60], record_id=record_id
                    )
    for (table, record_id, name), (line, cells) in listed.items():
        record = tables.get(table, {}).get(record_id)
        if record is None or name not in record:
            yield codes.EXTERNAL_MISMATCH.at(
                path, line, "record_id", variant="missing", table=table, record_id=record_id, name=name
            )
        elif record[name] != cells.get("value"):
            yield codes.EXTERNAL_MISMATCH.at(
                path,
                line,
                "value",
                variant="differs",
                value=cells.get("value", "")[:60],
                table=table,
                record_id=record_id,
                name=name,
                held=record[name][:60],
            )
