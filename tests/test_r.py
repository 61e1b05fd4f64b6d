"""The R package (r/): installed into a throwaway library, its testthat suite run against this
package; built and checked as R CMD check would on CRAN's side (without the internet). CI
installs R from Debian's packages (.ci/run), and there a missing R fails the suite."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

RSCRIPT = shutil.which("Rscript")
if RSCRIPT is None and os.environ.get("CI"):
    pytest.fail("R is required in CI for the R package's tests (.ci/run installs it)", pytrace=False)
pytestmark = [
    pytest.mark.r,
    pytest.mark.skipif(
        RSCRIPT is None, reason="no R on this machine (apt-get install r-base-core r-cran-jsonlite r-cran-testthat)"
    ),
]


def run(command, cwd=None, env=None, timeout=300) -> subprocess.CompletedProcess:
    # stdin closed: R must never wait for input (a hang is a failure, caught by the timeout).
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout
    )


def install(library) -> None:
    library.mkdir(parents=True, exist_ok=True)
    result = run(["R", "CMD", "INSTALL", "--no-test-load", "-l", str(library), str(ROOT / "r")])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.slow  # installs the R package into a throwaway library
def test_the_r_package_passes_its_testthat_suite_on_this_package(tmp_path, built_package):
    install(tmp_path / "lib")
    code = (
        f'library(testthat); library(icsm, lib.loc = "{tmp_path / "lib"}"); '
        f'test_dir("{ROOT / "r/tests/testthat"}", reporter = "summary", stop_on_failure = TRUE)'
    )
    # ICSM_ROOT turns on the tests that read every table of a full package, not only the R
    # package's own small fixture: the frozen fixture package, so a data edit cannot break them.
    result = run([RSCRIPT, "-e", code], env=dict(os.environ, ICSM_ROOT=str(built_package)))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.slow
def test_the_r_package_passes_r_cmd_check(tmp_path):
    build = run(["R", "CMD", "build", str(ROOT / "r")], cwd=tmp_path)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    (tarball,) = tmp_path.glob("icsm_*.tar.gz")
    # Suggests are not forced (no CRAN here) and there is no LaTeX for the PDF manual; the check
    # runs the tests on the package's own fixture, so the real package is not named.
    env = {key: value for key, value in os.environ.items() if key != "ICSM_ROOT"}
    env["_R_CHECK_FORCE_SUGGESTS_"] = "false"
    check = run(["R", "CMD", "check", "--no-manual", tarball.name], cwd=tmp_path, env=env, timeout=600)
    output = check.stdout + check.stderr
    problems = [line for line in output.splitlines() if line.rstrip().endswith(("ERROR", "WARNING"))]
    assert not problems, output[-4000:]
    assert re.search(r"^Status: (OK|\d+ NOTEs?)$", output, re.MULTILINE), output[-4000:]
    assert check.returncode == 0, output[-4000:]
