#!/usr/bin/env python3
"""Build the release artifacts into dist/: `python scripts/dist.py [OUT]`.

<name>-<version>.zip (the package, self-contained, with its own SHA256SUMS),
<name>-<version>.sqlite, and dist/SHA256SUMS. Byte-identical for the same commit;
set SOURCE_DATE_EPOCH to override the timestamp (default: the release date).
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["dist", *sys.argv[1:]]))
