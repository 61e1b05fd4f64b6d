#!/usr/bin/env python3
"""Check that the version is bumped as the changes require: `python scripts/check_version.py --base REF`.

Exit 0 when it is, 1 when not (with the reason), 2 when the comparison cannot run.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["check-version", *sys.argv[1:]]))
