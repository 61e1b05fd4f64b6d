"""Every code the tools can report, declared once: its name, the one-line summary the rule
catalogue shows, and the template of its message. Reporters name the constant, never the string.

A code whose failures read differently keeps one template per variant; `{message}` stands for
text made elsewhere (a refusal, a jsonschema error, a value check of value_safety.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem, problem


# eq=False: a code is its declaration (hashable by identity), whatever its templates hold.
@dataclass(frozen=True, eq=False)
class Code:
    name: str
    summary: str
    # Without a template, the message is made where the fault is found (a refusal, a jsonschema
    # error, a value check) and passed as `message`.
    template: str | dict[str, str] = "{message}"

    def of_type(self, kind: str) -> Code:
        """The code of one kind of a family reported under another tool's names (frictionless/<error-type>)."""
        return Code(self.name.replace("<error-type>", kind), self.summary, self.template)

    def text(self, variant: str | None = None, **values) -> str:
        return (self.template if variant is None else self.template[variant]).format(**values)

    # path, line and field are positional-only so that a template may name its own `path` or `line`.
    def at(
        self, path, line=None, field=None, /, *, fatal: bool = False, variant: str | None = None, **values
    ) -> Problem:
        return problem(self, path, self.text(variant, **values), line, field, fatal)


# The declarations are a table, one code to a line and its template below: the formatter would
# spread each over five.
# fmt: off

# paths
PATH_URL = Code("path/url", "A path is a URL or has a scheme: nothing is ever fetched, so it is not opened.",
    "{rel!r} is a URL or has a scheme; only relative paths inside the package are allowed and nothing is fetched")
PATH_ABSOLUTE = Code("path/absolute", "A path is absolute (/, ~ or a drive letter) instead of relative to the descriptor.",
    "{rel!r} is absolute; use a path relative to the descriptor")
PATH_BACKSLASH = Code("path/backslash", "A path uses backslashes instead of POSIX '/' separators.",
    "{rel!r} contains a backslash; use POSIX '/' separators")
PATH_PARENT = Code("path/parent", "A path refers to a parent folder ('..').",
    "{rel!r} refers to a parent folder ('..')")
PATH_HIDDEN = Code("path/hidden", "A path is, or lies in, a hidden file or folder (a segment starting with '.').",
    "{rel!r} is or lies in a hidden file or folder")
PATH_MALFORMED = Code("path/malformed", "A path is empty, has an empty segment or surrounding spaces.",
    "{rel!r} has an empty segment, a NUL or surrounding spaces")
PATH_ESCAPES = Code("path/escapes", "A path resolves outside the package through a symbolic link.", {
    "resolves": "{rel!r} resolves outside the package (through a symbolic link)",
    "outside": "{target} lies outside {root}",
    "default-output": "{out} is a link: the default output folder must be a folder of the package",
})
PATH_MISSING = Code("path/missing", "A path names no existing file.", {
    "absent": "{rel!r} does not exist or is not a file",
    "own": "{rel!r} does not exist",
    "unopened": "{rel!r} cannot be opened ({why})",
})
PATH_NOT_REGULAR = Code("path/not-regular", "A path names a FIFO, socket or device instead of a regular file; it is never opened.", {
    "read": "{rel!r} is not a regular file (a FIFO, socket or device); it is not opened",
    "written": "{path} is a link, folder, FIFO or device: nothing is written there",
})
PATH_TOO_LARGE = Code("path/too-large", "A file is larger than a file of this package may be, or the package's files together are: it is never read.", {
    "bytes": "{rel!r} has {size} bytes, more than the {limit} a file of this package may have; it is not read",
    "grew": "{rel!r} grew beyond {limit} bytes while it was read; it is not used",
    "lines": "{rel!r} has {lines} lines, more than the {limit} a file of this package may have; it is not used",
    "package": "resource {name!r}: the resource files up to this one hold {total} bytes and {table_lines} table lines, more than the {max_bytes} bytes or {max_lines} table lines a package may have; it is not read",
    "table-lines": "resource {name!r} has {lines} lines, more than the {limit} a table of this package may have; it is not read",
})
PATH_MULTIPLE = Code("path/multiple", "A resource has an array of paths; this package uses one file per resource.",
    "a resource must have one path (a string); arrays of paths are not used in this package")
RESOURCE_COMPRESSED = Code("resource/compressed", "A resource is compressed or declares a compression; this package uses none, so it is not decompressed.",
    "resource {name!r} is compressed ({compression!r}); store it uncompressed")
RESOURCE_FORMAT = Code("resource/format", "A resource's format is not the one its type allows (csv for tables, json otherwise), so no other reader is asked.",
    "resource {name!r} has format {declared!r} and file {path!r}; a {kind} resource must be {allowed}")
DESCRIPTOR_UNSAFE_NAME = Code("descriptor/unsafe-name", "The package or a resource name is not lowercase letters, digits, '.', '_' or '-' (it names files and folders).", {
    "package": "name {name!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
    "resource": "resource name {name!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
})

# descriptor
DESCRIPTOR_PROFILE = Code("descriptor/profile", "The descriptor validates against the official Data Package 2.0 profile, formats included.", {
    "profile": "{where}: {message} (Data Package 2.0 profile, rule {validator!r})",
    "schema": "$schema must be https://datapackage.org/profiles/2.0/datapackage.json (without it, tools read the package as v1)",
    "resources": "must be an object with a list of resources",
    "entry": "resources/{index} must be an object",
})
DESCRIPTOR_HASH_FORMAT = Code("descriptor/hash-format", "A resource's hash is not spelled 'sha256:' + 64 lowercase hex digits (other spellings go unverified).",
    "resource {name!r}: hash {declared_hash!r} must be 'sha256:' followed by 64 lowercase hex digits")
DESCRIPTOR_HASH_MISSING = Code("descriptor/hash-missing", "A resource has no hash or no bytes.",
    "resource {name!r} has no {missing!r}")
FILE_HASH_MISMATCH = Code("file/hash-mismatch", "A file's SHA-256 digest differs from its resource's hash.",
    "file sha256 is {actual} but the descriptor says {declared_hash} (resources/{index}/hash); rebuild with `make build`")
FILE_BYTES_MISMATCH = Code("file/bytes-mismatch", "A file's size differs from its resource's bytes.",
    "file has {size} bytes but the descriptor says {declared_bytes} (resources/{index}/bytes); rebuild with `make build`")
DESCRIPTOR_DUPLICATE_KEY = Code("descriptor/duplicate-key", "No object of the descriptor has a key twice (one reader keeps the first value, another the last).",
    "{where}: the key {key!r} appears twice in one object")
DESCRIPTOR_VERSION = Code("descriptor/version", "The package version is MAJOR.MINOR.PATCH (semantic versioning, no prefix or suffix).",
    "version {version!r} is not MAJOR.MINOR.PATCH (e.g. 1.0.0)")
DESCRIPTOR_METADATA = Code("descriptor/metadata", "The descriptor carries the metadata this package promises its users (name, title, version, licences, sources, …).", {
    "invalid": "{pointer} {message}",
    "missing": "{key!r} is missing or empty; users cite and load the package by it",
})

# schemas
SCHEMA_UNREADABLE = Code("schema/unreadable", "A table resource's Table Schema is missing, unreadable or not a JSON object.")
SCHEMA_PROFILE = Code("schema/profile", "A Table Schema violates the official Table Schema 2.0 profile.",
    "{loc}: {message} (Table Schema 2.0 profile)")
SCHEMA_ENUM_CATEGORIES = Code("schema/enum-categories", "A field with `categories` has `constraints.enum` listing exactly those values (frictionless checks only enum).",
    "constraints.enum {enum!r} differs from the categories {values!r}; run `make build`")

# contract
CONTRACT_TABLE_MISSING = Code("contract/table-missing", "Every table the contract names is a table resource of the descriptor (a dropped table is not a skipped check).",
    "the table {name!r} is missing; the package promises it (contract.REQUIRED_TABLES) and rules depend on it")
CONTRACT_SPAN_DECLARATION = Code("contract/span-declaration", "Every verbatim field the contract names keeps `x-origin: verbatim` and its `x-span` (source, start, end) in its Table Schema.", {
    "missing": "verbatim field {name!r} of {table} is missing from the schema",
    "changed": "{table}.{name} must keep x-origin 'verbatim' and x-span {expected} (it has {x_origin!r}, {x_span}); its text is checked against the source through it",
})
CONTRACT_UNDECLARED_FILE = Code("contract/undeclared-file", "Every file under data/ and schemas/ is a resource, a schema, a held source or a vendored profile (a stray file is not ignored).",
    "lies in a package folder but no resource, schema or held source names it; remove it or declare it")

# frictionless_layer
FRICTIONLESS = Code("frictionless/<error-type>", "frictionless 5.21 validation: types, constraints, keys; the code names frictionless's error type.")

# text_files
BYTES_NOT_UTF8 = Code("bytes/not-utf8", "A file is not valid UTF-8.",
    "byte {offset} (0x{byte:02x}) is not valid UTF-8")
BYTES_BOM = Code("bytes/bom", "A file starts with a byte order mark.",
    "file starts with a UTF-8 byte order mark; save it without BOM")
BYTES_CRLF = Code("bytes/crlf", "A file has a carriage return (CR); lines must end with LF only.",
    "carriage return found; line endings must be LF only")
BYTES_FINAL_NEWLINE = Code("bytes/final-newline", "A file does not end with exactly one LF.",
    "file must end with exactly one LF")
BYTES_NOT_NFC = Code("bytes/not-nfc", "A line is not in Unicode Normalization Form C.",
    "line is not in Unicode NFC; normalise it")
BYTES_CONTROL_CHAR = Code("bytes/control-char", "A line holds a control character (NUL, C0 other than tab and LF, DEL or C1).",
    "control character U+{codepoint:04X} found")
CSV_MALFORMED = Code("csv/malformed", "A CSV file cannot be parsed (broken quoting, or a field over the parser's size limit).",
    "the file cannot be parsed as CSV (unbalanced quotes or an oversized field)")
CSV_RAGGED_ROW = Code("csv/ragged-row", "A CSV record has a different number of cells from the header.",
    "record has {count} cells but the header has {n_header}")
CSV_NOT_CANONICAL = Code("csv/not-canonical", "A CSV file is not in the canonical form (minimal RFC 4180 quoting, LF, header row).",
    "bytes differ from the canonical CSV form (UTF-8, LF, minimal RFC 4180 quoting); rewrite it with the project's CSV writer")
CSV_CELL_WHITESPACE = Code("csv/cell-whitespace", "A CSV cell starts or ends with whitespace.",
    "cell {value!r} has leading or trailing whitespace")
CSV_FORMULA = Code("csv/formula", "A string cell starts with =, +, -, @, tab or CR and is not a number (spreadsheet formula injection).",
    "cell {value!r} starts with {first!r} and would run as a spreadsheet formula")
CSV_NEWLINE_IN_CELL = Code("csv/newline-in-cell", "A cell holds a line break (quoted LF or CR): every record of this package is one line, and many readers split it.",
    "cell {value!r} holds a line break; write it on one line")

# json_twins
JSON_TWIN_MISSING = Code("json/twin-missing", "Every table has a JSON twin, and every JSON twin names a table.", {
    "no-table": "JSON resource {name!r} names no table in x-twinOf",
    "no-twin": "table {name!r} has no JSON twin",
})
JSON_INVALID = Code("json/invalid", "A JSON file does not parse, or nests deeper than any file of this package may.",
    "not acceptable JSON: {error}")
JSON_DUPLICATE_KEY = Code("json/duplicate-key", "A JSON object has the same key twice (readers disagree on which value counts).",
    "not acceptable JSON: {error}")
JSON_SCHEMA_UNREADABLE = Code("json/schema-unreadable", "A JSON resource's JSON Schema is missing or does not parse.", {
    "unreadable": "JSON Schema of {name!r} cannot be used: {schema_error}",
    "unreadable2": "JSON Schema cannot be applied: {exception}",
})
JSON_SCHEMA_STALE = Code("json/schema-stale", "A JSON Schema differs from the one generated from its Table Schema.",
    "differs from the JSON Schema generated from the Table Schema of {name!r}; run `make build`")
JSON_SCHEMA = Code("json/schema", "A JSON record violates its JSON Schema.", {
    "record": "record {record}: {message}",
    "more": "{count} further JSON Schema errors not listed",
})
JSON_ROW_COUNT = Code("json/row-count", "A JSON twin has a different number of records from its CSV.",
    "{n_records} records but {path} has {n_rows} rows; run `make build`")
JSON_MISMATCH = Code("json/mismatch", "A JSON record differs from its CSV row.",
    "record {record} has {json_value} but {path} line {csv_line} has {csv_value}; run `make build`")

# table_values
TABLE_CATEGORY = Code("table/category", "A value of a field with `categories` is one of them (frictionless ignores categories).",
    "{value!r} is not one of the categories {allowed}")
TABLE_UNIQUE_KEY = Code("table/unique-key", "Rows are unique on each of the schema's `uniqueKeys`, rows with an empty key cell excepted (frictionless ignores uniqueKeys).",
    "({key}) = {values!r} repeats line {seen}")
TABLE_NATURAL_KEY = Code("table/natural-key", "No two rows say the same thing under two IDs: rows differ on the fields the contract names as the table's content.",
    "same {key} as the row on line {seen}: one fact recorded twice under two IDs")

# values
# value_safety.py says what is wrong; the location is a JSON pointer, or a line of CHANGELOG.md
_VALUE_ISSUE = {"pointer": "{pointer}: {message}", "changelog": "{message}", "refused": "{path}:{line}: {message}"}
VALUES_CONTROL_CHAR = Code("values/control-char", "A descriptor or Table Schema string (once its JSON escapes are decoded) or CHANGELOG.md holds a control character (ESC, BEL, CR, C1).",
    _VALUE_ISSUE)
VALUES_BIDI_CONTROL = Code("values/bidi-control", "A descriptor or Table Schema string or CHANGELOG.md holds a bidirectional control (U+202A–U+202E, U+2066–U+2069, marks): it reorders what readers see.",
    _VALUE_ISSUE)
VALUES_URL_SCHEME = Code("values/url-scheme", "A URL of the descriptor (licence, source, contributor, homepage, id) has a scheme other than https or http (urn:uuid for the id), or no host.",
    _VALUE_ISSUE)
CELLS_BIDI_CONTROL = Code("cells/bidi-control", "A table cell outside the verbatim fields holds a bidirectional control (U+202A–U+202E, U+2066–U+2069, marks).")
CELLS_URL_SCHEME = Code("cells/url-scheme", "A URL cell (a field of format uri, or one the contract names) has a scheme other than https or http, or no host.",
    "{value!r} {found}")

# buildable
BUILD_RESERVED_NAME = Code("build/reserved-name", "A table is named like something the SQLite release adds (metadata, held_texts, paragraphs, sqlite_…).")
BUILD_FIELD_NAME = Code("build/field-name", "A field name is not lowercase ASCII letters, digits and '_' starting with a letter (a SQL column and a JSON-path step).")
BUILD_FIELD_TYPE = Code("build/field-type", "A field's type has no column type in every release format (string, integer, number, boolean, date only).")
BUILD_KEYS = Code("build/keys", "A primary or foreign key is not a non-empty list of the table's fields (the release writers take no other shape).")
BUILD_OUTPUT_PATH = Code("build/output-path", "Where the build and the generators write (documents, dist/, site/) is no link, FIFO or device.", {
    "folder": "the folder of {rel} resolves outside the package (a link): a build would write there",
    "file": "{rel} is generated here and must be {kind}, not a link, FIFO or device: a build would write through it or hang",
})
BUILD_CELL_RANGE = Code("build/cell-range", "A cell is what the release writers read: integers in 64 bits, finite numbers, true/false, calendar dates, in ASCII.")

# provenance
PROVENANCE_SOURCE_FILE = Code("provenance/source-file", "A held source's path is unsafe or names no file.")
PROVENANCE_SOURCE_HASH = Code("provenance/source-hash", "A held source's bytes do not match its recorded sha256.",
    "{rel} has sha256 {digest}, not the recorded {sha256!r}: the held text must stay byte for byte")
PROVENANCE_SOURCE_BYTES = Code("provenance/source-bytes", "A held source's size does not match its recorded bytes.",
    "{rel} has {size} bytes, not the recorded {recorded}")
PROVENANCE_SOURCE_ENCODING = Code("provenance/source-encoding", "A held source is not valid UTF-8.",
    "byte {start} is not valid UTF-8; spans are counted over the UTF-8 text")
PROVENANCE_SPAN_INCOMPLETE = Code("provenance/span-incomplete", "A verbatim cell and its span offsets are not all set or all empty.",
    "{text_field}, {start_field} and {end_field} must be all set or all empty")
PROVENANCE_SPAN_SOURCE = Code("provenance/span-source", "A span points into a source whose text is not held (or not intact).",
    "{source_field} {source_id!r} is not a held, intact source text")
PROVENANCE_SPAN_RANGE = Code("provenance/span-range", "A span's offsets are out of order or beyond the end of the source text.",
    "span [{a}, {b}) does not fit the {n_source} characters of {source_id}")
PROVENANCE_SPAN_MISMATCH = Code("provenance/span-mismatch", "A verbatim cell differs from the source text at its span.",
    "cell {shown!r} differs from {source_id}[{a}:{b}] = {quoted!r} (first difference at character {first_difference}, marked ⟦ ⟧)")
PROVENANCE_SPAN_OVERLAP = Code("provenance/span-overlap", "Spans of two paragraph rows from one source overlap.",
    "span [{start}, {end}) overlaps [{previous_start}, {previous_end}) of {previous_path} line {previous_line}")
PROVENANCE_OUTSIDE_SEGMENT = Code("provenance/outside-segment", "A paragraph row's span does not lie inside its segment.",
    "span [{a}, {b}) of {source_id} is not inside segment {segment_id} [{segment_start}, {segment_end})")
PROVENANCE_SEGMENT_REMAINDER = Code("provenance/segment-remainder", "Part of a body paragraph is not covered by its row (beyond a 'Q: ' or 'A: ' label).",
    "segment {segment_id} has uncovered text {prefix!r} outside the row's span")
PROVENANCE_PARAGRAPH_UNCOVERED = Code("provenance/paragraph-uncovered", "A body paragraph of a source is represented by no row.",
    "body paragraph {segment_id} ({text!r}…) is represented by no statement or Q&A row")
PROVENANCE_PARAGRAPH_DUPLICATED = Code("provenance/paragraph-duplicated", "A body paragraph of a source is represented by more than one row.",
    "body paragraph {segment_id} is represented by {n_rows} rows: {where}")
PROVENANCE_SEGMENT_OVERLAP = Code("provenance/segment-overlap", "Two segments of one source overlap.",
    "segment [{a}, {b}) overlaps the previous segment of {source_id}")
PROVENANCE_UNSEGMENTED_TEXT = Code("provenance/unsegmented-text", "Non-blank text of a held source lies in no segment.", {
    "after": "{source_id} line {line} has text {text!r} after the last segment",
    "after2": "{source_id} line {line} has text {text!r} in no segment",
})
PROVENANCE_EVIDENCE_OUTSIDE_RECORD = Code("provenance/evidence-outside-record", "An evidence span (topic links, coded events) lies inside the statement or Q&A paragraph the row points to.",
    "evidence [{a}, {b}) is not inside {key} {record_id} [{record_start}, {record_end})")

# consistency
CONSISTENCY_DATE_ORDER = Code("consistency/date-order", "An event's earliest day is after its latest day.",
    "earliest {earliest} is after latest {latest}")
CONSISTENCY_EDTF = Code("consistency/edtf", "An event's EDTF date is invalid or disagrees with its earliest and latest days.", {
    "start": "EDTF {value} starts on {low} but earliest is {earliest}",
    "end": "EDTF {value} ends on {high} but latest is {latest}",
    "invalid": "{message}",
})
CONSISTENCY_CHILD_OUTSIDE_PARENT = Code("consistency/child-outside-parent", "A child event's dates fall outside its parent event's dates.",
    "{earliest}..{latest} is not within parent {parent_event_id} ({parent_earliest}..{parent_latest})")
CONSISTENCY_PARENT_CYCLE = Code("consistency/parent-cycle", "Events are their own ancestors.",
    "{event_id} is its own ancestor")
CONSISTENCY_DATE_OUTSIDE_EVENT = Code("consistency/date-outside-event", "A statement or Q&A paragraph is dated outside its event's dates.",
    "{day} is outside event {event_id} ({earliest}..{latest})")
CONSISTENCY_DATE_OUTSIDE_SOURCE = Code("consistency/date-outside-source", "A statement or Q&A paragraph is dated differently from its original document.",
    "{day} differs from the date of {original_source_id} ({dated})")
CONSISTENCY_ROLE_EVENT = Code("consistency/role-event", "A participant's role does not fit the event's type.",
    "role {role!r} does not fit a {event_type!r} event")
CONSISTENCY_ROLE_ACTOR = Code("consistency/role-actor", "A participant's role does not fit the actor's kind.",
    "role {role!r} does not fit actor {actor_id} of kind {kind!r}")
CONSISTENCY_SPEAKER = Code("consistency/speaker", "A Q&A speaker is not a participant of the press conference in the matching role.",
    "speaker {speaker_id} is not a {wanted} of {event_id} in participants")
CONSISTENCY_ISSUER = Code("consistency/issuer", "A statement's issuer is not a kind of actor that issues statements.",
    "issuer {issuer_id} is a {kind!r}, which does not issue statements")
CONSISTENCY_REPLY = Code("consistency/reply", "An answer does not reply to the question of its exchange, or a question replies to something.", {
    "question": "a question must not reply to another paragraph",
    "answer": "answer must reply to the question of exchange {exchange}",
})
CONSISTENCY_LINK_TARGET = Code("consistency/link-target", "A topic link or coded event points to exactly one statement or Q&A paragraph as its evidence.",
    "exactly one of statement_id and qa_id must be set")
CONSISTENCY_AGREEMENT = Code("consistency/agreement", "An agreement is signed within its signing event, which is a signing, by that event's signatories.", {
    "event": "signing event {signing_event_id} is not an agreement-signing",
    "date": "signed {signed} is outside {signing_event_id} ({earliest}..{latest})",
    "signatory": "{signatory} is not a signatory of {signing_event_id} in participants",
})
CONSISTENCY_WITHDRAWN_ID_REUSED = Code("consistency/withdrawn-id-reused", "A withdrawn record ID does not appear again in its table (IDs are never reused).",
    "{record_id} was withdrawn in {version} (withdrawn_ids line {line}) and must not be used again")
CONSISTENCY_DATE_PAIR = Code("consistency/date-pair", "Every ordered pair of dates the contract names (an event's earliest and latest day, a source's dated and updated) is in order.",
    "{earlier} {first} is after {later} {second}")

# coding
CODING_CODE_STRUCTURE = Code("coding/code-structure", "Each CAMEO code's root and base are its first two and three digits, and its QuadClass follows its root (GDELT).", {
    "digits": "{code}: root must be {root!r} and base {base!r}",
    "quad-class": "{code}: root {root} has QuadClass {expected} in GDELT, not {quad_class}",
})
CODING_CODE_TABLE = Code("coding/code-table", "A coded event's root, base, QuadClass, Goldstein and PLOVER values equal its code's row in cameo_codes.",
    "{name} is {have!r} but cameo_codes says {reference!r} for {cameo_code}")
CODING_PAIRS = Code("coding/pairs", "Each 042 has its 043 (actors reversed), each 046 and 057 its reciprocal, and any other paired event a reciprocal of the same code, on the same day and event.", {
    "missing": "{cameo_code} needs its paired {wanted} (paired_with)",
    "mismatch": "{coded_event_id} ({cameo_code}) and {partner_id} must be a {wanted} with the actors reversed, on the same day and event, each pointing to the other",
})
CODING_DATE_OUTSIDE_EVENT = Code("coding/date-outside-event", "A coded event's date lies within its event's earliest and latest days.",
    "{day} is outside {event_id} ({low}..{high})")
CODING_ACTOR_COUNTRY = Code("coding/actor-country", "A coded actor's CAMEO code starts with its country, which matches the actor's own country where known.",
    "{side} {actor}: CAMEO code {code!r}, country {country!r}, actor's country {known!r} disagree")
CODING_AUTHORITY = Code("coding/authority", "Each CAMEO code's Goldstein value equals GDELT's and its PLOVER type, mode and context equal CAMEO2PLOVER-2021 (vendored files).", {
    "no-goldstein": "{code!r} is not in the vendored GDELT Goldstein table; add its authority rows first",
    "goldstein": "{code}: Goldstein is {goldstein!r} but GDELT's CAMEO.goldsteinscale.txt says {gdelt}",
    "no-plover": "{code} has no line in the vendored CAMEO2PLOVER-2021 rows; add its authority rows first",
    "plover": "{code}: {name} is {have!r} but CAMEO2PLOVER-2021 says {want!r}",
})

# layers
MENTIONS_UNLINKED_NAME = Code("mentions/unlinked-name", "Every occurrence in a held text of a name form (a name or abbreviation mention, or an actor's name) is a mention.",
    "{name!r} at [{a}, {b}) of {source_id} is a listed name form but no mention covers it")
MENTIONS_REFERENT = Code("mentions/referent", "A mention fills exactly the reference its entity kind names, lies in its segment, and a date mention's EDTF is valid.", {
    "fills": "an {kind} mention must fill {wanted} only (it fills {filled})",
    "outside": "span [{start}, {end}) is not inside segment {segment_id} [{segment_start}, {segment_end})",
    "edtf": "{message}",
})
CLAIMS_ATTRIBUTION = Code("claims/attribution", "A claim's claimant, attribution, attributed document and stance do not fit together.", {
    "mismatch": "{claim_id}: {wrong}",
    "claimant": "{claim_id}: the claimant is {claimant_id!r} but the paragraph's speaker is {speaker!r}",
})
CLAIMS_LINK = Code("claims/link", "A claim link fills the wrong reference, or links an answer to a claim outside its question, or a coded event outside its claim.", {
    "question": "{claim_id} responds to {target_id}, which is not in the question {question_id} that its paragraph answers",
    "fills": "a {relation!r} link fills {wanted} only (it fills {filled})",
    "evidence": "the evidence of {coded_event_id} is not inside the words of {claim_id}",
})
CLAIMS_CODED_EVENT = Code("claims/coded-event", "A coded event is not drawn from exactly one claim.",
    "{coded_event_id} is drawn from {n_sources} claims ({sources}); each coded event is drawn from one")
CLAIMS_CODED_EVENT_ATTRIBUTION = Code("claims/coded-event-attribution", "A coded event's claim_id is not the claim whose coded-as link names it, or its attribution is not that claim's.", {
    "claim": "{coded_event_id} has claim_id {claim_id!r} but is drawn from {source_claim_id} (its coded-as link)",
    "attribution": "{coded_event_id} has attribution {attribution!r} but its claim {claim_id} has {claim_attribution!r}",
})
PLACES_COORDINATES = Code("places/coordinates", "A place's WGS84 latitude lies in [-90, 90] and longitude in [-180, 180], and they come as a pair.", {
    "pair": "latitude and longitude come together or not at all",
    "range": "{name} {value} is outside [-{limit}, {limit}]",
})
PLACES_REFERENCE = Code("places/reference", "Every event with a place and every coded event with a location has one location row, whose place has that name, country and Wikidata item; others have none.", {
    "target": "a location locates exactly one event or coded event",
    "count": "{record_id} names {name_field} {place_name!r} but has {n_rows} location rows (one expected)",
    "unnamed": "{record_id} has no {name_field} in the source, so it has no location",
    "place": "{own_field} is {own_value!r} but its place {place_id} has {place_field} {get!r}",
})
CONSISTENCY_DATE_EVIDENCE = Code("consistency/date-evidence", "Every event's earliest and latest day are each supported by at least one span of date evidence.",
    "{event_id}: no date evidence for its {bound} day")
EXTERNAL_UNLISTED = Code("external/unlisted", "A value of a field marked `x-origin: external` is not listed in external_values.",
    "{name} {value!r} of {record_id} is outside knowledge but not in external_values")
EXTERNAL_MISMATCH = Code("external/mismatch", "An entry of external_values names a cell that does not exist or holds another value.", {
    "missing": "{table} has no record {record_id!r} with field {name!r}",
    "differs": "the value is {value!r} but {table} {record_id} {name} holds {held!r}",
})

# versions
VERSION_CHANGELOG = Code("version/changelog", "CHANGELOG.md is missing or its newest release is not the package version.", {
    "refused": "{path}:{line}: {date_issue}",
    "missing": "missing or not UTF-8; it must list every release",
    "no-release": "no release heading '## [X.Y.Z] - YYYY-MM-DD' found",
    "date": "the newest release's date {date_issue}",
    "differs": "newest release is {newest} but datapackage.json says {version}",
})
VERSION_CITATION = Code("version/citation", "CITATION.cff is missing, unreadable, or its version is not the package version.", {
    "missing": "missing or not UTF-8",
    "differs": "version is {shown} but datapackage.json says {version!r}",
    "yaml": "not valid YAML: {error}",
})
VERSION_RELEASE_RECORD = Code("version/release-record", "changes/releases.csv is malformed, or a commit it records is not that release in this history.", {
    "history": "release {version}: {why}",
    "malformed": "{message}",
    "twice": "{version} is recorded twice",
})
VERSION_RELEASE_UNRECORDED = Code("version/release-unrecorded", "A released version (a dated CHANGELOG entry followed by a later commit) is not in changes/releases.csv.",
    "release {released} is not recorded: run `make record-release` in the commit after the release")

# the runner
DESCRIPTOR_UNREADABLE = Code("descriptor/unreadable", "The descriptor is missing, not a regular file, too large, not UTF-8 or not a JSON object: nothing else can be checked.")
DESCRIPTOR_TOO_DEEP = Code("descriptor/too-deep", "The descriptor nests values deeper than any descriptor of this package may; no other rule runs.",
    "values are nested more than {depth} levels deep; no descriptor of this package needs that, and no other rule ran")
VALIDATOR_INTERNAL_ERROR = Code("validator/internal-error", "A rule stopped on this input; the other rules ran and their findings stand.",
    "rule {name} stopped on this input ({error_type}: {error}; {file}:{lineno}); other rules ran")
DIST_UNSAFE_ENTRY = Code("dist/unsafe-entry", "A line of dist/SHA256SUMS is not a digest and a plain file name, so the landing page copies nothing.",
    "SHA256SUMS line {line!r} is not '<sha256>  <plain file name>'")
SITE_CLASH = Code("site/clash", "A contentUrl of the JSON-LD or croissant.json names a file of the site itself (index.html, codebook.html, dist/): the site is not built.",
    "contentUrl {url!r} would replace a file of the site itself")
VERSION_SEMVER = Code("version/semver", "A version compared by check-version is not MAJOR.MINOR.PATCH.")
VERSION_BUMP_REQUIRED = Code("version/bump-required", "The changes since the base require a larger version step than the version takes.",
    "the changes since {base} require a {required} release (at least {smallest_bump}), but the version goes from {old} to {new} ({actual})")
VERSION_CHANGELOG_ENTRY = Code("version/changelog-entry", "The new version has no dated CHANGELOG entry.",
    "no dated entry '## [{new}] - YYYY-MM-DD'")
VERSION_DERIVED_STALE = Code("version/derived-stale", "A derived file differs from what `make build` generates from the current data.",
    "differs from what `make build` generates from the current data")
VERSION_WITHDRAWAL_MISSING = Code("version/withdrawal-missing", "A released record is gone without a withdrawn_ids entry for this version.", {
    "gone": "{table} record {record_id} was released and is gone: list it in withdrawn_ids with the version and a reason",
    "elsewhere": "{table} record {record_id} is listed as withdrawn in {withdrawn_in}, not in {new}",
})
VERSION_ID_REUSED = Code("version/id-reused", "A record ID now names another passage, or a withdrawn ID is used again.", {
    "repurposed": "record {key} now quotes another passage: give the new record a new ID",
    "withdrawn": "{record_id} was withdrawn in {withdrawn_in} and is used again",
})
VERSION_ID_CHANGED = Code("version/id-changed", "The package's id differs from the base's: it names the data set across versions.",
    "the package id was {id!r} in {base}: it names the data set across versions and never changes")
# fmt: on

BY_NAME = {code.name: code for code in globals().values() if isinstance(code, Code)}
