#!/usr/bin/env python3
"""Check that the version is bumped as the changes require: `python scripts/check_version.py --base REF`.

Exit 0 when it is, 1 when not (with the reason), 2 when the comparison cannot run.
"""
import sys

from india_china_security_meetings.cli import main

if __name__ == "__main__":
    sys.exit(main(["check-version", *sys.argv[1:]]))
