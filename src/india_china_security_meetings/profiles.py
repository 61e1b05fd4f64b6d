"""The vendored official JSON Schemas, loaded once, with format checking on."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PROFILE_ROOT = Path(__file__).resolve().parent / "_profiles"


def _profiles_dir() -> Path:
    """The vendored profiles: inside the installed package, else in the checkout's schemas/."""
    if PROFILE_ROOT.is_dir():
        return PROFILE_ROOT
    return Path(__file__).resolve().parents[2] / "schemas" / "profiles"


@cache
def load(relative: str) -> dict:
    return json.loads((_profiles_dir() / relative).read_text(encoding="utf-8"))


@cache
def validator(relative: str):
    """A Draft 7 validator for a vendored profile, checking formats (date-time, email, uri)."""
    from jsonschema import Draft7Validator

    return Draft7Validator(load(relative), format_checker=Draft7Validator.FORMAT_CHECKER)


def package_validator():
    return validator("datapackage-2.0/datapackage.json")


def table_schema_validator():
    return validator("datapackage-2.0/tableschema.json")
