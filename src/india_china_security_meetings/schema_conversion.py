"""JSON Schemas (draft 2020-12) for the JSON twins, derived from the Table Schemas."""

from __future__ import annotations

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}


def field_schema(field: dict) -> dict:
    constraints = field.get("constraints", {})
    required = bool(constraints.get("required"))
    json_type = _TYPES.get(field.get("type", "string"), "string")
    out: dict = {"title": field.get("title", field["name"]), "description": field.get("description", "")}
    out["type"] = json_type if required else [json_type, "null"]
    if field.get("type") == "date":
        out["format"] = "date"
        out["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    if field.get("format") == "uri":
        out["format"] = "uri"
    if "pattern" in constraints:
        # Table Schema patterns match the whole value; JSON Schema patterns search.
        out["pattern"] = f"^(?:{constraints['pattern']})$"
    if "enum" in constraints:
        out["enum"] = list(constraints["enum"]) + ([] if required else [None])
    for key in ("minimum", "maximum", "minLength", "maxLength"):
        if key in constraints:
            out[key] = constraints[key]
    return out


def json_schema_for(table_schema: dict) -> dict:
    """The JSON Schema of a JSON twin: an array of objects holding every field, typed."""
    fields = table_schema["fields"]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"{table_schema.get('title', '')} (JSON)",
        "description": "Generated from the Table Schema of the same name; do not edit. "
        + table_schema.get("description", ""),
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": [f["name"] for f in fields],
            "properties": {f["name"]: field_schema(f) for f in fields},
        },
    }
