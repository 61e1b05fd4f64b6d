"""Inter-annotator agreement between the package's annotation (the first) and a blind second one.

The first annotation is the package's own layers as released in 1.2.0, exported by `export_first`
into the shapes of the second (`annotation/second/README.md`): one CSV per layer, offsets as
Unicode code points into the held text, end exclusive. `agreement` compares two such folders,
`disagreements` lists what an adjudication has to decide, and `write_files` regenerates the
kept files (`annotation/first/`, `annotation/agreement.md`, `annotation/disagreements.csv`).

Precision and recall take the first annotation as the reference, which names the two
directions and makes it no gold standard (recall: the share of the first's items the second
also has; precision: the share of the second's items the first also has); F1 is symmetric,
2·matched / (first + second). Every figure carries its n.

Matching rules, layer by layer (one-to-one greedy matching: candidate pairs sorted by the
stated preference, best first, ties to the items earlier in their files (mentions: in text
order), and a pair is taken when neither of its items is taken yet):

mentions
    A span is a distinct (start, end); the rows on one span (a descriptor of two entities has
    one row per entity) are one item. Exact match: the same (start, end). Overlap match:
    spans sharing at least one character, by largest overlap relative to the two spans (their
    Jaccard: shared characters over the characters of either), then most characters shared.
    The relative measure keeps nested names apart: "India" pairs with "India", not with the
    meeting name it lies in, and "Ministry of Public Security" with "Ministry of Public
    Security of China", not with the agreement name that contains both. Referent accuracy, on
    exact-matched spans: the sets of referents are equal, where a row's referent is its
    `referent_id`, and a date row's is its `date_edtf` (which event a date dates is not
    compared). Kind agreement: the sets of `kind` are equal, on exact-matched spans and on
    overlap-matched spans.
claims
    Two claims match when they are in the same unit (statement or press-conference paragraph)
    and their character spans have a Jaccard of at least 0.5, by largest Jaccard. On matched
    claims: percent agreement and Cohen's kappa for `stance` and for `attribution`, percent
    agreement for `claimant_id` and for `attributed_source_id`.
claim links (on matched claims only; a link of an unmatched claim is not counted again)
    subject: F1 over (matched claim, actor) pairs; responds-to: F1 over (matched claim,
    matched target claim) pairs; topic: F1 over (matched claim, topic) pairs, computed only
    when both annotations have topic links of claims. `coded-as` links are compared through the
    coded events.
coded events
    Two events are candidates when their evidence spans share at least one character; the
    preference is first how many of actor and target are the same (both, one, neither), then
    the largest overlap. On matched events: percent agreement and kappa for the full CAMEO
    code and for its root (first two digits); percent agreement for actor, target, date (the
    EDTF string) and location.
topic links
    F1 over distinct (topic_id, unit_id) pairs; the evidence words are not compared.

Cohen's kappa is (p_o - p_e) / (1 - p_e) with each annotator's own category distribution for
p_e; it is defined as 1.0 when both annotators use one and the same category throughout (p_e =
1, where the formula is 0/0), and is not computed on zero items.

Disagreements (`annotation/disagreements.csv`: layer, item, field, first, second): every item
on one side only (field `item`, the other side empty), and every field that differs on a
matched item: mentions by overlap match (extent, kind, referent), claims (extent, claimant,
attribution, attributed source, stance), claim links (one row per link on one side only),
coded events (CAMEO code, actor, target, date, location), topic links (pairs on one side only).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import file_gate
from .csv_format import render_csv
from .fileio import write_atomic
from .reader import PackageReader
from .revisions import snapshot

FIRST_RELEASE = "1.2.0"
FIRST_DIR = "annotation/first"
SECOND_DIR = "annotation/second"
AGREEMENT_MD = "annotation/agreement.md"
DISAGREEMENTS_CSV = "annotation/disagreements.csv"
REGENERATE = "make agreement"

LAYERS = ("mentions", "claims", "claim_links", "coded_events", "topic_links")
COLUMNS = {
    "mentions": ["mention_id", "text", "start", "end", "kind", "entity_kind", "referent_id", "date_edtf", "note"],
    "claims": [
        "claim_id",
        "unit_id",
        "claimant_id",
        "attribution",
        "attributed_source_id",
        "stance",
        "text",
        "start",
        "end",
        "note",
    ],
    "claim_links": ["claim_id", "relation", "actor_id", "topic_id", "target_claim_id", "coded_event_id"],
    "coded_events": [
        "coded_event_id",
        "claim_id",
        "actor_id",
        "target_id",
        "cameo_code",
        "date",
        "location_place_id",
        "evidence",
        "start",
        "end",
        "note",
    ],
    "topic_links": ["topic_id", "unit_id", "evidence", "start", "end", "note"],
}
DISAGREEMENT_COLUMNS = ["layer", "item", "field", "first", "second"]
# A mention row names its referent in the one column its entity kind uses.
REFERENT_FIELDS = ("actor_id", "place_id", "event_id", "agreement_id", "source_ref_id")
CLAIM_MIN_JACCARD = 0.5

FIRST_README = f"""# First annotation, in the second annotation's shapes

The package's annotation layers as released in {FIRST_RELEASE} (commit
8fb8b6785bc1cff38e5f9d9a892b959870a1d828): `mentions`, `claims`, `claim_links`, `coded_events`
and `topic_links`, exported into exactly the files and columns of the blind second annotation
(`../second/README.md`), so that the two can be compared file by file.

Generated by `export_first` in `src/india_china_security_meetings/agreement.py` from release
{FIRST_RELEASE}, through the package reader; `{REGENERATE}` rewrites it, and
`tests/test_agreement.py` checks that these files are what the function gives for that release.
Do not edit by hand.

How the package's columns become these:

- `mentions.referent_id`: whichever of `actor_id`, `place_id`, `event_id`, `agreement_id`,
  `source_ref_id` is filled (for a date mention, the event it dates; empty when none).
- `claims.unit_id`, `topic_links.unit_id`: the `statement_id` or the `qa_id`.
- `claim_links`: the package's rows without `claim_link_id`.
- `coded_events.claim_id`: the claim whose `coded-as` link names the event;
  `location_place_id`: the place of the event's row in `locations` (empty when it has none);
  `note`: the `coder_note`.
- `topic_links.note`: empty (the package's topic links have no note).
"""


# -- export of the first annotation ------------------------------------------------------


def export_first(package_root) -> dict[str, bytes]:
    """The package's annotation at `package_root` as the second annotation's CSV files, by name."""
    reader = PackageReader(package_root)
    layers = {
        "mentions": _first_mentions(reader),
        "claims": _first_claims(reader),
        "claim_links": [_pick(row, COLUMNS["claim_links"]) for row in reader.rows("claim_links")],
        "coded_events": _first_coded_events(reader),
        "topic_links": _first_topic_links(reader),
    }
    return {f"{layer}.csv": render_csv(COLUMNS[layer], rows) for layer, rows in layers.items()}


def _pick(row: dict, columns: list[str]) -> dict[str, str]:
    return {column: row.get(column, "") for column in columns}


def _unit(row: dict) -> str:
    return row.get("statement_id") or row.get("qa_id") or ""


def _first_mentions(reader: PackageReader) -> list[dict]:
    out = []
    for row in reader.rows("mentions"):
        referent = next((row[field] for field in REFERENT_FIELDS if row.get(field)), "")
        out.append({**_pick(row, COLUMNS["mentions"]), "referent_id": referent})
    return out


def _first_claims(reader: PackageReader) -> list[dict]:
    return [{**_pick(row, COLUMNS["claims"]), "unit_id": _unit(row)} for row in reader.rows("claims")]


def _first_coded_events(reader: PackageReader) -> list[dict]:
    claim_of = {
        link["coded_event_id"]: link["claim_id"]
        for link in reader.rows("claim_links")
        if link["relation"] == "coded-as"
    }
    place_of = {loc["coded_event_id"]: loc["place_id"] for loc in reader.rows("locations") if loc["coded_event_id"]}
    out = []
    for row in reader.rows("coded_events"):
        event_id = row["coded_event_id"]
        out.append(
            {
                **_pick(row, COLUMNS["coded_events"]),
                "claim_id": claim_of.get(event_id, ""),
                "location_place_id": place_of.get(event_id, ""),
                "note": row.get("coder_note", ""),
            }
        )
    return out


def _first_topic_links(reader: PackageReader) -> list[dict]:
    return [
        {**_pick(row, COLUMNS["topic_links"]), "unit_id": _unit(row), "note": ""} for row in reader.rows("topic_links")
    ]


# -- reading an annotation folder --------------------------------------------------------


def read_annotation(folder) -> dict[str, list[dict[str, str]]]:
    """The five layers of an annotation folder, each row as {column: text}.

    Read through the file gate like every file of the package; the line ends may be CRLF (the
    second annotation's) or LF (the export's), so the CSV module sees the text untranslated."""
    layers = {}
    for layer in LAYERS:
        text = file_gate.read_text(Path(folder), f"{layer}.csv").removeprefix("\ufeff")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows or rows[0] != COLUMNS[layer]:
            raise ValueError(f"{folder}/{layer}.csv: the header must be {','.join(COLUMNS[layer])}")
        layers[layer] = [dict(zip(rows[0], cells)) for cells in rows[1:] if cells]
    return layers


# -- counting ----------------------------------------------------------------------------


def cohen_kappa(first: Sequence, second: Sequence) -> float | None:
    """Cohen's kappa of two annotators' labels for the same items; None for no items."""
    if len(first) != len(second):
        raise ValueError(f"{len(first)} labels against {len(second)}: kappa needs one label per item from each")
    n = len(first)
    if not n:
        return None
    categories = set(first) | set(second)
    if len(categories) == 1:
        return 1.0  # p_e = p_o = 1: perfect agreement, where the formula is 0/0
    observed = sum(a == b for a, b in zip(first, second)) / n
    counts_first, counts_second = Counter(first), Counter(second)
    expected = sum(counts_first[c] * counts_second[c] for c in categories) / (n * n)
    return (observed - expected) / (1 - expected)


def f1_figure(label: str, n_first: int, n_second: int, matched: int) -> dict:
    return {
        "label": label,
        "type": "f1",
        "precision": matched / n_second if n_second else None,
        "recall": matched / n_first if n_first else None,
        "f1": 2 * matched / (n_first + n_second) if n_first + n_second else None,
        "first": n_first,
        "second": n_second,
        "matched": matched,
    }


def set_f1_figure(label: str, first: set, second: set) -> dict:
    return f1_figure(label, len(first), len(second), len(first & second))


def rate_figure(label: str, agreeing: Iterable[bool]) -> dict:
    agreeing = list(agreeing)
    return {
        "label": label,
        "type": "percent",
        "value": sum(agreeing) / len(agreeing) if agreeing else None,
        "n": len(agreeing),
    }


def kappa_figure(label: str, pairs: list[tuple[str, str]]) -> dict:
    return {
        "label": label,
        "type": "kappa",
        "value": cohen_kappa([a for a, _ in pairs], [b for _, b in pairs]),
        "n": len(pairs),
    }


def labelled_figures(label: str, pairs: list[tuple[str, str]]) -> list[dict]:
    """Percent agreement and kappa of one categorical field on matched items."""
    return [
        rate_figure(f"{label}: agreement", (a == b for a, b in pairs)),
        kappa_figure(f"{label}: Cohen's kappa", pairs),
    ]


# -- matching ----------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two [start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = overlap(a, b)
    union = (a[1] - a[0]) + (b[1] - b[0]) - shared
    return shared / union if union else 0.0


def greedy_match(firsts: Sequence, seconds: Sequence, score: Callable) -> list[tuple]:
    """One-to-one pairs (first, second), best score first; `score` gives a tuple to maximise,
    or None when the two may not match. Ties go to the earlier items, so the result does not
    depend on the order of the candidates."""
    candidates = []
    for i, a in enumerate(firsts):
        for j, b in enumerate(seconds):
            value = score(a, b)
            if value is not None:
                candidates.append((tuple(-v for v in value), i, j))
    taken_first, taken_second, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in taken_first and j not in taken_second:
            taken_first.add(i)
            taken_second.add(j)
            pairs.append((firsts[i], seconds[j]))
    return pairs


def _span(row: dict) -> tuple[int, int]:
    return int(row["start"]), int(row["end"])


def _quote(row: dict, text_field: str = "text") -> str:
    start, end = _span(row)
    return f"{row[text_field]} [{start}-{end})"


def _disagreement(layer: str, item: str, field: str, first: str, second: str) -> dict[str, str]:
    return {"layer": layer, "item": item, "field": field, "first": first, "second": second}


def _ordered(rows: list[tuple[tuple, dict]]) -> list[dict]:
    """Disagreement rows in text order (the sort key is the item's position, then its field)."""
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _unmatched_rows(layer: str, first: list, second: list, pairs: list[tuple], describe: Callable) -> list[tuple]:
    """Field-`item` rows, with their sort keys, for the items of either side that no pair took;
    `describe` gives an item's (sort key, item key, text shown), the item key telling items apart."""
    paired_first, paired_second = {describe(a)[1] for a, _ in pairs}, {describe(b)[1] for _, b in pairs}
    rows = []
    for position, item, shown in map(describe, first):
        if item not in paired_first:
            rows.append((position, _disagreement(layer, item, "item", shown, "")))
    for position, item, shown in map(describe, second):
        if item not in paired_second:
            rows.append((position, _disagreement(layer, item, "item", "", shown)))
    return rows


# -- mentions ----------------------------------------------------------------------------


def _mention_value(row: dict) -> str:
    # Which event a date dates is not compared: the date itself is.
    return row["date_edtf"] if row["entity_kind"] == "date" else row["referent_id"]


def _mention_spans(rows: list[dict]) -> list[dict]:
    """One item per distinct span, with the sets of its rows' kinds and referents."""
    spans: dict[tuple[int, int], dict] = {}
    for row in rows:
        span = spans.setdefault(
            _span(row), {"span": _span(row), "text": row["text"], "kinds": set(), "referents": set()}
        )
        span["kinds"].add(row["kind"])
        span["referents"].add(_mention_value(row))
    return sorted(spans.values(), key=lambda item: item["span"])


def _shown_set(values: set) -> str:
    return "; ".join(sorted(values))


def _unmatched_mention(item: dict) -> tuple[tuple, str, str]:
    shown = f"{_quote_span(item)} {_shown_set(item['kinds'])}: {_shown_set(item['referents'])}"
    return (item["span"], 3), _span_key(item), shown


def compare_mentions(first_rows: list[dict], second_rows: list[dict]) -> tuple[list[dict], list[dict]]:
    first, second = _mention_spans(first_rows), _mention_spans(second_rows)
    exact = greedy_match(first, second, lambda a, b: () if a["span"] == b["span"] else None)

    def by_overlap(a, b):
        # The overlap is weighed relative to the two spans (Jaccard), the characters shared only
        # break ties: by characters alone, a long name would take the short name nested in it
        # from that name's exact counterpart ("Agreement on … of China" would pair with
        # "Ministry of Public Security of China", leaving both shorter spans unmatched).
        shared = overlap(a["span"], b["span"])
        return (jaccard(a["span"], b["span"]), shared) if shared else None

    overlapping = greedy_match(first, second, by_overlap)
    figures = [
        f1_figure("spans, exact match", len(first), len(second), len(exact)),
        f1_figure("spans, overlap match", len(first), len(second), len(overlapping)),
        rate_figure("referent accuracy (exact-matched spans)", (a["referents"] == b["referents"] for a, b in exact)),
        rate_figure("kind agreement (exact-matched spans)", (a["kinds"] == b["kinds"] for a, b in exact)),
        rate_figure("kind agreement (overlap-matched spans)", (a["kinds"] == b["kinds"] for a, b in overlapping)),
    ]
    return figures, _mention_disagreements(first, second, overlapping)


# (field, the item's set of values) compared on matched mentions, in the order of their rows.
MENTION_SETS = (("kind", "kinds"), ("referent", "referents"))


def _mention_disagreements(first: list[dict], second: list[dict], pairs: list[tuple]) -> list[dict]:
    rows = []
    for a, b in pairs:
        item = _span_key(a)
        if a["span"] != b["span"]:
            rows.append(((a["span"], 0), _disagreement("mentions", item, "extent", _quote_span(a), _quote_span(b))))
        for order, (field, values) in enumerate(MENTION_SETS, start=1):
            if a[values] != b[values]:
                shown = _shown_set(a[values]), _shown_set(b[values])
                rows.append(((a["span"], order), _disagreement("mentions", item, field, *shown)))
    return _ordered(rows + _unmatched_rows("mentions", first, second, pairs, _unmatched_mention))


def _span_key(item: dict) -> str:
    return f"{item['span'][0]}-{item['span'][1]}"


def _quote_span(item: dict) -> str:
    return f"{item['text']} [{_span_key(item)})"


# -- claims and their links --------------------------------------------------------------


def match_claims(first_rows: list[dict], second_rows: list[dict]) -> list[tuple[dict, dict]]:
    def score(a, b):
        if a["unit_id"] != b["unit_id"]:
            return None
        value = jaccard(_span(a), _span(b))
        return (value,) if value >= CLAIM_MIN_JACCARD else None

    return greedy_match(first_rows, second_rows, score)


CLAIM_FIELDS = (
    ("claimant", "claimant_id"),
    ("attribution", "attribution"),
    ("attributed source", "attributed_source_id"),
    ("stance", "stance"),
)


def compare_claims(first_rows: list[dict], second_rows: list[dict]) -> tuple[list[dict], list[dict]]:
    pairs = match_claims(first_rows, second_rows)
    figures = [
        f1_figure(f"claims (same unit, Jaccard ≥ {CLAIM_MIN_JACCARD})", len(first_rows), len(second_rows), len(pairs)),
        *labelled_figures("stance", [(a["stance"], b["stance"]) for a, b in pairs]),
        *labelled_figures("attribution", [(a["attribution"], b["attribution"]) for a, b in pairs]),
        rate_figure("claimant: agreement", (a["claimant_id"] == b["claimant_id"] for a, b in pairs)),
        rate_figure(
            "attributed source: agreement", (a["attributed_source_id"] == b["attributed_source_id"] for a, b in pairs)
        ),
    ]
    return figures, _claim_disagreements(first_rows, second_rows, pairs)


def _unmatched_claim(row: dict) -> tuple[tuple, str, str]:
    return (_span(row), 9), row["claim_id"], f"{row['unit_id']}: {_quote(row)}"


def _claim_disagreements(first_rows: list[dict], second_rows: list[dict], pairs: list[tuple]) -> list[dict]:
    rows = []
    for a, b in pairs:
        key = f"{a['claim_id']} / {b['claim_id']}"
        if _span(a) != _span(b):
            rows.append(((_span(a), 0), _disagreement("claims", key, "extent", _quote(a), _quote(b))))
        for order, (field, column) in enumerate(CLAIM_FIELDS, start=1):
            if a[column] != b[column]:
                rows.append(((_span(a), order), _disagreement("claims", key, field, a[column], b[column])))
    return _ordered(rows + _unmatched_rows("claims", first_rows, second_rows, pairs, _unmatched_claim))


def _links(rows: list[dict], relation: str, column: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in rows:
        if row["relation"] == relation:
            out.setdefault(row["claim_id"], set()).add(row[column])
    return out


def compare_claim_links(first: dict, second: dict, pairs: list[tuple[dict, dict]]) -> tuple[list[dict], list[dict]]:
    """Links of matched claims, as (first's claim ID, value) pairs on both sides: the second's
    claim IDs, and the targets of its responds-to links, are translated through the matching."""
    to_first = {b["claim_id"]: a["claim_id"] for a, b in pairs}
    to_second = {a: b for b, a in to_first.items()}
    position = {a["claim_id"]: (_span(a), a["claim_id"]) for a, _ in pairs}
    figures, rows = [], []
    for relation, column, label in (
        ("subject", "actor_id", "subject: (claim, actor) pairs"),
        ("responds-to", "target_claim_id", "responds-to: (claim, target claim) pairs"),
        ("topic", "topic_id", "topic: (claim, topic) pairs"),
    ):
        links_first, links_second = (
            _links(first["claim_links"], relation, column),
            _links(second["claim_links"], relation, column),
        )
        first_pairs = {(c, v) for c, values in links_first.items() if c in to_second for v in values}
        second_pairs = {(to_first[c], v) for c, values in links_second.items() if c in to_first for v in values}
        if relation == "responds-to":  # a target counts only when it is matched too
            first_pairs = {(c, t) for c, t in first_pairs if t in to_second}
            second_pairs = {(c, to_first[t]) for c, t in second_pairs if t in to_first}
        figure = set_f1_figure(label, first_pairs, second_pairs)
        if relation == "topic" and not (first_pairs and second_pairs):
            # Topics of claims are optional: a side without any is no evidence of disagreement.
            figures.append({**figure, "precision": None, "recall": None, "f1": None})
            continue
        figures.append(figure)
        for claim, value in first_pairs ^ second_pairs:
            in_first = (claim, value) in first_pairs
            shown = value if relation != "responds-to" or in_first else f"{to_second[value]} ({value})"
            item = f"{claim} / {to_second[claim]}"
            row = _disagreement("claim_links", item, relation, shown if in_first else "", "" if in_first else shown)
            rows.append(((position[claim], relation, value), row))
    return figures, _ordered(rows)


# -- coded events ------------------------------------------------------------------------


EVENT_FIELDS = (
    ("cameo_code", "cameo_code"),
    ("actor", "actor_id"),
    ("target", "target_id"),
    ("date", "date"),
    ("location", "location_place_id"),
)


def match_events(first_rows: list[dict], second_rows: list[dict]) -> list[tuple[dict, dict]]:
    def score(a, b):
        shared = overlap(_span(a), _span(b))
        if not shared:
            return None
        same = (a["actor_id"] == b["actor_id"]) + (a["target_id"] == b["target_id"])
        return (same, shared)

    return greedy_match(first_rows, second_rows, score)


def compare_coded_events(first_rows: list[dict], second_rows: list[dict]) -> tuple[list[dict], list[dict]]:
    pairs = match_events(first_rows, second_rows)
    figures = [
        f1_figure("coded events (evidence overlaps)", len(first_rows), len(second_rows), len(pairs)),
        *labelled_figures("CAMEO code", [(a["cameo_code"], b["cameo_code"]) for a, b in pairs]),
        *labelled_figures("CAMEO root", [(a["cameo_code"][:2], b["cameo_code"][:2]) for a, b in pairs]),
        rate_figure("actor: agreement", (a["actor_id"] == b["actor_id"] for a, b in pairs)),
        rate_figure("target: agreement", (a["target_id"] == b["target_id"] for a, b in pairs)),
        rate_figure("date: agreement", (a["date"] == b["date"] for a, b in pairs)),
        rate_figure("location: agreement", (a["location_place_id"] == b["location_place_id"] for a, b in pairs)),
    ]
    return figures, _event_disagreements(first_rows, second_rows, pairs)


def _unmatched_event(row: dict) -> tuple[tuple, str, str]:
    where = f" at {row['location_place_id']}" if row["location_place_id"] else ""
    coded = f"{row['cameo_code']} {row['actor_id']} -> {row['target_id']} on {row['date']}{where}"
    event_id = row["coded_event_id"]
    return (_span(row), event_id, 9), event_id, f"{coded}: {_quote(row, 'evidence')}"


def _event_disagreements(first_rows: list[dict], second_rows: list[dict], pairs: list[tuple]) -> list[dict]:
    rows = []
    for a, b in pairs:
        item = f"{a['coded_event_id']} / {b['coded_event_id']}"
        for order, (field, column) in enumerate(EVENT_FIELDS):
            if a[column] != b[column]:
                rows.append(
                    (
                        (_span(a), a["coded_event_id"], order),
                        _disagreement("coded_events", item, field, a[column], b[column]),
                    )
                )
    return _ordered(rows + _unmatched_rows("coded_events", first_rows, second_rows, pairs, _unmatched_event))


# -- topic links -------------------------------------------------------------------------


def compare_topic_links(first_rows: list[dict], second_rows: list[dict]) -> tuple[list[dict], list[dict]]:
    first = {(row["topic_id"], row["unit_id"]): row for row in first_rows}
    second = {(row["topic_id"], row["unit_id"]): row for row in second_rows}
    figures = [set_f1_figure("(topic, unit) pairs", set(first), set(second))]
    rows = []
    for key in set(first) ^ set(second):
        topic, unit = key
        a, b = first.get(key), second.get(key)
        shown = _quote(a, "evidence") if a else "", _quote(b, "evidence") if b else ""
        rows.append(((_span(a or b), topic), _disagreement("topic_links", f"{unit} {topic}", "item", *shown)))
    return figures, _ordered(rows)


# -- the whole comparison ----------------------------------------------------------------


def _compare(first_dir, second_dir) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    first, second = read_annotation(first_dir), read_annotation(second_dir)
    claim_pairs = match_claims(first["claims"], second["claims"])
    results = {
        "mentions": compare_mentions(first["mentions"], second["mentions"]),
        "claims": compare_claims(first["claims"], second["claims"]),
        "claim_links": compare_claim_links(first, second, claim_pairs),
        "coded_events": compare_coded_events(first["coded_events"], second["coded_events"]),
        "topic_links": compare_topic_links(first["topic_links"], second["topic_links"]),
    }
    return {layer: figures for layer, (figures, _) in results.items()}, {
        layer: rows for layer, (_, rows) in results.items()
    }


def agreement(first_dir, second_dir) -> dict:
    """The figures of each layer (a list of dicts with `label`, `type` and the values with their
    n), and under "disagreements" the rows of each layer that `disagreements` lists."""
    figures, rows = _compare(first_dir, second_dir)
    return {**figures, "disagreements": rows}


def disagreements(first_dir, second_dir) -> list[dict[str, str]]:
    """Every disagreement, layer by layer in text order: the rows of `annotation/disagreements.csv`."""
    _, rows = _compare(first_dir, second_dir)
    return [row for layer in LAYERS for row in rows[layer]]


# -- the kept files ----------------------------------------------------------------------


FIELD_ORDER = (
    *("item", "extent", "kind", "referent", "claimant", "attribution", "attributed source", "stance"),
    *("subject", "responds-to", "topic", "cameo_code", "actor", "target", "date", "location"),
)

INTRODUCTION = f"""# Inter-annotator agreement: the {FIRST_RELEASE} annotation and a blind second annotation

Generated by `write_files` in `src/india_china_security_meetings/agreement.py` from
`annotation/first/` and `annotation/second/`; do not edit by hand.
`{REGENERATE}` rewrites it, and `tests/test_agreement.py` fails when it is stale.

## What was compared

- **First annotation** (`annotation/first/`): the package's own layers as released in
  {FIRST_RELEASE} (`mentions`, `claims`, `claim_links`, `coded_events`, `topic_links`), exported
  into the second annotation's files and columns. It was made by the package's curators with the
  sources at hand and checked by the package's validator (the coded events were corrected from
  1.0.0 to {FIRST_RELEASE}; mentions, claims and their links came in {FIRST_RELEASE}). The
  {FIRST_RELEASE} annotation guide (`docs/annotation.md`) was written with it, and several of the
  guide's examples are its decisions on this very text, so agreement is to be expected where the
  guide quotes the text, and is not evidence of the guide's clarity there.
- **Second annotation** (`annotation/second/`): made blind, before any adjudication. Its annotator
  had not seen the package's annotation layers, notes, CHANGELOG or issues, and was given only the held
  text (byte for byte), the {FIRST_RELEASE} annotation guide, the inventory of IDs (actors, places, events,
  agreements and sources with labels, topics with definitions, the statement and press-conference
  paragraphs with their issuer or speaker and offsets), GDELT's Goldstein values for CAMEO roots 01–12
  and the CAMEO → PLOVER lines for roots 03–06 and 10–12. It took about 40 minutes and wrote down 20
  places where the guide was ambiguous or silent (`annotation/second/notes.md`); it minted one ID
  (`new-src-unnamed-reports`).

Both annotations use the same IDs and the same units (the paragraphs were given), so only spans
and items need matching; the second's notes were not used by the comparison.

## Matching rules

Matching is one-to-one and greedy: the candidate pairs are sorted by the stated preference, best
first (ties to the earlier items), and a pair is taken when neither of its items is taken yet.

- **Mentions.** An item is a distinct span (start, end); the rows on one span (a descriptor of two
  entities has one row per entity) are one item, with the set of their referents and of their
  kinds. *Exact match*: the same start and end. *Overlap match*: spans that share at least one
  character, by the largest overlap relative to the two spans (Jaccard: characters shared over
  characters of either), then by the most characters shared; the relative measure keeps a long
  name from taking the short name nested in it away from that name's exact counterpart.
  *Referent accuracy* (exact-matched spans): the sets of referents are equal, a row's referent
  being its `referent_id`, or for a date its `date_edtf` (which event a date dates is not
  compared). *Kind agreement*: the sets of `kind` are equal.
- **Claims.** Two claims match when they are in the same unit and their spans' Jaccard is at
  least {CLAIM_MIN_JACCARD}, by the largest Jaccard. On matched claims: percent agreement and Cohen's
  kappa for stance and for attribution, percent agreement for claimant and attributed source.
- **Claim links**, on matched claims only (the links of an unmatched claim are not counted
  again): F1 over (claim, actor) pairs of `subject` links, over (claim, target claim) pairs of
  `responds-to` links whose target is matched too, and over (claim, topic) pairs of `topic` links
  (computed only when both annotations have them), the second's claim IDs read through the
  matching. `coded-as` links are compared as coded events.
- **Coded events.** Two events are candidates when their evidence spans share at least one
  character; preferred are pairs with the same actor and target (both, then one, then neither),
  then the largest overlap in characters. On matched events: percent agreement and kappa for the
  full CAMEO code and for its root (the first two digits); percent agreement for actor, target,
  date (the EDTF string) and location.
- **Topic links.** F1 over distinct (topic, unit) pairs; the evidence words are not compared.

Cohen's kappa is (p_o − p_e) / (1 − p_e), p_e from each annotator's own distribution of
categories; it is 1.0 when both annotators use one and the same category throughout (where the
formula is 0/0).
"""

# Written from reading annotation/disagreements.csv row by row; a constant, so that the
# rendering is deterministic. The two annotations are frozen, so the rows it describes are too.
MOSTLY_ABOUT = """Where both annotators marked the same words, they read them the same way: every
exact-matched mention has the same referents and kind, and every matched claim the same claimant,
attribution and stance. The disagreements are about how much to mark and where a span stops, and
most of them follow from places the guide is silent on (the second annotator's notes name most of
them in advance).

- **Mention extents** (23 rows, and the 6 kind rows that follow from them). The meeting's name with
  or without "First"/"first" (3); the names of the ministries and the agreement (9): the first ends
  the ministry names at "Ministry of Home Affairs" and "Ministry of Public Security" and takes the
  whole "Agreement on Security Cooperation between the Ministry … of China" and "cooperation
  agreement between … of the Republic of India" as names of the agreement, the second takes "…
  of India" and "… of the People’s Republic of China" into the ministry names and marks only
  "Agreement on Security Cooperation" and the descriptor "the cooperation agreement"; articles and
  modifiers of descriptors, "a bilateral visit to India", "a visit in New Delhi", "a successful
  informal meeting in Wuhan", "the high-level meeting …" (a name for the first, a descriptor for
  the second), "Zhao Kezhi’s meeting with … Rajnath Singh" against "meeting" (5); date expressions
  with or without their preposition ("from 21 to 25 October, 2018", "On October 22"), and "today
  (22 October, 2018)" as one relative date (first) or "today" and "22 October, 2018" (second) (3);
  the press-conference headings (2); "ULFA’s leader Paresh Baruah" as one title-name against the
  name alone (1).
- **Mentions on one side only** (19, all but one the second's). Relative dates the first leaves
  unmarked ("currently", "Now", "just now", "for the moment", and "today", which the first marks
  only within "today (22 October, 2018)"); the
  demonym "Indian" as a name of India (2); the page title, the transcript title and the "… Press
  Conference Response" heading annotated a second time as documents; descriptors the first does
  not have: "talks", "Reports" (twice, with a minted ID), "Jaish-e-Mohammed (JeM)’s leader" as an
  appositive, "our law enforcement departments", "each other’s territory" and "its territory",
  and "the leader of the United Liberation Front of Assam", a description of Paresh Baruah that the
  guide's "every reference by … description" covers and the first misses. The first alone marks
  "travel to Mumbai" as a mention of the Mumbai trip.
- **Claim extents** (12). Whether the framing words belong to the claim: the attributive lead-ins
  "Reports say that", "According to the readout that has been released", "Like I said just now",
  "I want to stress that", the opener "During the meeting," and the connective "during which";
  and the final full stop, which the first leaves out of the statement's claims but keeps in the
  press conference's, and the second always keeps. The second also has three claims the first
  does not (the pointer "You can get a main picture of the meeting in the readout", the restated
  premise "You also mentioned that …", and "This position has not changed and will not change",
  which the first keeps in the claim before it), and names the unnamed reports as a source where
  the first leaves the attributed source empty (2).
- **Claim links** (19). `responds-to` is the largest gap (9): the second links the significance
  clause of answer 1 and every claim of its second paragraph, background included, to the signing
  premise, the readout sentence of answer 2 to both premises and "We would like to strengthen …"
  to the UN-listing premise, where the first links only the claims that take a premise up. The
  second also adds subjects (the ministries behind "our law enforcement departments", the two
  ministers of the readout's meeting, the spokesperson of "I am not aware": 5) and topics (5).
- **Coded events** (33). Mostly whether to code every report of the same real-world event: the
  second codes the meeting, the talks, the visit and the signing again from the question's
  premises, from answer 1 and from the co-chairing sentence (12 rows), where the first codes each
  once, from the statement; so whether question premises are coded at all. The second also codes
  what the first leaves uncoded: the Mumbai trip, the Wuhan meeting of April, "Meanwhile, we will
  expand …", the statement's own assessment of the Agreement (013) and "we will base our decisions
  on the merits of each case" (8), while the first alone codes "we have reiterated our position
  many times" (010). On the 18 matched events: who acts for "the two sides discussed" (the two
  ministers in the first, India and China in the second: 4 rows) and for the spokesperson's "We
  would like to strengthen …" (the spokesperson or China); 051 or 013 for "which is of great
  importance …", 030 or 0313 for the stated intent to cooperate on counter-terrorism; the visit
  dated by its first day or by its whole interval (2); and the place of the signing and of the
  reported request about Paresh Baruah, New Delhi for the second and none for the first, whose
  words do not say where (3).
- **Topic links** (2). The second applies the visit rule to question 1's "a visit in New Delhi"
  and links "bilateral ties" in answer 1 to bilateral relations.
"""


def _number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _figure_cells(figure: dict) -> tuple[str, str]:
    """(value, n) of a figure as the table shows them."""
    if figure["type"] == "f1":
        value = f"F1 {_number(figure['f1'])} (P {_number(figure['precision'])}, R {_number(figure['recall'])})"
        if figure["f1"] is None:
            value = "not compared: one side has none"
        return value, f"first {figure['first']}, second {figure['second']}, matched {figure['matched']}"
    if figure["type"] == "percent":
        shown = "n/a" if figure["value"] is None else f"{100 * figure['value']:.1f} %"
        return shown, str(figure["n"])
    return f"κ = {_number(figure['value'])}", str(figure["n"])


def _figures_table(figures: dict) -> list[str]:
    lines = ["| layer | figure | value | n |", "|---|---|---|---|"]
    for layer in LAYERS:
        for figure in figures[layer]:
            value, n = _figure_cells(figure)
            lines.append(f"| {layer} | {figure['label']} | {value} | {n} |")
    return lines


def _disagreement_table(rows_by_layer: dict[str, list[dict]]) -> list[str]:
    lines = ["| layer | rows | by field |", "|---|---|---|"]
    for layer in LAYERS:
        counts = Counter(row["field"] for row in rows_by_layer[layer])
        fields = sorted(counts, key=lambda f: (FIELD_ORDER.index(f) if f in FIELD_ORDER else len(FIELD_ORDER), f))
        shown = ", ".join(f"{field} {counts[field]}" for field in fields) or "none"
        lines.append(f"| {layer} | {sum(counts.values())} | {shown} |")
    return lines


def render_markdown(figures: dict) -> str:
    """`annotation/agreement.md` for the figures `agreement` returns."""
    rows = figures["disagreements"]
    total = sum(len(rows[layer]) for layer in LAYERS)
    parts = [
        INTRODUCTION,
        "## Figures\n",
        "Precision and recall take the first annotation as the reference, which names the two directions and "
        "makes it no gold standard (recall: share of the first's items the second also has; precision: share "
        "of the second's items the first also has); F1 is symmetric. Each agreement figure is computed on the "
        "matched items its label names, and n counts them.\n",
        "\n".join(_figures_table(figures)) + "\n",
        "## Disagreements\n",
        f"`annotation/disagreements.csv` lists {total} rows (columns layer, item, field, first, second): an item "
        "on one side only is field `item`, with the other side empty; a matched item gives one row per field "
        "that differs. It is the input of the adjudication table.\n",
        "\n".join(_disagreement_table(rows)) + "\n",
        "## What the disagreements were mostly about\n",
        MOSTLY_ABOUT,
    ]
    return "\n".join(parts)


def write_files(root) -> list[str]:
    """Regenerate annotation/first/ (from release 1.2.0), annotation/agreement.md and
    annotation/disagreements.csv; the paths whose bytes changed, relative to `root`."""
    root = Path(root)
    with snapshot(FIRST_RELEASE, root) as package:
        files = {f"{FIRST_DIR}/{name}": data for name, data in export_first(package).items()}
    files[f"{FIRST_DIR}/README.md"] = FIRST_README.encode("utf-8")
    changed = [rel for rel, data in files.items() if write_atomic(root / rel, data, root)]
    # After the export: the figures are computed from annotation/first/ as just written.
    return changed + [rel for rel, data in derived_files(root).items() if write_atomic(root / rel, data, root)]


def derived_files(root) -> dict[str, bytes]:
    """annotation/agreement.md and annotation/disagreements.csv as the kept annotations give them."""
    root = Path(root)
    figures = agreement(root / FIRST_DIR, root / SECOND_DIR)
    rows = [row for layer in LAYERS for row in figures["disagreements"][layer]]
    return {
        AGREEMENT_MD: render_markdown(figures).encode("utf-8"),
        DISAGREEMENTS_CSV: render_csv(DISAGREEMENT_COLUMNS, rows),
    }


def _figure(figures: dict, layer: str, label: str) -> dict:
    return next(f for f in figures[layer] if f["label"] == label)


def summary_markdown(root) -> str:
    """The agreement in a few sentences, for the README and the datasheet (generated, so the
    figures have one home: the two kept annotations)."""
    root = Path(root)
    figures = agreement(root / FIRST_DIR, root / SECOND_DIR)
    exact = _figure(figures, "mentions", "spans, exact match")
    overlap = _figure(figures, "mentions", "spans, overlap match")
    referent = _figure(figures, "mentions", "referent accuracy (exact-matched spans)")
    stance = _figure(figures, "claims", "stance: Cohen's kappa")
    attribution = _figure(figures, "claims", "attribution: Cohen's kappa")
    events = _figure(figures, "coded_events", "coded events (evidence overlaps)")
    code = _figure(figures, "coded_events", "CAMEO code: agreement")
    kappa = _figure(figures, "coded_events", "CAMEO code: Cohen's kappa")
    topics = _figure(figures, "topic_links", "(topic, unit) pairs")
    count = sum(len(rows) for rows in figures["disagreements"].values())
    return (
        f"An independent second annotation, made blind from the held text and the {FIRST_RELEASE} guide, "
        f"agrees with the {FIRST_RELEASE} annotation as follows (`{AGREEMENT_MD}`): mention spans F1 "
        f"{_number(exact['f1'])} exact and {_number(overlap['f1'])} overlapping, with the same referent on "
        f"{100 * referent['value']:.0f} % of the {referent['n']} exactly matched spans; claims' stance and "
        f"attribution κ = {_number(stance['value'])} and {_number(attribution['value'])} on {stance['n']} matched "
        f"claims; coded events F1 {_number(events['f1'])}, the full CAMEO code agreeing on "
        f"{100 * code['value']:.0f} % of the {code['n']} matched events (κ = {_number(kappa['value'])}); topic "
        f"links F1 {_number(topics['f1'])}. Most of the {count} disagreements are about how much to mark "
        "(span extents, time expressions, demonyms) and whether a question's premises are coded again as "
        f"events, not about what the words mean; they are listed in `{DISAGREEMENTS_CSV}` for adjudication."
    )
