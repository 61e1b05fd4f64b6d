#!/usr/bin/env python3
"""Measure the validator against bare `frictionless validate`: `python benchmarks/run.py [--runs K] [--sizes 10,100,1000]`.

For the real package and synthetic packages of N meetings (benchmarks/synth.py), runs each
tool K times in a fresh process and records wall time, CPU time and peak memory (GNU time's
maximum resident set size; for our validator also the sum of its main process and its worker, since
frictionless runs in a worker beside the main process). Writes docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The synthetic corpora are far larger than the real package: raise the file gate's caps for
# them (the caps protect against hostile packages; these are our own).
os.environ.setdefault("ICSM_MAX_FILE_BYTES", str(1 << 30))
os.environ.setdefault("ICSM_MAX_PACKAGE_BYTES", str(1 << 32))
os.environ.setdefault("ICSM_FRICTIONLESS_TIMEOUT", "3600")
for _cap in ("ICSM_MAX_FILE_LINES", "ICSM_MAX_TABLE_LINES", "ICSM_MAX_PACKAGE_TABLE_LINES"):
    os.environ.setdefault(_cap, str(1 << 30))

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import synthesize  # noqa: E402

OURS = """
import glob, os, resource, sys, threading, time

# The peak of each child python process (the frictionless worker), read from /proc while it
# runs. The kernel's figure for children (RUSAGE_CHILDREN) is no use here: a child forked to run
# git counts the parent's resident pages as its own until it execs.
peaks = {}
def watch():
    while True:
        for listing in glob.glob(f"/proc/{os.getpid()}/task/*/children"):
            for pid in open(listing).read().split():
                try:
                    status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status").read().splitlines() if ":" in l)
                except OSError:
                    continue
                if status.get("Name", "").strip().startswith("python"):
                    peaks[pid] = max(peaks.get(pid, 0), int(status.get("VmHWM", "0 kB").split()[0]))
        time.sleep(0.05)
threading.Thread(target=watch, daemon=True).start()
start = time.perf_counter()
from india_china_security_meetings.validate import validate
problems = validate(sys.argv[1])
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(len(problems), wall, me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, me.ru_maxrss + max(peaks.values(), default=0))
"""


def gnu_time(command: list[str]) -> tuple[float, float, int, str]:
    """(wall s, cpu s, max RSS KB, stdout) of a command under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as report:
        result = subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M", *command], capture_output=True, text=True
        )
        wall, user, system, rss = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss), result.stdout


def measure(package: Path, runs: int) -> dict:
    ours, theirs = [], []
    for _ in range(runs):
        wall, cpu, rss, out = gnu_time([sys.executable, "-c", OURS, str(package)])
        count, inner_wall, all_cpu, rss_sum = out.split()
        if count != "0":
            raise SystemExit(f"{package} is not valid under our validator ({count} problems)")
        ours.append({"wall": wall, "cpu": float(all_cpu), "rss": rss, "rss_sum": int(rss_sum)})
        wall, cpu, rss, _ = gnu_time(
            [sys.executable, "-m", "frictionless", "validate", str(package / "datapackage.json")]
        )
        theirs.append({"wall": wall, "cpu": cpu, "rss": rss})
    return {"ours": ours, "frictionless": theirs}


def rows_of(package: Path) -> int:
    descriptor = json.loads((package / "datapackage.json").read_text())
    return sum(
        (package / e["path"]).read_bytes().count(b"\n") - 1 for e in descriptor["resources"] if e.get("type") == "table"
    )


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?"
    )
    import frictionless

    return (
        f"{os.cpu_count()} × {cpu}, {int(memory) // 1024 // 1024} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, frictionless {frictionless.__version__}"
    )


def profile(package: Path) -> list[tuple[str, float]]:
    """Seconds per rule (our layer only, frictionless excluded), one serial pass of the validator's own runner."""
    from india_china_security_meetings.reader import COLLECT, PackageReader
    from india_china_security_meetings.rules import BACKGROUND, all_rules
    from india_china_security_meetings.validate import run_rules

    ctx = PackageReader(package, COLLECT)
    spent: dict[str, float] = {}
    start = time.perf_counter()
    ctx.check()
    spent["read the package (names, paths, caps, schemas, held texts)"] = time.perf_counter() - start
    run_rules(ctx, [r for r in all_rules() if r.scope != BACKGROUND], timings=spent)
    return sorted(spent.items(), key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--out", default=str(ROOT / "docs/performance.md"))
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        targets = [("real package", ROOT)] + [
            (f"N = {n}", Path(folder) / f"n{n}") for n in map(int, args.sizes.split(","))
        ]
        for label, path in targets:
            if label != "real package":
                synthesize(int(label.split()[-1]), path)
            runs = args.runs if rows_of(path) < 50_000 else max(3, args.runs // 2)
            print(f"measuring {label} ({rows_of(path)} rows, {runs} runs)…", file=sys.stderr)
            results.append((label, rows_of(path), measure(path, runs)))
        largest = targets[-1][1]
        breakdown = profile(largest)
    write_report(Path(args.out), results, breakdown, targets[-1][0])


def write_report(out: Path, results, breakdown, largest_label) -> None:
    lines = [
        "# Performance of the validator",
        "",
        "Generated by `python benchmarks/run.py`; numbers from one machine, not a promise.",
        "",
        f"Machine: {machine()}.",
        "",
        "Each cell is the median (min–max) over the runs, each run a fresh process; the two tools alternate, so a",
        "slow spell of the machine falls on both. *Wall* and *CPU* in seconds (CPU of every process of the tool);",
        "*peak* in MB: for bare frictionless GNU time's maximum resident set size, for our validator the peaks of its",
        "main process and of its frictionless worker (its VmHWM, read from /proc while it runs) added, as they run at",
        "the same time; git, which the version rules run, is left out (a forked child counts its parent's pages). Each *ratio* is ours over",
        "bare `frictionless validate` of the same package.",
        "",
        "| package | rows | runs | ours wall | frictionless wall | wall ratio | ours CPU | frictionless CPU | CPU ratio | ours peak | frictionless peak | peak ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    walls, ratios = {}, {}
    for label, rows, m in results:
        ours, theirs = m["ours"], m["frictionless"]
        ow, tw = statistics.median(r["wall"] for r in ours), statistics.median(r["wall"] for r in theirs)
        oc, tc = statistics.median(r["cpu"] for r in ours), statistics.median(r["cpu"] for r in theirs)
        orss, trss = statistics.median(r["rss_sum"] for r in ours), statistics.median(r["rss"] for r in theirs)
        walls[label], ratios[label] = ow, (ow / tw, oc / tc, orss / trss)
        lines.append(
            f"| {label} | {rows} | {len(ours)} | {summary([r['wall'] for r in ours])} | {summary([r['wall'] for r in theirs])} | {ow / tw:.2f} | "
            f"{summary([r['cpu'] for r in ours])} | {summary([r['cpu'] for r in theirs])} | {oc / tc:.2f} | "
            f"{orss / 1024:.0f} | {trss / 1024:.0f} | {orss / trss:.2f} |"
        )
    wall, cpu, peak = ratios[largest_label]
    lines += [
        "",
        f"At {largest_label}: wall {wall:.2f}× (target ≤ 1.05), CPU {cpu:.2f}× (target ≤ 1.2), "
        f"peak memory {peak:.2f}× (target ≤ 1.5) of bare frictionless.",
    ]
    if "N = 100" in walls and "N = 1000" in walls:
        lines += [
            "",
            f"Scaling: wall time at N = 1000 is {walls['N = 1000'] / walls['N = 100']:.1f}× the time at N = 100 (10× the rows).",
        ]
    lines += [
        "",
        f"## Where our own time goes ({largest_label}, one serial pass, frictionless and foreign keys excluded)",
        "",
        "| rule | seconds |",
        "|---|---|",
        *[f"| {name} | {seconds:.2f} |" for name, seconds in breakdown if seconds >= 0.01],
        "",
        "## How it is kept cheap",
        "",
        "- frictionless (types, constraints, primary keys) reads the tables in a worker, a fresh interpreter that",
        "  carries none of the main process's memory, while our rules run in the main process: on two cores the",
        "  wall time is close to frictionless's own, and the CPU columns show the full cost.",
        "- Foreign keys are not left to frictionless (it copies and re-reads each referenced table per key): they",
        "  are checked on the tables as our runner parses them, once per distinct key value.",
        "- Large files are read in 1 MB pieces that end at a line feed: size, hash, UTF-8, BOM, CR, NFC and control",
        "  characters are found in the one pass that hashes a file, and no rule holds a large file whole.",
        "- Each table is parsed once for the per-table rules and kept as tuples of cells, one object per distinct",
        "  value of a column; rules over several tables stream them and keep only the cells they read.",
        "- A JSON twin is compared, a batch of records at a time, with the canonical rendering of its CSV's typed",
        "  values (each distinct cell encoded once), and its field schemas are asked once per distinct value;",
        "  only a twin that differs goes to the detailed comparison, which says where.",
        "- CSV cells are searched a column at a time by the regex engine; names in the held texts by substring",
        "  search; span, overlap and coverage checks sort once (O(n log n)); none compares all pairs.",
        "- The profile above leaves out frictionless and the foreign keys (the background rule); the tables of",
        "  this document are the whole cost.",
        "",
        "What each piece buys was measured on 2026-12-02 at N = 1000 by running our layer (the profile above) with",
        "and without it, the two side by side so that a slow spell of the machine falls on both:",
        "",
        "- one object per distinct cell: without it the main process peaks at 241–244 MB instead of 147–158 MB,",
        "  and spends 1.0–2.7 s more CPU;",
        "- whole-column matching of integer, number and boolean columns before any cell is looked at: without it,",
        "  0.3–0.6 s more CPU, the same peak;",
        "- a fastjsonschema pass before jsonschema on a twin that is not byte-canonical, and JSON parsed from bytes",
        "  for large files: the benchmark never reached the first (every canonical twin is settled by the stream",
        "  comparison) and the second saved nothing (`json.loads` decodes bytes whole), so both were removed.",
        "",
        "## Reproduce",
        "",
        "```sh",
        "make",
        ".venv/bin/python benchmarks/run.py            # writes docs/performance.md",
        ".venv/bin/python benchmarks/synth.py 1000 /tmp/n1000 && .venv/bin/python scripts/validate.py /tmp/n1000",
        "```",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
