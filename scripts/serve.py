#!/usr/bin/env python3
"""Browse the release in Datasette: `python scripts/serve.py [--port 8001]` (after `make dist`).

Opens the SQLite release file in Datasette, read-only, with the metadata generated from the
descriptor (titles, descriptions, licence, source, column descriptions); every record gets a URL.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
