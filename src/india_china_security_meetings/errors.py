"""The one exception hierarchy: every error a tool raises about a package is a `PackageError`.

A tool reading with the raise policy stops at the first; the validator, reading with the collect
policy, turns the same findings into problems. `code` is the rule code the validator reports for
the same fault (None where no rule names it).
"""

from __future__ import annotations


class PackageError(Exception):
    """The package (or one of its files, or a version of it) cannot be used as this tool needs."""

    code: str | None = None

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
