#!/usr/bin/env python3
"""Write the coded events in GDELT-like and POLECAT-like layouts: `python scripts/export_events.py [OUT]`.

Files: OUT/<name>-<version>-events-gdelt.tsv and -events-polecat.tsv (default OUT: dist/).
The column mapping is documented in docs/event-exports.md.
"""
import json
import sys
from pathlib import Path

from india_china_security_meetings.exports import event_exports
from india_china_security_meetings.fileio import write_atomic
from india_china_security_meetings.layout import repository_root

if __name__ == "__main__":
    root = repository_root()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "dist"
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for name, data in event_exports(root, f"{descriptor['name']}-{descriptor['version']}").items():
        write_atomic(out / name, data)
        print(out / name)
