"""croissant.json: the package as MLCommons Croissant 1.1 metadata, generated from the descriptor.

Two FileObjects per table (the CSV and its JSON twin, with their SHA-256), one RecordSet per
table whose fields take their types from the Table Schema and their values from the JSON twin, primary keys
as `key` and foreign keys named in each field's description (not as `references`, which
mlcroissant loads as joins that fail on these tables); the Responsible-AI properties that fit a hand-curated
text dataset point to the datasheet and the annotation guide. mlcroissant validates it and loads
every record set in the tests.
"""

from __future__ import annotations

from ..reader import PackageReader
from . import citation

DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}

# Croissant 1.1's JSON-LD context, as mlcroissant writes it for 1.1 documents.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# The Responsible-AI properties that apply; each says where the full account is.
RAI = {
    "rai:dataCollection": (
        "One public web page (Security Risks Asia, published 23 Oct 2018, updated 24 Jun 2020) reproducing the "
        "Indian Ministry of Home Affairs statement of 22 Oct 2018 and an excerpt of the Chinese Foreign Ministry "
        "press conference of 23 Oct 2018, held byte for byte in data/sources/. See docs/datasheet.md."
    ),
    "rai:dataCollectionType": "Manual human curation",
    "rai:dataAnnotationProtocol": (
        "Tables, mentions, claims, topics, places and CAMEO/PLOVER event codes annotated by the maintainers by the "
        "rules in docs/annotation.md; every text cell is a verbatim span of the held text, checked by the validator."
    ),
    "rai:dataAnnotationPlatform": "Hand-edited CSV files validated by the package's own rules",
    "rai:annotatorDemographics": "The package maintainers; no inter-coder agreement was measured.",
    "rai:dataLimitations": (
        "One event; the original official texts are not held (a third-party reproduction and a two-exchange excerpt); "
        "the held wording has not been compared with the originals. Values from outside the held text are listed in "
        "external_values. See docs/datasheet.md."
    ),
    "rai:dataBiases": (
        "The texts are two governments' own statements; claims in them are their positions, and two reported "
        "requests are only attributed to unnamed reports (claims.attribution = reports)."
    ),
    "rai:personalSensitiveInformation": (
        "Names of public officials in their official roles, and of two individuals described as leaders of armed "
        "groups, in the words of two governments: allegations and positions of the speakers, not findings."
    ),
    "rai:dataUseCases": (
        "Close reading and quotation with exact provenance; a gold standard for named-entity recognition and entity "
        "linking (mentions) and for claim attribution (claims); linking with GDELT, ICEWS and POLECAT event data."
    ),
    "rai:dataReleaseMaintenancePlan": (
        "Versioned releases (semantic versioning for data); corrections keep record IDs and are listed in "
        "CHANGELOG.md and each release's changes.json; withdrawn IDs are never reused."
    ),
}


def _file_id(name: str, kind: str = "json") -> str:
    return f"{name}.{kind}"


def croissant(reader: PackageReader, root) -> dict:
    descriptor = reader.descriptor
    released = citation.release_date(root)
    licence = next(iter(descriptor.get("licenses", [])), {})
    page = next((s.get("path") for s in descriptor.get("sources", []) if s.get("path")), None)
    distribution, record_sets = [], []
    twins = {e.get("x-twinOf"): e for e in (r.descriptor for r in reader.resources) if e.get("x-twinOf")}
    for entry in reader.table_entries():
        name = entry["name"]
        schema = reader.schema(name)
        twin = twins.get(name, {})
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": _file_id(name, "csv"),
                "name": _file_id(name, "csv"),
                "description": f"The table {name} as canonical CSV.",
                "contentUrl": entry["path"],
                "encodingFormat": "text/csv",
                "sha256": str(entry.get("hash", "")).removeprefix("sha256:"),
            }
        )
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": _file_id(name),
                "name": _file_id(name),
                "description": f"The table {name} as a JSON array of typed records (the record set's source: "
                "codes keep their leading zeros, which a CSV reader that guesses types would drop).",
                "contentUrl": twin.get("path", ""),
                "encodingFormat": "application/json",
                "sha256": str(twin.get("hash", "")).removeprefix("sha256:"),
            }
        )
        foreign = {
            tuple(fk["fields"]): (fk["reference"].get("resource") or name, fk["reference"]["fields"])
            for fk in schema.get("foreignKeys", [])
        }
        fields = []
        for field in schema["fields"]:
            item = {
                "@type": "cr:Field",
                "@id": f"{name}/{field['name']}",
                "name": field["name"],
                "description": f"{field.get('title', '')}. {field.get('description', '')} [{field.get('x-origin', '')}]",
                "dataType": DATA_TYPES[field.get("type", "string")],
                "source": {"fileObject": {"@id": _file_id(name)}, "extract": {"jsonPath": f"$[*].{field['name']}"}},
            }
            target = foreign.get((field["name"],))
            if target:
                # Said in words, not as `references`: mlcroissant 1.1 turns a reference into a join
                # while loading, which fails on these tables; the key itself is in the Table Schema.
                item["description"] += f" References {target[0]}.{target[1][0]}."
            fields.append(item)
        record_set = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": schema.get("description", ""),
            "field": fields,
        }
        key = schema.get("primaryKey", [])
        if key:
            record_set["key"] = [{"@id": f"{name}/{k}"} for k in key] if len(key) > 1 else {"@id": f"{name}/{key[0]}"}
        record_sets.append(record_set)
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        "name": reader.name,
        "alternateName": descriptor.get("title", ""),
        "description": citation.summary(descriptor),
        "version": reader.version,
        "datePublished": released,
        "license": licence.get("path", ""),
        "creator": [
            {"@type": "sc:Organization", "name": c.get("title", "")}
            for c in descriptor.get("contributors", [])
            if "creator" in c.get("roles", [])
        ],
        "keywords": descriptor.get("keywords", []),
        "citeAs": citation.bibtex(descriptor, released).strip(),
        "isLiveDataset": False,
        **RAI,
        "distribution": distribution,
        "recordSet": record_sets,
    }
    if page:
        document["isBasedOn"] = page
    return document
