#!/usr/bin/env python3
"""Inter-annotator agreement: `python scripts/agreement.py [--root REPOSITORY]`.

Regenerates annotation/first/ (the 1.2.0 annotation in the second annotation's shapes),
annotation/agreement.md and annotation/disagreements.csv from the kept annotations.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["agreement", *sys.argv[1:]]))
