#!/usr/bin/env python3
"""Build the release artifacts into dist/: `python scripts/dist.py [OUT]`.

<name>-<version>.zip (the package, self-contained, with its own SHA256SUMS),
<name>-<version>.sqlite, and dist/SHA256SUMS. Byte-identical for the same commit;
set SOURCE_DATE_EPOCH to override the timestamp (default: the release date).
"""
import sys
from pathlib import Path

from india_china_security_meetings.build.dist import build_dist
from india_china_security_meetings.layout import repository_root

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else repository_root() / "dist"
    try:
        artifacts = build_dist(repository_root(), out)
    except (OSError, ValueError, KeyError) as error:
        print(f"error: could not build the release artifacts: {error}", file=sys.stderr)
        sys.exit(2)
    for name, data in sorted(artifacts.items()):
        print(f"{out / name}  {len(data)} bytes")
