"""How to cite the package, in words: the recommended citation, its BibTeX entry, the creators and
the release date, from datapackage.json and the CHANGELOG. Every citation file and command reads
these (generate/citation.py writes the citation files from them)."""

from __future__ import annotations

import re
from pathlib import Path

from .changelog import changelog_text, newest_release


def summary(descriptor: dict) -> str:
    """The description's first paragraph (Data Package convention: it is the summary)."""
    return descriptor.get("description", "").split("\n\n")[0].strip()


def creators(descriptor: dict) -> list[str]:
    return [c["title"] for c in descriptor.get("contributors", []) if "creator" in c.get("roles", [])]


def release_date(root: Path) -> str:
    release = newest_release(changelog_text(root))
    if release is None:
        raise ValueError("CHANGELOG.md has no dated release; add '## [X.Y.Z] - YYYY-MM-DD'")
    return release[1]


def bibtex(descriptor: dict, date_released: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", descriptor["name"]) + "_" + descriptor["version"].replace(".", "_")
    authors = " and ".join("{" + name + "}" for name in creators(descriptor))
    fields = [
        ("author", authors),
        ("title", "{" + descriptor["title"] + "}"),
        ("year", date_released[:4]),
        ("version", descriptor["version"]),
        ("note", "Data set (Frictionless Data Package). Quoted source texts are not covered by the data licence"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def recommended_citation(descriptor: dict, date_released: str) -> str:
    return f"{', '.join(creators(descriptor))} ({date_released[:4]}). {descriptor['title']}, version {descriptor['version']} [Data set]."
