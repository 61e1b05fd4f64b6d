#!/usr/bin/env python3
"""Fail when a committed derived file is stale: `python scripts/check_build.py [PATH]`.

Writes nothing; prints a unified diff from each stale file to what `make build` would write;
exit 0 when every derived file is fresh, 1 when any is stale, 2 when the package cannot be read.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["check-build", *sys.argv[1:]]))
