"""Run by tests/test_croissant.py in the mlcroissant environment: validate a croissant.json, load
every record set, and print, as JSON, the validation issues, each record set's row count and the
values of its first cells."""

import json
import sys

import mlcroissant as mlc


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return value.item()
    return value


dataset = mlc.Dataset(jsonld=sys.argv[1])  # validates the metadata, raising on any error
issues = dataset.metadata.ctx.issues
out = {
    "counts": {},
    "cells": {},
    "errors": sorted(map(str, issues.errors)),
    "warnings": sorted(map(str, issues.warnings)),
}
for record_set in dataset.metadata.record_sets:
    rows = list(dataset.records(record_set=record_set.uuid))
    out["counts"][record_set.name] = len(rows)
    for row in rows[:3]:
        key = next(iter(row))
        out["cells"].setdefault(record_set.name, []).append({k.split("/", 1)[1]: plain(v) for k, v in row.items()})
        del key
print(json.dumps(out))
