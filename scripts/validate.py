#!/usr/bin/env python3
"""Validate the data package: `python scripts/validate.py [PATH] [--format json] [--list-rules]`.

Exit 0 valid, 1 invalid, 2 could not run.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["validate", *sys.argv[1:]]))
