"""The annotation layers (mentions, claims, places, date evidence, external values), each rule
specified by a copy of the package broken in one way. Rows are found by ID."""

from __future__ import annotations


def row_id(package, table: str, **match) -> str:
    """The ID of the first row of `table` whose cells equal `match`."""
    header, rows = package.rows(table)
    return next(r[header[0]] for r in rows if all(r[k] == v for k, v in match.items()))


def mention_at(package, start: int, actor_id: str) -> str:
    return row_id(package, "mentions", start=str(start), actor_id=actor_id)


def reported(package, code):
    return [p for p in package.problems() if p.code == code]


def test_a_name_left_unlinked_is_reported(package):
    package.edit_row("mentions", mention_at(package, 2318, "act-china"), drop=True)  # "Now China-India relations"
    found = reported(package, "mentions/unlinked-name")
    assert [p.path for p in found] == ["data/mentions.csv"]
    assert "'China' at [2318, 2323)" in found[0].message


def test_a_name_inside_a_longer_mention_of_the_same_entity_is_covered(package):
    # "Rajnath Singh" occurs only inside title-and-name mentions; the package is valid as released.
    assert not reported(package, "mentions/unlinked-name")


def test_a_mention_whose_text_differs_from_its_span_is_reported(package):
    line = package.edit_row("mentions", mention_at(package, 2318, "act-china"), text="India")
    found = reported(package, "provenance/span-mismatch")
    assert any(p.path == "data/mentions.csv" and p.line == line for p in found)


def test_a_mention_must_fill_the_reference_its_entity_kind_names(package):
    line = package.edit_row("mentions", "men-002", place_id="pl-india")
    assert [(p.path, p.line) for p in reported(package, "mentions/referent")] == [("data/mentions.csv", line)]


def test_a_readout_claim_must_name_the_readout(package):
    line = package.edit_row("claims", "cl-017", attributed_source_id="")
    assert [(p.path, p.line) for p in reported(package, "claims/attribution")] == [("data/claims.csv", line)]


def test_a_reported_claim_cannot_be_asserted(package):
    line = package.edit_row("claims", "cl-019", stance="asserts")
    assert [(p.path, p.line) for p in reported(package, "claims/attribution")] == [("data/claims.csv", line)]


def test_a_reports_claim_must_name_the_unnamed_reports(package):
    line = package.edit_row("claims", "cl-019", attributed_source_id="")
    found = reported(package, "claims/attribution")
    assert [(p.path, p.line) for p in found] == [("data/claims.csv", line)]
    assert "'reports'" in found[0].message


def test_a_claim_in_own_words_names_no_attributed_document(package):
    line = package.edit_row("claims", "cl-022", attributed_source_id="src-unnamed-reports")
    assert [(p.path, p.line) for p in reported(package, "claims/attribution")] == [("data/claims.csv", line)]


def test_a_passed_on_claim_has_stance_passes_on(package):
    line = package.edit_row("claims", "cl-017", stance="asserts")  # the readout claim
    assert [(p.path, p.line) for p in reported(package, "claims/attribution")] == [("data/claims.csv", line)]
    line = package.edit_row("claims", "cl-017", stance="passes-on", attribution="own-words", attributed_source_id="")
    assert [(p.path, p.line) for p in reported(package, "claims/attribution")] == [("data/claims.csv", line)]


def test_an_answer_responds_only_to_claims_of_its_own_question(package):
    # cl-022 answers question 2; cl-009 is a premise of question 1.
    link = row_id(package, "claim_links", claim_id="cl-022", relation="responds-to")
    line = package.edit_row("claim_links", link, target_claim_id="cl-009")
    assert [(p.path, p.line) for p in reported(package, "claims/link")] == [("data/claim_links.csv", line)]


def test_every_coded_event_is_drawn_from_one_claim(package):
    package.edit_row("claim_links", row_id(package, "claim_links", coded_event_id="ce-016"), drop=True)
    found = reported(package, "claims/coded-event")
    assert [(p.path, p.line) for p in found] == [("data/coded_events.csv", package.line_of("coded_events", "ce-016"))]


def test_a_coded_event_names_the_claim_its_coded_as_link_names(package):
    line = package.edit_row("coded_events", "ce-016", claim_id="cl-020")  # drawn from cl-019
    found = reported(package, "claims/coded-event-attribution")
    assert [(p.path, p.line, p.field) for p in found] == [("data/coded_events.csv", line, "claim_id")]
    assert "cl-019" in found[0].message


def test_a_coded_event_carries_the_attribution_of_its_claim(package):
    line = package.edit_row("coded_events", "ce-017", attribution="own-words")  # cl-020 is `reports`
    found = reported(package, "claims/coded-event-attribution")
    assert [(p.path, p.line, p.field) for p in found] == [("data/coded_events.csv", line, "attribution")]


def test_a_claim_whose_attribution_changes_takes_its_coded_events_along(package):
    # The readout claim cl-017 made the speaker's own words: ce-008 and ce-013 still say `readout`.
    package.edit_row("claims", "cl-017", attribution="own-words", attributed_source_id="", stance="asserts")
    found = reported(package, "claims/coded-event-attribution")
    assert sorted((p.line, p.field) for p in found) == sorted(
        (package.line_of("coded_events", ce), "attribution") for ce in ("ce-008", "ce-013")
    )


def test_a_place_may_have_no_name_span_but_not_half_of_one(package):
    header, rows = package.rows("places")
    assert {r["place_id"]: r["name"] for r in rows}["pl-china"] == ""  # never named as a place (G24)
    assert not package.problems()
    line = package.edit_row("places", "pl-china", name="China")
    found = reported(package, "provenance/span-incomplete")
    assert [(p.path, p.line) for p in found] == [("data/places.csv", line)]


def test_coordinates_out_of_range_are_reported(package):
    line = package.edit_row("places", "pl-mumbai", latitude="190.07283")
    found = reported(package, "places/coordinates")
    assert [(p.path, p.line, p.field) for p in found] == [("data/places.csv", line, "latitude")]


def test_an_event_with_a_place_needs_its_location(package):
    package.edit_row("locations", "loc-003", drop=True)  # the Mumbai travel
    found = reported(package, "places/reference")
    assert [(p.path, p.line) for p in found] == [
        ("data/events.csv", package.line_of("events", "ev-zhao-travel-mumbai"))
    ]


def test_a_location_must_agree_with_the_place_the_source_names(package):
    package.edit_row("locations", "loc-002", place_id="pl-mumbai")  # the meeting was in New Delhi
    found = reported(package, "places/reference")
    assert {(p.path, p.field) for p in found} >= {("data/events.csv", "place")}


def test_every_event_bound_needs_date_evidence(package):
    package.edit_row("date_evidence", "de-008", drop=True)  # the Mumbai travel's latest day
    found = reported(package, "consistency/date-evidence")
    line = package.line_of("events", "ev-zhao-travel-mumbai")
    assert [(p.path, p.line, p.field) for p in found] == [("data/events.csv", line, "latest")]


def test_an_external_value_must_be_listed(package):
    entry = row_id(package, "external_values", record_id="pl-wuhan", field="latitude")
    package.edit_row("external_values", entry, drop=True)
    found = reported(package, "external/unlisted")
    assert [(p.path, p.line, p.field) for p in found] == [
        ("data/places.csv", package.line_of("places", "pl-wuhan"), "latitude")
    ]


def test_an_external_entry_must_equal_its_cell(package):
    entry = row_id(package, "external_values", record_id="ev-wuhan-informal-meeting", field="place_country")
    line = package.edit_row("external_values", entry, value="IND")
    assert [(p.path, p.line) for p in reported(package, "external/mismatch")] == [("data/external_values.csv", line)]


def test_the_mumbai_travel_is_one_unknown_day_within_the_visit(package):
    header, rows = package.rows("events")
    mumbai = next(r for r in rows if r["event_id"] == "ev-zhao-travel-mumbai")
    assert (mumbai["date_edtf"], mumbai["earliest"], mumbai["latest"]) == (
        "[2018-10-22..2018-10-25]",
        "2018-10-22",
        "2018-10-25",
    )
    line = package.edit_row("events", "ev-zhao-travel-mumbai", date_edtf="[2018-10-25..2018-10-22]")
    assert [(p.path, p.line) for p in reported(package, "consistency/edtf")] == [("data/events.csv", line)]
