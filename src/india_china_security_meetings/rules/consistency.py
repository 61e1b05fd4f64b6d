"""Consistency between tables: dates, event nesting, participants, speakers and agreements."""

from __future__ import annotations

import datetime as dt

from .. import codes, contract, edtf
from . import rule

# Which roles fit which event types, and which actor kinds fit which roles.
ROLES_BY_EVENT_TYPE = {
    "official-visit": {"visitor", "host", "participant"},
    "bilateral-meeting": {"co-chair", "side", "participant"},
    "agreement-signing": {"signatory", "party", "participant"},
    "travel": {"traveller", "participant"},
    "press-conference": {"spokesperson", "questioner", "participant"},
    "informal-summit": {"participant", "side"},
}
PERSONS = {"person", "unidentified-person"}
KINDS_BY_ROLE = {
    "co-chair": PERSONS,
    "visitor": PERSONS,
    "traveller": PERSONS,
    "signatory": PERSONS,
    "spokesperson": PERSONS,
    "questioner": PERSONS,
    "host": {"state", "government-body"},
    "side": {"state", "government-body"},
    "party": {"state", "government-body", "international-organisation"},
}
ISSUER_KINDS = {"government-body", "state", "person"}


def _date(value: str):
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _events(ctx):
    """event_id -> (line, cells, earliest, latest)."""
    out = {}
    for line, cells in ctx.table_rows("events"):
        out[cells.get("event_id")] = (line, cells, _date(cells.get("earliest", "")), _date(cells.get("latest", "")))
    return out


@rule(codes.CONSISTENCY_DATE_ORDER, codes.CONSISTENCY_EDTF)
def check_event_dates(ctx):
    """earliest ≤ latest, and both equal the bounds of the EDTF date."""
    path = ctx.path_of("events")
    for line, cells, earliest, latest in _events(ctx).values():
        if earliest and latest and earliest > latest:
            yield codes.CONSISTENCY_DATE_ORDER.at(path, line, "earliest", earliest=earliest, latest=latest)
        value = cells.get("date_edtf", "")
        if not value:
            continue
        try:
            low, high = edtf.bounds(value)
        except ValueError as error:
            yield codes.CONSISTENCY_EDTF.at(path, line, "date_edtf", variant="invalid", message=str(error))
            continue
        if low is not None and earliest is not None and low != earliest:
            yield codes.CONSISTENCY_EDTF.at(
                path, line, "earliest", variant="start", value=value, low=low, earliest=earliest
            )
        if high is not None and latest is not None and high != latest:
            yield codes.CONSISTENCY_EDTF.at(path, line, "latest", variant="end", value=value, high=high, latest=latest)


@rule(codes.CONSISTENCY_CHILD_OUTSIDE_PARENT, codes.CONSISTENCY_PARENT_CYCLE)
def check_event_nesting(ctx):
    """A child event lies within its parent's dates, and parent chains end."""
    events = _events(ctx)
    path = ctx.path_of("events")
    for event_id, (line, cells, earliest, latest) in events.items():
        parent = events.get(cells.get("parent_event_id"))
        if (
            parent
            and None not in (earliest, latest, parent[2], parent[3])
            and not (parent[2] <= earliest and latest <= parent[3])
        ):
            yield codes.CONSISTENCY_CHILD_OUTSIDE_PARENT.at(
                path,
                line,
                "parent_event_id",
                earliest=earliest,
                latest=latest,
                parent_event_id=cells["parent_event_id"],
                parent_earliest=parent[2],
                parent_latest=parent[3],
            )
        seen, current = {event_id}, cells.get("parent_event_id")
        while current:
            if current in seen:
                yield codes.CONSISTENCY_PARENT_CYCLE.at(path, line, "parent_event_id", event_id=event_id)
                break
            seen.add(current)
            current = events[current][1].get("parent_event_id") if current in events else None


@rule(codes.CONSISTENCY_DATE_OUTSIDE_EVENT, codes.CONSISTENCY_DATE_OUTSIDE_SOURCE)
def check_record_dates(ctx):
    """Statements and answers are dated within their event and on their source's date."""
    events = _events(ctx)
    sources = {cells.get("source_id"): _date(cells.get("dated", "")) for _, cells in ctx.table_rows("sources")}
    for name in ("statements", "qa"):
        path = ctx.path_of(name)
        for line, cells in ctx.table_rows(name):
            day = _date(cells.get("date", ""))
            event = events.get(cells.get("event_id"))
            if day and event and None not in event[2:] and not (event[2] <= day <= event[3]):
                yield codes.CONSISTENCY_DATE_OUTSIDE_EVENT.at(
                    path, line, "date", day=day, event_id=cells["event_id"], earliest=event[2], latest=event[3]
                )
            dated = sources.get(cells.get("original_source_id"))
            if day and dated and day != dated:
                yield codes.CONSISTENCY_DATE_OUTSIDE_SOURCE.at(
                    path, line, "date", day=day, original_source_id=cells["original_source_id"], dated=dated
                )


@rule(codes.CONSISTENCY_ROLE_EVENT, codes.CONSISTENCY_ROLE_ACTOR)
def check_participant_roles(ctx):
    """Each participant's role is plausible for the event type and the actor's kind."""
    events = {cells.get("event_id"): cells for _, cells in ctx.table_rows("events", ("event_id", "event_type"))}
    actors = {cells.get("actor_id"): cells for _, cells in ctx.table_rows("actors", ("actor_id", "kind"))}
    path = ctx.path_of("participants")
    for line, cells in ctx.table_rows("participants"):
        role = cells.get("role")
        event, actor = events.get(cells.get("event_id")), actors.get(cells.get("actor_id"))
        if event and role not in ROLES_BY_EVENT_TYPE.get(event.get("event_type"), {role}):
            yield codes.CONSISTENCY_ROLE_EVENT.at(path, line, "role", role=role, event_type=event.get("event_type"))
        if actor and role in KINDS_BY_ROLE and actor.get("kind") not in KINDS_BY_ROLE[role]:
            yield codes.CONSISTENCY_ROLE_ACTOR.at(
                path, line, "role", role=role, actor_id=cells["actor_id"], kind=actor.get("kind")
            )


@rule(codes.CONSISTENCY_SPEAKER, codes.CONSISTENCY_ISSUER, codes.CONSISTENCY_REPLY)
def check_speakers(ctx):
    """Speakers are participants in the matching role; issuers can issue; answers reply to their question."""
    roles = {(c.get("event_id"), c.get("actor_id"), c.get("role")) for _, c in ctx.table_rows("participants")}
    qa = {cells.get("qa_id"): cells for _, cells in ctx.table_rows("qa", ("qa_id", "role", "exchange"))}
    path = ctx.path_of("qa")
    for line, cells in ctx.table_rows("qa"):
        wanted = "questioner" if cells.get("role") == "question" else "spokesperson"
        if (cells.get("event_id"), cells.get("speaker_id"), wanted) not in roles:
            yield codes.CONSISTENCY_SPEAKER.at(
                path,
                line,
                "speaker_id",
                speaker_id=cells.get("speaker_id"),
                wanted=wanted,
                event_id=cells.get("event_id"),
            )
        target = qa.get(cells.get("replies_to"))
        if cells.get("role") == "question" and cells.get("replies_to"):
            yield codes.CONSISTENCY_REPLY.at(path, line, "replies_to", variant="question")
        elif cells.get("role") == "answer" and (
            target is None or target.get("role") != "question" or target.get("exchange") != cells.get("exchange")
        ):
            yield codes.CONSISTENCY_REPLY.at(path, line, "replies_to", variant="answer", exchange=cells.get("exchange"))
    actors = {cells.get("actor_id"): cells for _, cells in ctx.table_rows("actors", ("actor_id", "kind"))}
    path = ctx.path_of("statements")
    for line, cells in ctx.table_rows("statements"):
        actor = actors.get(cells.get("issuer_id"))
        if actor and actor.get("kind") not in ISSUER_KINDS:
            yield codes.CONSISTENCY_ISSUER.at(
                path, line, "issuer_id", issuer_id=cells["issuer_id"], kind=actor.get("kind")
            )


@rule(codes.CONSISTENCY_LINK_TARGET)
def check_link_targets(ctx):
    """A topic link or coded event points to exactly one statement or Q&A paragraph as its evidence."""
    for table in ctx.evidence_tables():
        path = ctx.path_of(table)
        for line, cells in ctx.table_rows(table):
            if bool(cells.get("statement_id")) == bool(cells.get("qa_id")):
                yield codes.CONSISTENCY_LINK_TARGET.at(path, line, "statement_id")


@rule(codes.CONSISTENCY_AGREEMENT)
def check_agreements(ctx):
    """An agreement is signed within its signing event, which is a signing, by that event's signatories."""
    events = _events(ctx)
    roles = {(c.get("event_id"), c.get("actor_id"), c.get("role")) for _, c in ctx.table_rows("participants")}
    path = ctx.path_of("agreements")
    for line, cells in ctx.table_rows("agreements"):
        event = events.get(cells.get("signing_event_id"))
        if event is None:
            continue
        signed = _date(cells.get("signed", ""))
        if event[1].get("event_type") != "agreement-signing":
            yield codes.CONSISTENCY_AGREEMENT.at(
                path, line, "signing_event_id", variant="event", signing_event_id=cells["signing_event_id"]
            )
        if signed and None not in event[2:] and not (event[2] <= signed <= event[3]):
            yield codes.CONSISTENCY_AGREEMENT.at(
                path,
                line,
                "signed",
                variant="date",
                signed=signed,
                signing_event_id=cells["signing_event_id"],
                earliest=event[2],
                latest=event[3],
            )
        for key in ("signatory_india_id", "signatory_china_id"):
            if cells.get(key) and (cells["signing_event_id"], cells[key], "signatory") not in roles:
                yield codes.CONSISTENCY_AGREEMENT.at(
                    path,
                    line,
                    key,
                    variant="signatory",
                    signatory=cells[key],
                    signing_event_id=cells["signing_event_id"],
                )


@rule(codes.CONSISTENCY_WITHDRAWN_ID_REUSED)
def check_withdrawn_ids_unused(ctx):
    """A withdrawn record ID does not appear again in its table (IDs are never reused)."""
    withdrawn = {}
    for line, cells in ctx.table_rows("withdrawn_ids"):
        withdrawn.setdefault(cells.get("resource"), {})[cells.get("record_id")] = (line, cells.get("withdrawn_in"))
    for name, ids in withdrawn.items():
        schema = ctx.table_schemas.get(name)
        resource = ctx.resource_named(name)
        if not schema or resource is None or len(schema.get("primaryKey", [])) != 1:
            continue
        key = schema["primaryKey"][0]
        for line, cells in ctx.table_rows(name, (key,)):
            if cells.get(key) in ids:
                yield codes.CONSISTENCY_WITHDRAWN_ID_REUSED.at(
                    resource.path, line, key, record_id=cells[key], version=ids[cells[key]][1], line=ids[cells[key]][0]
                )


@rule(codes.CONSISTENCY_DATE_PAIR)
def check_date_pairs(ctx):
    """Every ordered pair of dates the contract names (an event's earliest and latest day, a source's dated and updated) is in order."""
    for table, earlier, later in contract.DATE_ORDER:
        path = ctx.path_of(table)
        for line, cells in ctx.table_rows(table, (earlier, later)):
            first, second = cells.get(earlier, ""), cells.get(later, "")
            try:
                if first and second and dt.date.fromisoformat(first) > dt.date.fromisoformat(second):
                    yield codes.CONSISTENCY_DATE_PAIR.at(
                        path, line, later, earlier=earlier, first=first, later=later, second=second
                    )
            except ValueError:
                continue  # frictionless reports a date that does not parse
