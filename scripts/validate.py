#!/usr/bin/env python3
"""Validate the data package: `python scripts/validate.py [PATH] [--format json] [--list-rules]`.

Exit 0 valid, 1 invalid, 2 could not run.
"""
import sys

from india_china_security_meetings.cli import main

if __name__ == "__main__":
    sys.exit(main(["validate", *sys.argv[1:]]))
