"""The whole pipeline on large databases: read, validate, rank, export (issue 13, item 10).

    python bench/scale.py [--rows 10000 100000 1000000] [--dir DIR] [--src DIR]
                          [--steps read validate rank export] [--profile] [--json]

For each size, a database of that many rows is grown from the shipped sample
(``bench/scaledb.py``: deterministic, no unseeded randomness; written once into ``--dir``)
and one fresh Python process runs the steps in order, as the CLI does:

* ``read``: ``read_table(file, header_check=check_header)`` (what ``load`` reads);
* ``validate``: ``validate(raw)`` → the ``Database``;
* ``rank``: ``select(db, criteria, balanced, India)`` and the top 20 as records (the work
  of ``exportmcda rank --country IND --top 20``);
* ``export``: the workbook of the *full* ranking (``shortlist_xlsx(top=every
  technology)``), written atomically (``exportmcda export --top N``, N ≥ the pool).

Each row of the table gives the step's wall time, the process's peak resident memory so far
(``ru_maxrss``: the peak of the pipeline up to that step) and the ratio of the time to the
**engine floor** measured in the same process: ``fasttopsis.topsis_closeness`` on a random
matrix of the same shape (technologies × criteria; median of 5). ``--src`` runs the child
with another source tree first on the path (e.g. an older commit, for before/after figures
in one run); ``--profile`` prints each step's top cumulative costs (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("read", "validate", "rank", "export")
GOALS = {
    100_000: "validate + rank < 5 s, export < 15 s",
    1_000_000: "read + validate + rank < 60 s, peak RSS < 1,024 MB",
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _floor(n: int, m: int) -> float:
    """Median seconds of fasttopsis on a random n × m matrix (the engine's own cost)."""
    import numpy as np

    from exportmcda.rank.fasttopsis import topsis_closeness

    rng = np.random.default_rng(20240601 + n)
    matrix = rng.uniform(1.0, 100.0, (n, m))
    weights = rng.dirichlet(np.ones(m))
    types = np.where(np.arange(m) % 2 == 0, 1, -1)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        topsis_closeness(matrix, weights, types, "vector")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child(rows: int, path: Path, steps: tuple[str, ...], profile: bool) -> None:
    """Run the steps in this process; print one JSON line per step."""
    import exportmcda as em
    from exportmcda.data.io import read_table, write_bytes_atomic
    from exportmcda.data.validate import validate
    from exportmcda.export.reports import shortlist_xlsx
    from exportmcda.model.selection import select

    try:
        from exportmcda.data.table import release_freed_texts
    except ImportError:  # an older source tree (--src)
        release_freed_texts = None
    try:
        from exportmcda.data.validate import check_header
    except ImportError:  # an older source tree (--src): no header check
        check_header = None
    state: dict[str, Any] = {}

    def read() -> None:
        if check_header is None:
            state["raw"] = read_table(path)
        else:
            state["raw"] = read_table(path, header_check=check_header)

    def check() -> None:
        state["db"] = validate(state.pop("raw"))
        if release_freed_texts is not None:  # as ``load`` does once the raw table is gone
            release_freed_texts()

    def rank() -> None:
        selection = select(state["db"], em.load_criteria(), em.load_scenario("balanced"),
                           em.get_country("IND"))
        selection.records(20)
        state["selection"] = selection

    def export() -> None:
        selection = state["selection"]
        data = shortlist_xlsx(selection, top=len(selection.result.alternatives))
        with tempfile.TemporaryDirectory() as folder:
            write_bytes_atomic(Path(folder) / "ranking.xlsx", data)
        state["export_mb"] = len(data) / 1e6

    run: dict[str, Callable[[], None]] = {
        "read": read, "validate": check, "rank": rank, "export": export,
    }
    floor = None
    for step in STEPS:
        if step not in steps:
            continue
        profiler = cProfile.Profile() if profile else None
        start = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        run[step]()
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - start
        if floor is None and "db" in state:
            floor = _floor(state["db"].n_technologies, 10)
        line = {"rows": rows, "step": step, "seconds": seconds, "peak_rss_mb": _peak_mb(),
                "floor_s": floor}
        if step == "export":
            line["export_mb"] = state["export_mb"]
        if "db" in state:
            line["technologies"] = state["db"].n_technologies
        print(json.dumps(line), flush=True)
        if profiler is not None:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(12)
            print(f"--- profile of {step} at {rows:,} rows ---\n{text.getvalue()}",
                  file=sys.stderr, flush=True)


def _database(rows: int, folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scaledb

    path = folder / f"scale-{rows}.csv"
    if not path.exists():
        print(f"writing {path} ...", file=sys.stderr, flush=True)
        scaledb.write(rows, path)
    return path


def table(results: list[dict[str, Any]]) -> str:
    head = (f"{'rows':>10} {'techs':>8} {'step':<9} {'seconds':>9} {'peak RSS MB':>12} "
            f"{'floor ms':>9} {'x floor':>8}")
    lines = [head, "-" * len(head)]
    for r in results:
        if "error" in r:
            lines.append(f"{r['rows']:>10,} {'':>8} {r.get('step', ''):<9} {r['error']}")
            continue
        floor = r.get("floor_s")
        ratio = f"{r['seconds'] / floor:8.0f}" if floor else f"{'':>8}"
        floor_ms = f"{floor * 1e3:9.1f}" if floor else f"{'':>9}"
        lines.append(
            f"{r['rows']:>10,} {r.get('technologies', 0):>8,} {r['step']:<9} "
            f"{r['seconds']:>9.2f} {r['peak_rss_mb']:>12.0f} {floor_ms} {ratio}"
        )
    return "\n".join(lines)


def goals(results: list[dict[str, Any]]) -> list[str]:
    out = []
    by = {(r["rows"], r["step"]): r for r in results if "error" not in r}
    if all((100_000, s) in by for s in ("validate", "rank")):
        vr = by[(100_000, "validate")]["seconds"] + by[(100_000, "rank")]["seconds"]
        out.append(f"100,000 rows: validate + rank {vr:.2f} s (goal < 5 s): "
                   f"{'met' if vr < 5 else 'NOT met'}")
    if (100_000, "export") in by:
        ex = by[(100_000, "export")]["seconds"]
        out.append(f"100,000 rows: export {ex:.2f} s (goal < 15 s): "
                   f"{'met' if ex < 15 else 'NOT met'}")
    if all((1_000_000, s) in by for s in ("read", "validate", "rank")):
        total = sum(by[(1_000_000, s)]["seconds"] for s in ("read", "validate", "rank"))
        peak = by[(1_000_000, "rank")]["peak_rss_mb"]
        out.append(f"1,000,000 rows: read + validate + rank {total:.1f} s (goal < 60 s), "
                   f"peak RSS {peak:.0f} MB (goal < 1,024 MB): "
                   f"{'met' if total < 60 and peak < 1024 else 'NOT met'}")
    if (1_000_000, "export") in by:
        r = by[(1_000_000, "export")]
        out.append(f"1,000,000 rows: export {r['seconds']:.1f} s, peak RSS "
                   f"{r['peak_rss_mb']:.0f} MB (reported; the goal above is for ranking)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "exportmcda-scale")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="source tree the pipeline runs from (default: this checkout)")
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per size")
    parser.add_argument("--profile", action="store_true", help="cProfile each step (stderr)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("ROWS", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(int(args.child[0]), Path(args.child[1]), tuple(args.steps), args.profile)
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    for rows in args.rows:
        path = _database(rows, args.dir)
        env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(rows),
                   str(path), "--steps", *args.steps, *(["--profile"] if args.profile else [])]
        print(f"running {rows:,} rows ...", file=sys.stderr, flush=True)
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True,
                                  timeout=args.timeout, check=False)
            out, err, failed = done.stdout, done.stderr, done.returncode != 0
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            err, failed = "", False
            results += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
            results.append({"rows": rows, "error": f"stopped after {args.timeout:g} s"})
            continue
        if args.profile:
            print(err, file=sys.stderr)
        results += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        if failed:
            last = err.strip().splitlines()[-1] if err.strip() else f"exit {done.returncode}"
            results.append({"rows": rows, "error": f"failed: {last}"})
    if args.json:
        print(json.dumps({"results": results, "goals": goals(results)}, indent=2))
    else:
        print(table(results))
        for line in goals(results):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
