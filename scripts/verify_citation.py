#!/usr/bin/env python3
"""Is a cited record unchanged? `python scripts/verify_citation.py TABLE RECORD_ID SHA256 [--root RELEASE]`.

Exit 0 when the record in the release (default: this checkout) has the cited hash, 1 when it
changed or is gone, 2 when the release cannot be read.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["verify-citation", *sys.argv[1:]]))
