"""Packaging hook: ship the data package inside the wheel, as package data under `_data/`.

Everything else is declared in pyproject.toml.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))


class build_py_with_data(build_py):
    """Copy the descriptor, data, schemas, held sources, documents and profiles into the package."""

    def run(self):
        super().run()
        from india_china_security_meetings.generate.release_files import package_files
        from india_china_security_meetings.reader import PackageReader

        target = Path(self.build_lib) / "india_china_security_meetings"
        for rel in package_files(PackageReader(ROOT)):
            destination = target / "_data" / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, destination)
        shutil.copytree(ROOT / "schemas" / "profiles", target / "_profiles", dirs_exist_ok=True)


setup(cmdclass={"build_py": build_py_with_data})
