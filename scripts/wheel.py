#!/usr/bin/env python3
"""Build the Python distribution (wheel and sdist) into OUT (default dist/), reproducibly.

The wheel carries the code and, as package data, the data package itself. Timestamps come
from SOURCE_DATE_EPOCH (default: the release date of the version).
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["wheel", *sys.argv[1:]]))
