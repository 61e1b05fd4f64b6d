"""The First India–China High Level Meeting on Bilateral Security Cooperation as a data package.

The importable code behind the package: the validator, the generators of derived
files, and helpers to read the package.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

try:
    # pyproject.toml's version, kept equal to datapackage.json's by a test.
    __version__ = _version("india-china-security-meetings")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "unknown"

from .load import load, load_all, package, paragraphs, records, schema, source_text, span  # noqa: E402

__all__ = ["__version__", "load", "load_all", "package", "paragraphs", "records", "schema", "source_text", "span"]
