"""Where things live in the package, and the order of its resources."""
from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"
PROFILE_URL = "https://datapackage.org/profiles/2.0/datapackage.json"
PROFILES_DIR = "schemas/profiles/datapackage-2.0"

# The order in which tables appear in the descriptor: referenced tables first.
TABLES = (
    "sources",
    "segments",
    "actors",
    "events",
    "participants",
    "agreements",
    "statements",
    "qa",
    "topics",
    "topic_links",
)


def table_schema_path(name: str) -> str:
    return f"schemas/{name}.tableschema.json"


def json_schema_path(name: str) -> str:
    return f"schemas/{name}.schema.json"


def csv_path(name: str) -> str:
    return f"data/{name}.csv"


def json_path(name: str) -> str:
    return f"data/json/{name}.json"


def json_resource_name(name: str) -> str:
    return f"{name}-json"


def repository_root() -> Path:
    """The checkout this code runs from (the folder holding datapackage.json)."""
    return Path(__file__).resolve().parents[2]
