"""Consistency between tables: dates, event nesting, participants, speakers and agreements."""

from __future__ import annotations

import datetime as dt

from .. import contract, edtf
from . import problem, rule

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


@rule(
    {
        "consistency/date-order": "An event's earliest day is after its latest day.",
        "consistency/edtf": "An event's EDTF date is invalid or disagrees with its earliest and latest days.",
    }
)
def check_event_dates(ctx):
    """earliest ≤ latest, and both equal the bounds of the EDTF date."""
    path = ctx.path_of("events")
    for line, cells, earliest, latest in _events(ctx).values():
        if earliest and latest and earliest > latest:
            yield problem(
                "consistency/date-order", path, f"earliest {earliest} is after latest {latest}", line, "earliest"
            )
        value = cells.get("date_edtf", "")
        if not value:
            continue
        try:
            low, high = edtf.bounds(value)
        except ValueError as error:
            yield problem("consistency/edtf", path, str(error), line, "date_edtf")
            continue
        if low is not None and earliest is not None and low != earliest:
            yield problem(
                "consistency/edtf", path, f"EDTF {value} starts on {low} but earliest is {earliest}", line, "earliest"
            )
        if high is not None and latest is not None and high != latest:
            yield problem(
                "consistency/edtf", path, f"EDTF {value} ends on {high} but latest is {latest}", line, "latest"
            )


@rule(
    {
        "consistency/child-outside-parent": "A child event's dates fall outside its parent event's dates.",
        "consistency/parent-cycle": "Events are their own ancestors.",
    }
)
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
            yield problem(
                "consistency/child-outside-parent",
                path,
                f"{earliest}..{latest} is not within parent {cells['parent_event_id']} ({parent[2]}..{parent[3]})",
                line,
                "parent_event_id",
            )
        seen, current = {event_id}, cells.get("parent_event_id")
        while current:
            if current in seen:
                yield problem(
                    "consistency/parent-cycle", path, f"{event_id} is its own ancestor", line, "parent_event_id"
                )
                break
            seen.add(current)
            current = events[current][1].get("parent_event_id") if current in events else None


@rule(
    {
        "consistency/date-outside-event": "A statement or Q&A paragraph is dated outside its event's dates.",
        "consistency/date-outside-source": "A statement or Q&A paragraph is dated differently from its original document.",
    }
)
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
                yield problem(
                    "consistency/date-outside-event",
                    path,
                    f"{day} is outside event {cells['event_id']} ({event[2]}..{event[3]})",
                    line,
                    "date",
                )
            dated = sources.get(cells.get("original_source_id"))
            if day and dated and day != dated:
                yield problem(
                    "consistency/date-outside-source",
                    path,
                    f"{day} differs from the date of {cells['original_source_id']} ({dated})",
                    line,
                    "date",
                )


@rule(
    {
        "consistency/role-event": "A participant's role does not fit the event's type.",
        "consistency/role-actor": "A participant's role does not fit the actor's kind.",
    }
)
def check_participant_roles(ctx):
    """Each participant's role is plausible for the event type and the actor's kind."""
    events = {cells.get("event_id"): cells for _, cells in ctx.table_rows("events", ("event_id", "event_type"))}
    actors = {cells.get("actor_id"): cells for _, cells in ctx.table_rows("actors", ("actor_id", "kind"))}
    path = ctx.path_of("participants")
    for line, cells in ctx.table_rows("participants"):
        role = cells.get("role")
        event, actor = events.get(cells.get("event_id")), actors.get(cells.get("actor_id"))
        if event and role not in ROLES_BY_EVENT_TYPE.get(event.get("event_type"), {role}):
            yield problem(
                "consistency/role-event",
                path,
                f"role {role!r} does not fit a {event.get('event_type')!r} event",
                line,
                "role",
            )
        if actor and role in KINDS_BY_ROLE and actor.get("kind") not in KINDS_BY_ROLE[role]:
            yield problem(
                "consistency/role-actor",
                path,
                f"role {role!r} does not fit actor {cells['actor_id']} of kind {actor.get('kind')!r}",
                line,
                "role",
            )


@rule(
    {
        "consistency/speaker": "A Q&A speaker is not a participant of the press conference in the matching role.",
        "consistency/issuer": "A statement's issuer is not a kind of actor that issues statements.",
        "consistency/reply": "An answer does not reply to the question of its exchange, or a question replies to something.",
    }
)
def check_speakers(ctx):
    """Speakers are participants in the matching role; issuers can issue; answers reply to their question."""
    roles = {(c.get("event_id"), c.get("actor_id"), c.get("role")) for _, c in ctx.table_rows("participants")}
    qa = {cells.get("qa_id"): cells for _, cells in ctx.table_rows("qa", ("qa_id", "role", "exchange"))}
    path = ctx.path_of("qa")
    for line, cells in ctx.table_rows("qa"):
        wanted = "questioner" if cells.get("role") == "question" else "spokesperson"
        if (cells.get("event_id"), cells.get("speaker_id"), wanted) not in roles:
            yield problem(
                "consistency/speaker",
                path,
                f"speaker {cells.get('speaker_id')} is not a {wanted} of {cells.get('event_id')} in participants",
                line,
                "speaker_id",
            )
        target = qa.get(cells.get("replies_to"))
        if cells.get("role") == "question" and cells.get("replies_to"):
            yield problem(
                "consistency/reply", path, "a question must not reply to another paragraph", line, "replies_to"
            )
        elif cells.get("role") == "answer" and (
            target is None or target.get("role") != "question" or target.get("exchange") != cells.get("exchange")
        ):
            yield problem(
                "consistency/reply",
                path,
                f"answer must reply to the question of exchange {cells.get('exchange')}",
                line,
                "replies_to",
            )
    actors = {cells.get("actor_id"): cells for _, cells in ctx.table_rows("actors", ("actor_id", "kind"))}
    path = ctx.path_of("statements")
    for line, cells in ctx.table_rows("statements"):
        actor = actors.get(cells.get("issuer_id"))
        if actor and actor.get("kind") not in ISSUER_KINDS:
            yield problem(
                "consistency/issuer",
                path,
                f"issuer {cells['issuer_id']} is a {actor.get('kind')!r}, which does not issue statements",
                line,
                "issuer_id",
            )


@rule("consistency/link-target")
def check_link_targets(ctx):
    """A topic link or coded event points to exactly one statement or Q&A paragraph as its evidence."""
    for table in ctx.evidence_tables():
        path = ctx.path_of(table)
        for line, cells in ctx.table_rows(table):
            if bool(cells.get("statement_id")) == bool(cells.get("qa_id")):
                yield problem(
                    "consistency/link-target",
                    path,
                    "exactly one of statement_id and qa_id must be set",
                    line,
                    "statement_id",
                )


@rule("consistency/agreement")
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
            yield problem(
                "consistency/agreement",
                path,
                f"signing event {cells['signing_event_id']} is not an agreement-signing",
                line,
                "signing_event_id",
            )
        if signed and None not in event[2:] and not (event[2] <= signed <= event[3]):
            yield problem(
                "consistency/agreement",
                path,
                f"signed {signed} is outside {cells['signing_event_id']} ({event[2]}..{event[3]})",
                line,
                "signed",
            )
        for key in ("signatory_india_id", "signatory_china_id"):
            if cells.get(key) and (cells["signing_event_id"], cells[key], "signatory") not in roles:
                yield problem(
                    "consistency/agreement",
                    path,
                    f"{cells[key]} is not a signatory of {cells['signing_event_id']} in participants",
                    line,
                    key,
                )


@rule("consistency/withdrawn-id-reused")
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
        for line, cells in ctx.table_rows(name):
            if cells.get(key) in ids:
                yield problem(
                    "consistency/withdrawn-id-reused",
                    resource.path,
                    f"{cells[key]} was withdrawn in {ids[cells[key]][1]} (withdrawn_ids line {ids[cells[key]][0]}) and must not be used again",
                    line,
                    key,
                )


@rule("consistency/date-pair")
def check_date_pairs(ctx):
    """Every ordered pair of dates the contract names (an event's earliest and latest day, a source's dated and updated) is in order."""
    for table, earlier, later in contract.DATE_ORDER:
        path = ctx.path_of(table)
        for line, cells in ctx.table_rows(table):
            first, second = cells.get(earlier, ""), cells.get(later, "")
            try:
                if first and second and dt.date.fromisoformat(first) > dt.date.fromisoformat(second):
                    yield problem(
                        "consistency/date-pair", path, f"{earlier} {first} is after {later} {second}", line, later
                    )
            except ValueError:
                continue  # frictionless reports a date that does not parse
