"""The coding authorities' own rows (GDELT Goldstein values, CAMEO→PLOVER), as vendored files."""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDSTEIN_FILE = "gdelt-goldstein-01-12.tsv"
PLOVER_FILE = "cameo2plover-2021-03-06-10-12.txt"
# The roots each file covers: a code outside them cannot be checked and is refused.
GOLDSTEIN_ROOTS = {f"{r:02d}" for r in range(1, 13)}
PLOVER_ROOTS = {"03", "04", "05", "06", "10", "11", "12"}
NO_PLOVER_ROOTS = {"01", "02"}  # PLOVER dropped CAMEO's comment and appeal categories


@cache
def goldstein() -> dict[str, float]:
    lines = (HERE / GOLDSTEIN_FILE).read_text(encoding="utf-8").splitlines()[1:]
    return {code: float(value) for code, value in (line.split("\t") for line in lines if line.strip())}


@cache
def plover() -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER event type, mode, context), empty strings where the file has none."""
    out = {}
    for line in (HERE / PLOVER_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, rest = line.split(":", 1)
        parts = [part.strip() for part in rest.split(",")] + ["", ""]
        out[code.strip()] = (parts[0], parts[1], parts[2])
    return out
