#!/usr/bin/env python3
"""Regenerate the derived files (JSON twins, JSON Schemas, enums, descriptor bytes and hashes).

`python scripts/build.py [PATH] [--check]`; with --check nothing is written and the exit
code is 1 when a committed derived file is stale.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
