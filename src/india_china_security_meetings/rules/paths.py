"""What the reader finds as it reads the package (reader.py): names, resource kinds, paths and
caps, Table Schemas and the version. Each check is the reader's, written once; the codes it
reports are registered here."""

from __future__ import annotations

from .. import codes
from . import code_group

READER = code_group(
    "The reader, as it reads the package: names, kinds, paths and caps, Table Schemas, the version.",
    codes.PATH_URL,
    codes.PATH_ABSOLUTE,
    codes.PATH_BACKSLASH,
    codes.PATH_PARENT,
    codes.PATH_HIDDEN,
    codes.PATH_MALFORMED,
    codes.PATH_ESCAPES,
    codes.PATH_MISSING,
    codes.PATH_NOT_REGULAR,
    codes.PATH_TOO_LARGE,
    codes.PATH_MULTIPLE,
    codes.RESOURCE_COMPRESSED,
    codes.RESOURCE_FORMAT,
    codes.DESCRIPTOR_UNSAFE_NAME,
    codes.DESCRIPTOR_VERSION,
    codes.SCHEMA_UNREADABLE,
    codes.SCHEMA_PROFILE,
)
