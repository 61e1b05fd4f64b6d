#!/usr/bin/env python3
"""Build the static landing page into site/ (or OUT): `python scripts/site.py [OUT]`.

Needs the release files in dist/ (`make dist`) for the download table; works opened from disk.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["site", *sys.argv[1:]]))
