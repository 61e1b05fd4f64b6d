"""Citation metadata generated from datapackage.json (its one home) and the CHANGELOG's release date:
CITATION.cff, .zenodo.json, schema.org Dataset JSON-LD and BibTeX."""

from __future__ import annotations

import html
import json

from ..citing import bibtex, creators, recommended_citation, release_date, summary  # noqa: F401 (also read as citation.*)
from ..reader import PackageReader

CFF_MESSAGE = "If you use this dataset, please cite it using the metadata from this file."
LICENSE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
ZENODO_LICENSES = {"CC-BY-4.0": "cc-by-4.0"}


ID_DESCRIPTION = "The data package's identifier (datapackage.json id): the same for every version."


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def cff_text(descriptor: dict, date_released: str) -> str:
    licence = descriptor["licenses"][0]["name"]
    lines = [
        "# Generated from datapackage.json by `make build`; do not edit by hand.",
        "cff-version: 1.2.0",
        f"message: {_yaml_string(CFF_MESSAGE)}",
        "type: dataset",
        f"title: {_yaml_string(descriptor['title'])}",
        f"version: {_yaml_string(descriptor['version'])}",
        f"date-released: {_yaml_string(date_released)}",
        f"license: {_yaml_string(licence)}",
        *_cff_identifiers(descriptor),
        "authors:",
        *[f"  - name: {_yaml_string(name)}" for name in creators(descriptor)],
        f"abstract: {_yaml_string(summary(descriptor))}",
        "keywords:",
        *[f"  - {_yaml_string(k)}" for k in descriptor.get("keywords", [])],
    ]
    return "\n".join(lines) + "\n"


def _cff_identifiers(descriptor: dict) -> list[str]:
    """The package's identifier (datapackage.json `id`), the same for every version."""
    if not descriptor.get("id"):
        return []
    return [
        "identifiers:",
        "  - type: other",
        f"    value: {_yaml_string(descriptor['id'])}",
        f"    description: {_yaml_string(ID_DESCRIPTION)}",
    ]


def zenodo(descriptor: dict, date_released: str) -> dict:
    licence = descriptor["licenses"][0]["name"]
    identifier = (
        # A Zenodo record is one version; the package's identifier names the data set across versions.
        {"related_identifiers": [{"identifier": descriptor["id"], "relation": "isVersionOf", "scheme": "urn"}]}
        if descriptor.get("id")
        else {}
    )
    return {
        "upload_type": "dataset",
        "title": descriptor["title"],
        "version": descriptor["version"],
        "publication_date": date_released,
        # Zenodo reads the description as HTML: the package's text is escaped, never markup.
        "description": "".join(
            f"<p>{html.escape(p.strip())}</p>" for p in descriptor.get("description", "").split("\n\n")
        ),
        "creators": [{"name": name} for name in creators(descriptor)],
        "keywords": descriptor.get("keywords", []),
        "license": ZENODO_LICENSES.get(licence, licence.lower()),
        "access_right": "open",
        **identifier,
    }


def _coverage(reader: PackageReader):
    """(temporal coverage interval, places) from the events table."""
    rows = reader.rows("events")
    earliest = min(r["earliest"] for r in rows)
    latest = max(r["latest"] for r in rows)
    places = {}
    for r in rows:
        if r.get("place") and r["place"] not in places:
            places[r["place"]] = r.get("place_wikidata", "")
    return f"{earliest}/{latest}", places


def jsonld(reader: PackageReader, date_released: str) -> dict:
    """The schema.org Dataset record of the package `reader` reads."""
    descriptor = reader.descriptor
    temporal, places = _coverage(reader)
    licence = descriptor["licenses"][0]
    variables = [
        {"@type": "PropertyValue", "name": f"{name}.{field['name']}", "description": field.get("description", "")}
        for name in reader.table_names()
        for field in reader.schema(name)["fields"]
    ]
    spatial = [
        {"@type": "Place", "name": name, **({"sameAs": f"https://www.wikidata.org/wiki/{qid}"} if qid else {})}
        for name, qid in places.items()
    ]
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": descriptor["title"],
        "alternateName": descriptor["name"],
        **({"identifier": descriptor["id"]} if descriptor.get("id") else {}),
        "description": summary(descriptor),
        "version": descriptor["version"],
        "datePublished": date_released,
        "license": licence.get("path") or LICENSE_URLS.get(licence.get("name"), licence.get("name")),
        "creator": [{"@type": "Organization", "name": name} for name in creators(descriptor)],
        "keywords": descriptor.get("keywords", []),
        "isAccessibleForFree": True,
        "temporalCoverage": temporal,
        "spatialCoverage": spatial,
        "variableMeasured": variables,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": e["name"],
                "encodingFormat": e["mediatype"],
                "contentUrl": e["path"],
                "contentSize": f"{e['bytes']} B",
            }
            for e in descriptor["resources"]
        ],
    }
