#!/usr/bin/env python3
"""Keyed differences between two versions: `python scripts/diff.py OLD NEW [--format json]`.

OLD and NEW are git refs or package folders. Prints rows added, removed and changed (with the
old and new value of each changed cell), schema changes, and the smallest version bump required.
"""
import sys

from india_china_security_meetings.cli import main

if __name__ == "__main__":
    sys.exit(main(["diff", *sys.argv[1:]]))
