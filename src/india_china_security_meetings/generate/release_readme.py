"""The README of the release archive: written for someone who downloaded the release, not for a
maintainer of the repository (whose README speaks of `make` targets, CI and the rule catalogue).

Every fact comes from where it is kept: the title, summary, version, identifier, licences and
homepage from datapackage.json; the release date from CHANGELOG.md; the citation from the same
generators as CITATION.cff and CITATION.bib; the resource table from the same generator as the
repository README's; the documents' titles from their own first headings; the R package's name
and functions from r/DESCRIPTION and r/NAMESPACE. The files it describes are the files the
archive carries, and it links only to those.
"""

from __future__ import annotations

import re

from ..buildable import HELD_TEXTS_TABLE, METADATA_TABLE, PARAGRAPH_VIEW
from ..docs import resources_table
from ..reader import PackageError, PackageReader
from . import citation

# What the files without a heading of their own are. Markdown documents are described by their
# first heading, the tables by the descriptor, the held sources by `sources`.
FILE_ROLES = {
    "datapackage.json": "the Frictionless Data Package descriptor: every resource with its schema, size and SHA-256",
    "croissant.json": "Croissant (ML Commons) metadata of the data set",
    "docs/dataset.jsonld": "schema.org `Dataset` record (JSON-LD), for data set search engines",
    "CITATION.cff": "citation metadata (Citation File Format)",
    "CITATION.bib": "the citation as BibTeX",
    "SHA256SUMS": "the SHA-256 of every other file in this folder",
}
# The documents listed under "Documentation", in this order when the archive carries them.
DOCUMENTS = (
    "docs/codebook.md",
    "docs/datasheet.md",
    "docs/annotation.md",
    "docs/citing.md",
    "docs/event-exports.md",
    "CHANGELOG.md",
    "LICENSE-DATA.md",
)
_SCHEMA_FILE = re.compile(r"schemas/[^/]+\.(tableschema|schema)\.json")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>()\[\]`]+")


def _line(value) -> str:
    """A value on one line, with nothing that would start Markdown structure or break a table."""
    return " ".join(str(value).split()).replace("|", "/")


def _heading(reader: PackageReader, rel: str) -> str | None:
    """The first Markdown heading of a document, or None."""
    try:
        text = reader.text(rel)
    except PackageError:
        return None
    match = re.search(r"^#{1,2} +(.+)$", text[:4000], re.MULTILINE)
    return _line(match.group(1))[:120] if match else None


def _first_line(reader: PackageReader, rel: str) -> str | None:
    try:
        lines = reader.text(rel)[:400].splitlines()
    except PackageError:
        return None
    return _line(lines[0])[:80] if lines and lines[0].strip() else None


def _r_package(reader: PackageReader, files: set[str]) -> tuple[str, list[str]] | None:
    """The R package's name (r/DESCRIPTION) and exported functions (r/NAMESPACE)."""
    if "r/DESCRIPTION" not in files:
        return None
    try:
        name = re.search(r"^Package: *([A-Za-z][A-Za-z0-9.]*) *$", reader.text("r/DESCRIPTION"), re.MULTILINE)
        exports = re.findall(r"^export\(([A-Za-z_.][A-Za-z0-9_.]*)\)", reader.text("r/NAMESPACE"), re.MULTILINE)
    except PackageError:
        return None
    return (name.group(1), exports) if name else None


def _homepage(descriptor: dict) -> str | None:
    value = descriptor.get("homepage")
    return value if isinstance(value, str) and _WEB_ADDRESS.fullmatch(value) else None


def _wheel(name: str, version: str) -> str:
    """The wheel's file name (PEP 427): the distribution is named after the data package."""
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-py3-none-any.whl"


def _example_table(tables: list[str]) -> str:
    return "qa" if "qa" in tables else (tables[0] if tables else PARAGRAPH_VIEW)


def release_readme(reader: PackageReader, released: str, files) -> str:
    """README.md of the release archive, whose files are `files` (paths inside the archive)."""

    descriptor = reader.descriptor
    files = set(files)
    name, version = reader.name, reader.version
    stem = f"{name}-{version}"
    title = _line(descriptor.get("title") or name)
    tables = reader.table_names()
    example = _example_table(tables)
    out = [f"# {title}", ""]

    # -- what it is, and which version
    out += [_line(citation.summary(descriptor)), ""]
    out += [f"Version **{version}**, released {released}. This folder is the release archive `{stem}.zip`, unpacked."]
    if "CHANGELOG.md" in files:
        out += ["[CHANGELOG.md](CHANGELOG.md) lists what changed in each version."]
    out += [""]
    if isinstance(descriptor.get("id"), str):
        out += [f"Identifier of the data set (the same in every version): `{_line(descriptor['id'])}`.", ""]

    # -- how to cite, first
    out += ["## How to cite", "", "Cite the version you used:", ""]
    out += [f"> {_line(citation.recommended_citation(descriptor, released))}", ""]
    out += ["```bibtex", citation.bibtex(descriptor, released).rstrip("\n"), "```", ""]
    held = [f for f in ("CITATION.cff", "CITATION.bib") if f in files]
    if held:
        out += [f"The same citation is in {' and '.join(f'[{f}]({f})' for f in held)}."]
    if "docs/citing.md" in files:
        out += [
            "To cite one record, name the data set, version, table and record ID (IDs are stable across versions);"
            " [docs/citing.md](docs/citing.md) explains how, with the SHA-256 that identifies the record's content."
        ]
    out += [""]

    # -- what the files are
    out += ["## What is in this folder", "", resources_table(reader.root, descriptor), ""]
    out += [
        "Each table is `data/<table>.csv` (UTF-8, the canonical form) and the same rows as typed JSON in "
        "`data/json/<table>.json`; `schemas/<table>.tableschema.json` is its Table Schema (every column's type, "
        "description and origin: verbatim source text, our annotation, or outside knowledge) and "
        "`schemas/<table>.schema.json` the JSON Schema of its JSON file.",
        "",
        "| file | what it is |",
        "|---|---|",
    ]
    for row in reader.rows("sources"):
        if row.get("path") in files:
            out.append(
                f"| [{_line(row['path'])}]({_line(row['path'])}) | held source text: {_line(row.get('label', ''))} |"
            )
    r_package = _r_package(reader, files)
    for rel in sorted(files):
        if rel.startswith(("data/", "r/")) or _SCHEMA_FILE.fullmatch(rel) or rel == "README.md":
            continue
        if rel == "LICENSE":
            what = f"the licence of the code ({_first_line(reader, rel) or 'see the file'})"
        else:
            what = FILE_ROLES.get(rel) or (_heading(reader, rel) if rel.endswith(".md") else None) or ""
        out.append(f"| [{_line(rel)}]({_line(rel)}) | {what} |")
    if r_package:
        out.append(
            f"| [r/DESCRIPTION](r/DESCRIPTION) | the R package `{r_package[0]}`, its files in `r/` (see below) |"
        )
    out += [""]

    # -- how to load it
    out += [
        "## Loading the data",
        "",
        "The code below runs in this folder (the one that holds this README), except where it names a "
        "file published beside the archive.",
        "",
        f"**Python, with the package's own loader.** The Python distribution `{name}` carries the loader and "
        "this version's data; its wheel is published with this release. With pandas, every table is a "
        "DataFrame typed from its Table Schema (dates as datetime64, integers as Int64, codes as strings); "
        "without pandas, a list of typed dicts.",
        "",
        "```sh",
        f'pip install "../{_wheel(name, version)}[pandas]"  # the wheel, beside the archive',
        "```",
        "",
        "```python",
        "import india_china_security_meetings as icsm",
        f'{example} = icsm.load("{example}", root=".")  # this folder (or root="datapackage.json")',
        'paragraphs = icsm.paragraphs(root=".")  # every paragraph with its speaker, date, event and topics',
        "```",
        "",
        "**Python, with pandas alone.** Read every column as text, then convert the ones you need: left to "
        "guess, pandas would turn a CAMEO code such as `042` into the integer 42. Each column's type is in "
        "`schemas/<table>.tableschema.json`.",
        "",
        "```python",
        "import pandas as pd",
        f'{example} = pd.read_csv("data/{example}.csv", dtype=str, keep_default_na=False, na_values=[""])',
        "```",
        "",
    ]
    if r_package:
        package, exports = r_package
        listed = ", ".join(f"`{e}()`" for e in exports)
        reader_call = (
            f'{example} <- {package}::icsm_read("{example}")' if "icsm_read" in exports else f"library({package})"
        )
        out += [
            f"**R**, with the R package `{package}` in `r/` (base R and jsonlite"
            + (f"; {listed}" if listed else "")
            + "):",
            "",
            "```sh",
            "R CMD INSTALL r",
            "```",
            "",
            "```r",
            reader_call,
            "```",
            "",
        ]
    out += [
        f"**SQL.** `{stem}.sqlite`, published beside the archive, holds one table per resource with its types "
        f"and its primary and foreign keys, the held source texts (`{HELD_TEXTS_TABLE}`), the paragraph view "
        f"(`{PARAGRAPH_VIEW}`) and the package's metadata (`{METADATA_TABLE}`). In the folder of the downloads:",
        "",
        "```sh",
        f'sqlite3 {stem}.sqlite "SELECT * FROM {PARAGRAPH_VIEW} LIMIT 5;"',
        "```",
        "",
    ]

    # -- how to verify it
    out += [
        "## Verifying the files",
        "",
        f"`SHA256SUMS` here lists the SHA-256 of every file in this folder; the release's own `SHA256SUMS`, "
        f"published beside `{stem}.zip`, lists the archive's and the other release files'. "
        "Check them with `sha256sum` (on macOS, `shasum -a 256`):",
        "",
        "```sh",
        "sha256sum -c --ignore-missing SHA256SUMS   # in the folder of the downloads: the archive itself",
        "sha256sum -c SHA256SUMS                    # in this folder: every file of the archive",
        "```",
        "",
    ]

    # -- the licence split
    out += ["## Licence and rights", ""]
    for licence in descriptor.get("licenses") or []:
        if isinstance(licence, dict):
            label = _line(licence.get("title") or licence.get("name") or "")
            path = licence.get("path")
            link = f" (<{path}>)" if isinstance(path, str) and _WEB_ADDRESS.fullmatch(path) else ""
            out.append(f"- The data: {label}{link}.")
    held_paths = [row["path"] for row in reader.rows("sources") if row.get("path") in files]
    out.append(
        "- **The quoted texts are not covered by the data licence**: the held source text"
        + (f" ({', '.join(f'`{_line(p)}`' for p in held_paths)})" if held_paths else "")
        + ' and every column whose Table Schema marks it `"x-origin": "verbatim"` reproduce their publishers\' '
        "texts, which remain theirs; they are included so that every value can be checked."
        + (" See [LICENSE-DATA.md](LICENSE-DATA.md)." if "LICENSE-DATA.md" in files else "")
    )
    if "LICENSE" in files:
        out.append("- The code (the R package in `r/`): [LICENSE](LICENSE).")
    out += [""]

    # -- where the full documentation lives
    out += ["## Documentation", ""]
    for rel in DOCUMENTS:
        if rel in files:
            heading = _heading(reader, rel)
            out.append(f"- [{rel}]({rel})" + (f" — {heading}" if heading else ""))
    homepage = _homepage(descriptor)
    if homepage:
        out += [
            "",
            f"The repository, <{homepage}>, holds the full README (how the package is built, validated "
            "and released), the same `docs/`, and the issue tracker for reporting a wrong value.",
        ]
    else:
        out += [
            "",
            "The repository's README (how the package is built, validated and released) is not in this archive; "
            "this file takes its place.",
        ]
    return "\n".join(out).rstrip("\n") + "\n"
