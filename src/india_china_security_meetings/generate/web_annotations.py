"""Every verbatim cell and evidence span as a W3C Web Annotation (JSON-LD).

Each annotation targets the held source text by an IRI that names exactly its bytes: RFC 6920's
`ni:///sha-256;<digest>` over the held file (the digest is `sources.sha256`, in base64url), so a
JSON-LD processor resolves it against no base and the RDF names the text itself, wherever a copy
lies (in the release at `sources.path`). It selects the words with a TextQuoteSelector (the exact words and 32 characters either side) and a TextPositionSelector
(the same code-point offsets the tables use; the Web Annotation model counts characters, not
bytes). Its body names the record and field the words belong to, so an annotation tool can show
the table layer over the text. The collection is one AnnotationPage.
"""

from __future__ import annotations

import base64
import json

from ..reader import PackageReader

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix and suffix length of each TextQuoteSelector


def span_fields(schema: dict) -> list[tuple[str, dict]]:
    """(field, x-span) of each verbatim field of a Table Schema."""
    return [(f["name"], f["x-span"]) for f in schema["fields"] if f.get("x-origin") == "verbatim" and f.get("x-span")]


def quote_selector(text: str, start: int, end: int) -> dict:
    """A TextQuoteSelector whose prefix and suffix (at least 32 characters, where the text has
    them) make the quote occur once in the text, so it finds its place without the offsets."""
    width = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        if text.count(prefix + text[start:end] + suffix) == 1 or width >= len(text):
            return {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": prefix, "suffix": suffix}
        width *= 2


def ni_uri(sha256_hex: str) -> str:
    """The RFC 6920 named-information IRI of content with this SHA-256 digest."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def annotations(reader: PackageReader) -> dict:
    sources = {row["source_id"]: row for row in reader.rows("sources")}
    texts: dict[str, str] = {}
    items = []
    for name in reader.table_names():
        schema = reader.schema(name)
        fields = span_fields(schema)
        if not fields:
            continue
        key = schema["primaryKey"]
        for row in reader.rows(name):
            record_id = "/".join(row[k] for k in key)
            for field, span in fields:
                words, source_id = row.get(field, ""), row.get(span["source"], "")
                if not words or not source_id:
                    continue
                if source_id not in texts:
                    texts[source_id] = reader.held_text(source_id)
                text, start, end = texts[source_id], int(row[span["start"]]), int(row[span["end"]])
                source = sources[source_id]
                scope = {"scope": source["url"]} if source.get("url") else {}
                items.append(
                    {
                        "id": f"urn:{reader.name}:{reader.version}:{name}:{record_id}:{field}",
                        "type": "Annotation",
                        "motivation": "describing",
                        "body": {
                            "type": "TextualBody",
                            "purpose": "describing",
                            "format": "text/plain",
                            "value": f"{name} {record_id} {field}",
                        },
                        "target": {
                            "source": ni_uri(source["sha256"]),
                            **scope,
                            "selector": [
                                quote_selector(text, start, end),
                                {"type": "TextPositionSelector", "start": start, "end": end},
                            ],
                        },
                    }
                )
    return {
        "@context": CONTEXT,
        "id": f"urn:{reader.name}:{reader.version}:annotations",
        "type": "AnnotationPage",
        "label": f"{reader.descriptor.get('title', reader.name)} {reader.version}: every quoted span",
        "items": items,
    }


def annotation_files(reader: PackageReader, stem: str) -> dict[str, bytes]:
    data = json.dumps(annotations(reader), ensure_ascii=False, indent=1) + "\n"
    return {f"{stem}-annotations.jsonld": data.encode("utf-8")}
