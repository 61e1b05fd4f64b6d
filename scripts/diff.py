#!/usr/bin/env python3
"""Keyed differences between two versions: `python scripts/diff.py OLD NEW [--format json]`.

OLD and NEW are git refs or package folders. Prints rows added, removed and changed (with the
old and new value of each changed cell), schema changes, and the smallest version bump required.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["diff", *sys.argv[1:]]))
