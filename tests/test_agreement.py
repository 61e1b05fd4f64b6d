"""Inter-annotator agreement: the kept files reproduce, kappa on hand-made labels, and each
matching rule on a tiny pair of annotations written into a temporary folder."""

from __future__ import annotations

import pytest

from india_china_security_meetings.agreement import (
    COLUMNS,
    LAYERS,
    agreement,
    cohen_kappa,
    disagreements,
    read_annotation,
)
from india_china_security_meetings.csv_format import render_csv

# -- the kept files ----------------------------------------------------------------------


# -- Cohen's kappa -----------------------------------------------------------------------


def test_kappa_of_perfect_agreement_is_one():
    assert cohen_kappa(["a", "b", "b", "c"], ["a", "b", "b", "c"]) == 1.0


def test_kappa_of_agreement_at_chance_is_zero():
    # Each annotator says "x" half the time, independently: p_o = p_e = 0.5.
    assert cohen_kappa(["x", "x", "y", "y"], ["x", "y", "x", "y"]) == 0.0


def test_kappa_is_one_when_both_use_one_and_the_same_category_throughout():
    assert cohen_kappa(["asserts"] * 3, ["asserts"] * 3) == 1.0


def test_kappa_below_chance_is_negative():
    assert cohen_kappa(["x", "y"], ["y", "x"]) == -1.0


def test_kappa_by_hand():
    # p_o = 4/5; p_e = 3/5 * 2/5 + 2/5 * 3/5 = 0.48; kappa = 0.32 / 0.52.
    assert cohen_kappa(list("yyynn"), list("yynnn")) == pytest.approx(0.32 / 0.52)


def test_kappa_of_no_items_is_not_computed():
    assert cohen_kappa([], []) is None


def test_kappa_needs_one_label_per_item_from_each():
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


# -- tiny annotations --------------------------------------------------------------------


def write_annotation(folder, **layers):
    """An annotation folder: the given layers' rows (missing cells empty), the others header only."""
    folder.mkdir()
    for layer in LAYERS:
        (folder / f"{layer}.csv").write_bytes(render_csv(COLUMNS[layer], layers.get(layer, [])))
    return folder


def pair(tmp_path, first: dict, second: dict):
    return write_annotation(tmp_path / "first", **first), write_annotation(tmp_path / "second", **second)


def mention(start, end, referent, kind="name", entity_kind="actor", date_edtf=""):
    return {
        "text": "x" * (end - start),
        "start": str(start),
        "end": str(end),
        "kind": kind,
        "entity_kind": entity_kind,
        "referent_id": referent,
        "date_edtf": date_edtf,
    }


def claim(claim_id, start, end, unit="qa-1", stance="asserts", attribution="own-words", claimant="act-a"):
    return {
        "claim_id": claim_id,
        "unit_id": unit,
        "claimant_id": claimant,
        "attribution": attribution,
        "stance": stance,
        "text": "x" * (end - start),
        "start": str(start),
        "end": str(end),
    }


def event(event_id, start, end, actor, target, code="046", date="2018-10-22", place=""):
    return {
        "coded_event_id": event_id,
        "actor_id": actor,
        "target_id": target,
        "cameo_code": code,
        "date": date,
        "location_place_id": place,
        "evidence": "x" * (end - start),
        "start": str(start),
        "end": str(end),
    }


def figure(figures: dict, layer: str, label: str) -> dict:
    return next(f for f in figures[layer] if f["label"].startswith(label))


def test_recall_is_over_the_first_and_precision_over_the_second(tmp_path):
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 5, "act-a"), mention(10, 15, "act-b")]},
        {
            "mentions": [
                mention(0, 5, "act-a"),
                mention(10, 15, "act-b"),
                mention(20, 25, "act-c"),
                mention(30, 35, "act-d"),
            ]
        },
    )
    spans = figure(agreement(first, second), "mentions", "spans, exact")
    assert (spans["recall"], spans["precision"], spans["f1"]) == (1.0, 0.5, pytest.approx(2 / 3))
    assert (spans["first"], spans["second"], spans["matched"]) == (2, 4, 2)


def test_a_descriptor_of_two_entities_is_one_span_with_a_set_of_referents(tmp_path):
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 9, "act-india", "descriptor"), mention(0, 9, "act-china", "descriptor")]},
        {"mentions": [mention(0, 9, "act-china", "descriptor"), mention(0, 9, "act-india", "descriptor")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "mentions", "spans, exact")["matched"] == 1
    assert figure(figures, "mentions", "referent accuracy")["value"] == 1.0


def test_a_referent_missing_from_one_side_of_a_span_is_a_referent_disagreement(tmp_path):
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 9, "act-india", "descriptor"), mention(0, 9, "act-china", "descriptor")]},
        {"mentions": [mention(0, 9, "act-china", "descriptor")]},
    )
    assert figure(agreement(first, second), "mentions", "referent accuracy")["value"] == 0.0
    assert disagreements(first, second) == [
        {
            "layer": "mentions",
            "item": "0-9",
            "field": "referent",
            "first": "act-china; act-india",
            "second": "act-china",
        }
    ]


def test_dates_agree_on_their_edtf_value_whichever_event_they_date(tmp_path):
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 9, "ev-meeting", "relative-date", "date", "2018-10-22")]},
        {"mentions": [mention(0, 9, "", "relative-date", "date", "2018-10-22")]},
    )
    assert figure(agreement(first, second), "mentions", "referent accuracy")["value"] == 1.0


def test_overlap_matching_keeps_a_nested_name_with_its_exact_counterpart(tmp_path):
    # As in the statement: the first's agreement name [0, 100) holds its ministry name [60, 90); the
    # second has a shorter agreement name [0, 35) and a longer ministry name [60, 100). By characters
    # shared, [0, 100) would take [60, 100) (40 shared) and leave both shorter spans unmatched.
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 100, "agr-1"), mention(60, 90, "act-ministry")]},
        {"mentions": [mention(0, 35, "agr-1"), mention(60, 100, "act-ministry")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "mentions", "spans, overlap")["matched"] == 2
    assert [(row["item"], row["field"]) for row in figures["disagreements"]["mentions"]] == [
        ("0-100", "extent"),
        ("60-90", "extent"),
    ]


def test_a_mention_on_one_side_only_is_listed_with_the_other_side_empty(tmp_path):
    first, second = pair(tmp_path, {"mentions": []}, {"mentions": [mention(3, 9, "act-india")]})
    assert disagreements(first, second) == [
        {"layer": "mentions", "item": "3-9", "field": "item", "first": "", "second": "xxxxxx [3-9) name: act-india"}
    ]


def test_kind_agreement_counts_overlap_matched_spans(tmp_path):
    first, second = pair(
        tmp_path,
        {"mentions": [mention(0, 10, "ev-1", "name", "event")]},
        {"mentions": [mention(0, 12, "ev-1", "descriptor", "event")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "mentions", "kind agreement (exact")["n"] == 0
    assert figure(figures, "mentions", "kind agreement (overlap")["value"] == 0.0


def test_claims_match_only_within_the_same_unit(tmp_path):
    first, second = pair(
        tmp_path, {"claims": [claim("c1", 0, 10, unit="qa-1")]}, {"claims": [claim("d1", 0, 10, unit="qa-2")]}
    )
    assert figure(agreement(first, second), "claims", "claims")["matched"] == 0


def test_claims_match_from_a_jaccard_of_one_half(tmp_path):
    # [0, 10) and [5, 15): 5 shared of 15, a third; [0, 10) and [0, 20): a half.
    first, second = pair(
        tmp_path,
        {"claims": [claim("c1", 0, 10), claim("c2", 100, 110)]},
        {"claims": [claim("d1", 5, 15), claim("d2", 100, 120)]},
    )
    claims = figure(agreement(first, second), "claims", "claims")
    assert claims["matched"] == 1


def test_a_claim_goes_to_the_claim_it_overlaps_most(tmp_path):
    # d1 overlaps c1 (Jaccard 0.8) and c2 (0.6); c2 is left for d2, which only it overlaps enough.
    first, second = pair(
        tmp_path,
        {"claims": [claim("c1", 0, 10, stance="asserts"), claim("c2", 2, 12, stance="reports")]},
        {"claims": [claim("d1", 0, 8, stance="asserts"), claim("d2", 4, 12, stance="reports")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "claims", "claims")["matched"] == 2
    assert figure(figures, "claims", "stance: agreement")["value"] == 1.0


def test_a_matched_claim_gives_one_disagreement_row_per_field_that_differs(tmp_path):
    first, second = pair(
        tmp_path,
        {"claims": [claim("c1", 0, 10, stance="reports", attribution="reports")]},
        {"claims": [claim("d1", 0, 10, stance="asserts", attribution="own-words")]},
    )
    rows = disagreements(first, second)
    assert [(row["item"], row["field"], row["first"], row["second"]) for row in rows] == [
        ("c1 / d1", "attribution", "reports", "own-words"),
        ("c1 / d1", "stance", "reports", "asserts"),
    ]


def test_claim_links_are_compared_through_the_claim_matching(tmp_path):
    claims_first = [claim("c-q", 0, 10, unit="q"), claim("c-a", 20, 30, unit="a")]
    claims_second = [claim("d-q", 0, 10, unit="q"), claim("d-a", 20, 30, unit="a")]
    first, second = pair(
        tmp_path,
        {
            "claims": claims_first,
            "claim_links": [
                {"claim_id": "c-a", "relation": "subject", "actor_id": "act-china"},
                {"claim_id": "c-a", "relation": "responds-to", "target_claim_id": "c-q"},
            ],
        },
        {
            "claims": claims_second,
            "claim_links": [
                {"claim_id": "d-a", "relation": "subject", "actor_id": "act-china"},
                {"claim_id": "d-a", "relation": "subject", "actor_id": "act-india"},
                {"claim_id": "d-a", "relation": "responds-to", "target_claim_id": "d-q"},
            ],
        },
    )
    figures = agreement(first, second)
    assert figure(figures, "claim_links", "subject")["matched"] == 1
    assert figure(figures, "claim_links", "responds-to")["f1"] == 1.0
    assert figures["disagreements"]["claim_links"] == [
        {"layer": "claim_links", "item": "c-a / d-a", "field": "subject", "first": "", "second": "act-india"}
    ]


def test_topics_of_claims_are_not_compared_when_one_side_has_none(tmp_path):
    first, second = pair(
        tmp_path,
        {"claims": [claim("c1", 0, 10)], "claim_links": [{"claim_id": "c1", "relation": "topic", "topic_id": "top-a"}]},
        {"claims": [claim("d1", 0, 10)]},
    )
    assert figure(agreement(first, second), "claim_links", "topic")["f1"] is None


def test_coded_events_prefer_the_same_actor_and_target_to_a_larger_overlap(tmp_path):
    # A reciprocal pair on the same words, the second's rows in the other order.
    first, second = pair(
        tmp_path,
        {"coded_events": [event("e1", 0, 20, "act-india", "act-china"), event("e2", 0, 20, "act-china", "act-india")]},
        {"coded_events": [event("f1", 0, 20, "act-china", "act-india"), event("f2", 5, 20, "act-india", "act-china")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "coded_events", "actor")["value"] == 1.0
    assert figure(figures, "coded_events", "target")["value"] == 1.0


def test_coded_events_whose_evidence_does_not_overlap_do_not_match(tmp_path):
    first, second = pair(
        tmp_path,
        {"coded_events": [event("e1", 0, 10, "act-india", "act-china")]},
        {"coded_events": [event("f1", 10, 20, "act-india", "act-china")]},
    )
    assert figure(agreement(first, second), "coded_events", "coded events")["matched"] == 0
    assert [(row["item"], row["field"]) for row in disagreements(first, second)] == [("e1", "item"), ("f1", "item")]


def test_cameo_roots_compare_the_first_two_digits(tmp_path):
    first, second = pair(
        tmp_path,
        {"coded_events": [event("e1", 0, 10, "act-a", "act-b", code="030")]},
        {"coded_events": [event("f1", 0, 10, "act-a", "act-b", code="0313")]},
    )
    figures = agreement(first, second)
    assert figure(figures, "coded_events", "CAMEO code: agreement")["value"] == 0.0
    assert figure(figures, "coded_events", "CAMEO root: agreement")["value"] == 1.0


def test_topic_links_are_compared_as_topic_and_unit_pairs(tmp_path):
    # The same pair on other words agrees; a repeated pair counts once.
    link = {"topic_id": "top-a", "unit_id": "qa-1", "start": "0", "end": "5", "evidence": "words"}
    other_words = {**link, "start": "7", "end": "12", "evidence": "other"}
    first, second = pair(tmp_path, {"topic_links": [link]}, {"topic_links": [other_words, other_words]})
    assert figure(agreement(first, second), "topic_links", "(topic, unit)")["f1"] == 1.0


def test_an_annotation_with_crlf_line_ends_reads_like_lf(tmp_path):
    first = write_annotation(tmp_path / "lf", mentions=[mention(0, 5, "act-a")])
    crlf = tmp_path / "crlf"
    crlf.mkdir()
    for layer in LAYERS:
        (crlf / f"{layer}.csv").write_bytes((first / f"{layer}.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert read_annotation(crlf) == read_annotation(first)


def test_a_layer_with_other_columns_is_refused(tmp_path):
    folder = write_annotation(tmp_path / "a")
    (folder / "claims.csv").write_text("claim_id,statement_id\n", encoding="utf-8")
    with pytest.raises(ValueError, match="claims.csv: the header must be"):
        read_annotation(folder)
