"""The R package (r/): installed into a throwaway library, its testthat suite run against this
package; CI installs R from Debian's packages (.ci/run), and there a missing R fails the suite."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import ROOT

RSCRIPT = shutil.which("Rscript")
if RSCRIPT is None and os.environ.get("CI"):
    pytest.fail("R is required in CI for the R package's tests (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(
    RSCRIPT is None, reason="no R on this machine (apt-get install r-base-core r-cran-jsonlite r-cran-testthat)"
)


def install(library) -> None:
    library.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["R", "CMD", "INSTALL", "--no-test-load", "-l", str(library), str(ROOT / "r")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_the_r_package_passes_its_testthat_suite_on_this_package(tmp_path):
    install(tmp_path / "lib")
    code = (
        f'library(testthat); library(icsm, lib.loc = "{tmp_path / "lib"}"); '
        f'test_dir("{ROOT / "r/tests/testthat"}", reporter = "summary", stop_on_failure = TRUE)'
    )
    result = subprocess.run(
        [RSCRIPT, "-e", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, ICSM_ROOT=str(ROOT)),
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
