"""What the reader finds as it reads the package (reader.py): names, resource kinds, paths and
caps, Table Schemas and the version. Each check is the reader's, written once; the codes it
reports are listed here."""

from __future__ import annotations

from . import code_group

READER = code_group(
    "The reader, as it reads the package: names, kinds, paths and caps, Table Schemas, the version.",
    {
        "path/url": "A path is a URL or has a scheme: nothing is ever fetched, so it is not opened.",
        "path/absolute": "A path is absolute (/, ~ or a drive letter) instead of relative to the descriptor.",
        "path/backslash": "A path uses backslashes instead of POSIX '/' separators.",
        "path/parent": "A path refers to a parent folder ('..').",
        "path/hidden": "A path is, or lies in, a hidden file or folder (a segment starting with '.').",
        "path/malformed": "A path is empty, has an empty segment or surrounding spaces.",
        "path/escapes": "A path resolves outside the package through a symbolic link.",
        "path/missing": "A path names no existing file.",
        "path/not-regular": "A path names a FIFO, socket or device instead of a regular file; it is never opened.",
        "path/too-large": "A file is larger than a file of this package may be, or the package's files together are: it is never read.",
        "path/multiple": "A resource has an array of paths; this package uses one file per resource.",
        "resource/compressed": "A resource is compressed or declares a compression; this package uses none, so it is not decompressed.",
        "resource/format": "A resource's format is not the one its type allows (csv for tables, json otherwise), so no other reader is asked.",
        "descriptor/unsafe-name": "The package or a resource name is not lowercase letters, digits, '.', '_' or '-' (it names files and folders).",
        "descriptor/version": "The package version is MAJOR.MINOR.PATCH (semantic versioning, no prefix or suffix).",
        "schema/unreadable": "A table resource's Table Schema is missing, unreadable or not a JSON object.",
        "schema/profile": "A Table Schema violates the official Table Schema 2.0 profile.",
    },
)
