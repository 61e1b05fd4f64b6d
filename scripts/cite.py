#!/usr/bin/env python3
"""How to cite one record: `python scripts/cite.py TABLE RECORD_ID`.

Prints the package, version, table, record ID and the SHA-256 of the record's canonical JSON
(RFC 8785), which `scripts/verify_citation.py` checks against any release.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))  # noqa: E401,E702 this checkout's code and data, whichever .venv runs it
from india_china_security_meetings.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["cite", *sys.argv[1:]]))
