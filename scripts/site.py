#!/usr/bin/env python3
"""Build the static landing page into site/ (or OUT): `python scripts/site.py [OUT]`.

Needs the release files in dist/ (`make dist`) for the download table; works opened from disk.
"""
import sys
from pathlib import Path

from india_china_security_meetings.build.site import build_site
from india_china_security_meetings.layout import repository_root

if __name__ == "__main__":
    root = repository_root()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "site"
    for name in build_site(root, out):
        print(out / name)
