"""The installable distribution, as a downstream user meets it: a fresh virtual environment
outside the checkout, the wheel installed, tables loaded, the validator run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

# One worker builds the wheel: setuptools writes build/ inside the checkout.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

VERSION = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, str(ROOT / "scripts/wheel.py"), str(out)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    folder = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [
        str(folder / "bin/python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--constraint",
        str(ROOT / "requirements.txt"),
    ]
    subprocess.run(pip + [f"{wheel}[pandas]"], check=True, capture_output=True)
    return folder


def run(venv, *args, cwd):
    return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True)


def test_wheel_builds_reproducibly(wheel, tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts/wheel.py"), str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / wheel.name).read_bytes() == wheel.read_bytes()


def test_wheel_carries_the_data_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rel in (
        "datapackage.json",
        "data/qa.csv",
        "data/json/qa.json",
        "schemas/qa.tableschema.json",
        "data/sources/security-risks-asia-2018-10-23.txt",
        "CHANGELOG.md",
        "CITATION.cff",
    ):
        assert f"india_china_security_meetings/_data/{rel}" in names


def test_installed_version_is_the_data_version(venv, tmp_path):
    result = run(venv, "india-china-security-meetings", "--version", cwd=tmp_path)
    assert result.stdout.strip() == VERSION


def test_installed_loaders_return_typed_tables(venv, tmp_path):
    code = """
import datetime, india_china_security_meetings as d
from india_china_security_meetings.layout import TABLES
tables = d.load_all()
assert sorted(tables) == sorted(TABLES)
assert len(d.paragraphs()) == len(d.load("statements")) + len(d.load("qa"))
st = d.load("statements")
assert str(st["paragraph"].dtype) == "Int64" and str(st["date"].dtype).startswith("datetime64"), st.dtypes
assert str(st["text"].dtype) == "string"
assert st["issuer_id"].notna().all()
qa = d.load("qa")
assert qa["replies_to"].isna().sum() == 2
assert d.span(qa.iloc[0]) == qa.iloc[0]["text"]
assert d.source_text("src-sra-page").startswith("First India-China")
rows = d.records("events")
assert isinstance(rows[0]["earliest"], datetime.date)
assert d.package().get_resource("qa").read_rows()[0]["qa_id"] == "qa-2018-10-23-1-q"
print(st.dtypes.to_dict())
"""
    result = run(venv, "python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_installed_validator_passes_the_installed_data(venv, tmp_path):
    result = run(venv, "india-china-security-meetings", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_validator_fails_a_corrupted_copy(venv, tmp_path):
    locate = run(
        venv,
        "python",
        "-c",
        "from india_china_security_meetings.layout import data_root; print(data_root())",
        cwd=tmp_path,
    )
    copy = tmp_path / "copy"
    shutil.copytree(locate.stdout.strip(), copy)
    csv = copy / "data/topics.csv"
    csv.write_bytes(csv.read_bytes().replace(b"Counter-terrorism", b"Counter-terrorism ", 1))
    result = run(venv, "india-china-security-meetings", "validate", str(copy), cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "data/topics.csv" in result.stdout and "Traceback" not in result.stderr


def test_the_wheel_carries_exactly_the_files_of_a_release(wheel):
    from india_china_security_meetings.generate.release_files import package_files
    from india_china_security_meetings.reader import PackageReader

    prefix = "india_china_security_meetings/_data/"
    carried = sorted(n[len(prefix) :] for n in zipfile.ZipFile(wheel).namelist() if n.startswith(prefix))
    assert carried == package_files(PackageReader(ROOT))


def test_packaging_is_declared_in_pyproject_alone():
    assert not (ROOT / "setup.py").exists() and not (ROOT / "MANIFEST.in").exists()
    dependencies = __import__("tomllib").loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    assert dependencies and not any("==" in d for d in dependencies)


def _oldest_allowed() -> list[str]:
    """Each runtime dependency pinned to the lower bound of its declared range."""
    import re
    import tomllib

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return [re.sub(r">=([^,]+),.*$", r"==\1", d) for d in dependencies]


def test_the_wheel_works_beside_the_oldest_versions_its_ranges_allow(wheel, tmp_path):
    folder = tmp_path / "oldest"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + _oldest_allowed(), check=True, capture_output=True)
    subprocess.run(pip + ["--no-deps", str(wheel)], check=True, capture_output=True)
    result = run(folder, "india-china-security-meetings", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = run(
        folder, "python", "-c", "import india_china_security_meetings as d; print(len(d.records('qa')))", cwd=tmp_path
    )
    assert loaded.returncode == 0 and int(loaded.stdout) > 0, loaded.stderr
