#!/usr/bin/env python3
"""Regenerate the documentation that is derived from code and data (docs/rules.md, README's resource table)."""
import sys

from india_china_security_meetings.docs import write_docs
from india_china_security_meetings.layout import repository_root

if __name__ == "__main__":
    for rel in write_docs(repository_root()):
        print(f"wrote {rel}")
    sys.exit(0)
