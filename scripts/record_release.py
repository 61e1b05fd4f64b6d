#!/usr/bin/env python3
"""In the commit after a release, record which commit it is: `python scripts/record_release.py`.

Appends the current version and the commit that set it to changes/releases.csv; exit 2 when the
version is not released (no dated CHANGELOG entry) or no commit of this history sets it.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["record-release", *sys.argv[1:]]))
