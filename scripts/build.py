#!/usr/bin/env python3
"""Regenerate the derived files (JSON twins, JSON Schemas, enums, descriptor bytes and hashes).

`python scripts/build.py [PATH] [--check]`; with --check nothing is written and the exit
code is 1 when a committed derived file is stale.
"""
import sys

from india_china_security_meetings.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
