"""What the package promises, declared in code so that no change to its files can switch a check off.

The rules read most of their configuration from the schemas (`x-span`, `categories`, keys), which
any change can edit. This module pins the part that must not silently disappear: which tables
exist, which fields are verbatim text with their span columns, which fields must be unique
together beyond the ID, which date pairs are ordered, and which files besides the resources may
live under `data/` and `schemas/`. The contract rules compare the files with it; loosening the
contract is then a visible change to this file, not a side effect of a data edit.
"""

from __future__ import annotations

from .layout import TABLES

# Every table the package must have (a dropped table is an error, not a skipped check).
REQUIRED_TABLES = TABLES

# table -> {verbatim field: (source field, start field, end field)}: each must keep exactly this x-span.
VERBATIM = {
    "actors": {"name": ("source_id", "name_start", "name_end")},
    "agreements": {
        "name_india": ("source_id", "name_india_start", "name_india_end"),
        "name_china": ("source_id", "name_china_start", "name_china_end"),
        "areas": ("source_id", "areas_start", "areas_end"),
    },
    "claims": {"text": ("source_id", "start", "end")},
    "coded_events": {
        "location": ("source_id", "location_start", "location_end"),
        "evidence": ("source_id", "start", "end"),
    },
    "date_evidence": {"text": ("source_id", "start", "end")},
    "events": {
        "date_text": ("source_id", "date_text_start", "date_text_end"),
        "name_india": ("source_id", "name_india_start", "name_india_end"),
        "name_china": ("source_id", "name_china_start", "name_china_end"),
        "place": ("source_id", "place_start", "place_end"),
    },
    "mentions": {"text": ("source_id", "start", "end")},
    "participants": {"title": ("source_id", "title_start", "title_end")},
    "places": {"name": ("source_id", "name_start", "name_end")},
    "qa": {"text": ("source_id", "start", "end")},
    "segments": {"text": ("source_id", "start", "end")},
    "statements": {"text": ("source_id", "start", "end")},
    "topic_links": {"evidence": ("source_id", "start", "end")},
}

# table -> fields whose values are URLs (besides any field of format `uri`): each must be https or
# http with a host (rule values/url-scheme), since the release files and the page make them links.
URL_FIELDS = {
    "sources": ("url",),
    "external_values": ("reference",),
}

# Tables whose rows each represent one body paragraph of a held source, together covering all of them.
PARAGRAPH_TABLES = ("statements", "qa")

# table -> fields that identify a row's content: two rows equal on all of them say the same thing
# twice under two IDs (a coded event copied under a new ID, a topic linked twice to one span).
NATURAL_KEYS = {
    "segments": ("source_id", "start", "end"),
    "statements": ("source_id", "start", "end"),
    "qa": ("source_id", "start", "end"),
    "participants": ("event_id", "actor_id", "role"),
    "topic_links": ("topic_id", "statement_id", "qa_id", "source_id", "start", "end"),
    "coded_events": (
        "event_id",
        "date",
        "actor_id",
        "target_id",
        "cameo_code",
        "statement_id",
        "qa_id",
        "source_id",
        "start",
        "end",
    ),
    "actors": ("label", "kind", "country"),
    "places": ("source_id", "name_start", "name_end"),
    "locations": ("event_id", "coded_event_id"),
    "date_evidence": ("event_id", "bound", "source_id", "start", "end"),
    "mentions": (
        "source_id",
        "start",
        "end",
        "actor_id",
        "place_id",
        "event_id",
        "agreement_id",
        "source_ref_id",
        "date_edtf",
    ),
    "claims": ("source_id", "start", "end"),
    "claim_links": ("claim_id", "relation", "actor_id", "topic_id", "target_claim_id", "coded_event_id"),
    "external_values": ("resource", "record_id", "field"),
    "topics": ("label",),
    "sources": ("kind", "label"),
}

# (table, earlier date field, later date field): when both are set, the first is not after the second.
DATE_ORDER = (
    ("events", "earliest", "latest"),
    ("sources", "dated", "updated"),
)

# Tables whose values must equal the coding authorities' own files (see authorities/README.md).
PINNED_REFERENCE_TABLES = ("cameo_codes",)

# Folders whose every file must be declared, and the files there that are not resources but
# belong to the package: the vendored official profiles (see schemas/profiles/README.md).
DECLARED_FOLDERS = ("data", "schemas")
VENDORED_PREFIXES = ("schemas/profiles/",)
