#!/usr/bin/env python3
"""Release a version: `python scripts/release.py X.Y.Z`.

Sets the version in datapackage.json (its one home; pyproject.toml follows), dates the CHANGELOG
entry (moving the Unreleased items under it, or summarising the diff when there are none),
regenerates every derived file and runs the validator. Tag vX.Y.Z afterwards.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["release", *sys.argv[1:]]))
