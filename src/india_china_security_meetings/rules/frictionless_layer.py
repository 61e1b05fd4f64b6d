"""frictionless: types, constraints, primary and foreign keys, on the resources that are safe to open."""
from __future__ import annotations

import copy

from . import problem, rule

# Reported by our own rules with more precise messages (or checked by the official profile).
_OWN = {"hash-count", "byte-count"}
_NO_LIMIT = 10**9


def _safe_descriptor(ctx) -> dict:
    """A copy of the descriptor holding only resources that passed the path rules, with no
    remote profile: frictionless fetches URLs, and nothing may be fetched."""
    descriptor = copy.deepcopy(ctx.descriptor)
    descriptor.pop("profile", None)
    keep = {r.index for r in ctx.resources if r.safe}
    descriptor["resources"] = [
        {k: v for k, v in entry.items() if k != "profile"}
        for index, entry in enumerate(ctx.descriptor.get("resources", []))
        if index in keep
    ]
    return descriptor


def _line(ctx, resource, row_number):
    """The physical CSV line of frictionless's row position (header = 1)."""
    if row_number is None or resource is None:
        return None
    table = ctx.table(resource) if resource.is_table else None
    if table and 2 <= row_number <= len(table.rows) + 1:
        return table.rows[row_number - 2][0]
    return row_number


def _field(error):
    names = getattr(error, "field_names", None)
    return getattr(error, "field_name", None) or (",".join(names) if names else None)


@rule("frictionless/<error-type>")
def check_with_frictionless(ctx):
    """frictionless 5.21 validation with no error cap: types, constraints, keys; the code names frictionless's error type."""
    descriptor = _safe_descriptor(ctx)
    if not descriptor["resources"]:
        return
    try:
        from frictionless import FrictionlessException, Package, system

        with system.use_context(trusted=False):
            try:
                package = Package(descriptor, basepath=str(ctx.root))
            except FrictionlessException as exception:
                for error in getattr(exception, "reasons", None) or [exception.error]:
                    yield problem(f"frictionless/{error.type}", ctx.descriptor_rel, error.message)
                return
            report = package.validate(limit_errors=_NO_LIMIT)
    except Exception as exception:  # a crash inside the library must not become a traceback
        yield problem("frictionless/crashed", ctx.descriptor_rel, f"frictionless stopped with {type(exception).__name__}: {exception}")
        return
    for error in report.errors:
        yield problem(f"frictionless/{error.type}", ctx.descriptor_rel, error.message)
    for task in report.tasks:
        resource = ctx.resource_named(task.name)
        path = resource.path if resource and resource.path else ctx.descriptor_rel
        for error in task.errors:
            if error.type in _OWN:
                continue
            yield problem(f"frictionless/{error.type}", path, error.message,
                          _line(ctx, resource, getattr(error, "row_number", None)), _field(error))
        for warning in task.warnings:
            yield problem("frictionless/warning", path, str(warning))
