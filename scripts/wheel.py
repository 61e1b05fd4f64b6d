#!/usr/bin/env python3
"""Build the Python distribution (wheel and sdist) into OUT (default dist/), reproducibly.

The wheel carries the code and, as package data, the data package itself. Timestamps come
from SOURCE_DATE_EPOCH (default: the release date of the version).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from india_china_security_meetings.build.dist import source_date_epoch
from india_china_security_meetings.layout import repository_root

if __name__ == "__main__":
    root = repository_root()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "dist"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch(root)))
    commands = [
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(root)],
        [sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(out)!r})"],
    ]
    for command in commands:
        shutil.rmtree(root / "build", ignore_errors=True)  # a stale build folder would leak old files into the wheel
        result = subprocess.run(command, cwd=root, env=env)
        shutil.rmtree(root / "build", ignore_errors=True)
        if result.returncode:
            sys.exit(2)
    for path in sorted(out.glob("india_china_security_meetings-*")):
        print(path)
