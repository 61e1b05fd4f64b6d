#!/usr/bin/env python3
"""Every recorded release (version, date, commit): `python scripts/releases.py`.

Prints one line per release that changes/releases.csv records; exit 2 when the record is malformed.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["releases", *sys.argv[1:]]))
