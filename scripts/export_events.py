#!/usr/bin/env python3
"""Write the coded events in GDELT-like and POLECAT-like layouts: `python scripts/export_events.py [OUT]`.

Files: OUT/<name>-<version>-events-gdelt.tsv and -events-polecat.tsv (default OUT: dist/).
The column mapping is documented in docs/event-exports.md.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["export", *sys.argv[1:]]))
