"""Hostile inputs of issue 13 through the command line, the library and the app: a summary.

    python bench/hostile_report.py [--timeout S] [--fuzz-examples N] [--no-app] [--json]

Runs every input of ``tests/hostile/cases.py``'s :func:`catalogue` through the CLI
(``exportmcda.cli.main.main`` in a worker process, stdout and stderr captured), each with a
time limit, and prints:

* **inputs tried**, **accepted exactly** (exit 0, and for a database every hostile value and
  every data row as written, read back with ``exportmcda.load``), **refused naming
  file/row/column** (exit 1 or 2, the message holds the file, the row and the column or key
  the case names);
* the failures, each 0 when all is well: **tracebacks** (exit 3, a traceback in the output, or
  an exception out of ``main``), **hangs** (no answer within ``--timeout``), **lost rows**
  (data rows of an accepted database the library did not keep), **live formulas in exports**
  (for every accepted database: formula cells in the ``export`` workbook, and cells a
  spreadsheet would run in the ``export`` CSV and in ``rank --format csv``), **injected
  elements** (the app: the sample with names written in Markdown, HTML and KaTeX is uploaded
  with Streamlit's AppTest and the Ranking and Compare pages are opened; every text handed to
  an element that renders Markdown that still holds a raw name counts; the browser test
  ``tests/browser/test_markdown_names.py`` checks the DOM itself); also inputs accepted that
  should be refused, refused that should be accepted, and refusals that do not name what
  they should;
* a bounded **fuzz** run (hypothesis, ``--fuzz-examples`` per target, derandomised) over the
  importer, the AHP parsers and the scenario parser, with the strategies of
  ``FUZZ_TARGETS``: inputs tried, accepted, refused, other exceptions.

Exit status 1 when any failure count is not 0. Each case and fuzz target runs in a forked
worker; a worker that overruns its limit is killed and replaced.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.hostile.cases, tests.ui.apppages and the app's ui

from exportmcda.cli.main import main  # noqa: E402
from exportmcda.data.io import load  # noqa: E402
from exportmcda.errors import ExportMcdaError  # noqa: E402
from exportmcda.export.safe import FORMULA_PREFIXES  # noqa: E402
from tests.hostile.cases import FUZZ_TARGETS, Case, catalogue  # noqa: E402

CASES: list[Case] = catalogue()
HANG = {"hang": True}
FAILURES = ("tracebacks", "hangs", "lost rows", "live formulas in exports", "injected elements",
            "accepted though invalid", "refused though valid", "refused without naming",
            "accepted inexactly", "fuzz: other exceptions")

# ---- in the worker -----------------------------------------------------------------------


def _cli(argv: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    escaped = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv, out=out)
        except BaseException as error:  # what would reach the user as a traceback
            code, escaped = 3, f"{type(error).__name__}: {error}"
    text = out.getvalue() + err.getvalue()
    traceback = code == 3 or escaped is not None or "Traceback (most recent call last)" in text
    return {"code": code, "text": text, "traceback": traceback, "escaped": escaped}


def _live_csv_cells(text: str) -> tuple[int, int]:
    """(cells, cells a spreadsheet would run) of CSV ``text``, split at commas and at
    semicolons (Excel's separator in some locales), as tests/hostile checks the export."""
    cells = live = 0
    for delimiter in (",", ";"):
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            for cell in row:
                cells += 1
                stripped = cell.lstrip(" ")
                if stripped.startswith(FORMULA_PREFIXES):
                    try:
                        float(stripped.replace(",", ""))
                    except ValueError:
                        live += 1
    return cells, live


def _live_xlsx_cells(path: Path) -> tuple[int, int]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    return len(cells), sum(c.data_type == "f" for c in cells)


def _exports(path: Path, folder: Path) -> dict[str, Any]:
    """Export an accepted database every way a spreadsheet may open it; count live cells."""
    base = ["--data", str(path), "--country", "VNM"]
    cells = live = 0
    problems = []
    for suffix in (".xlsx", ".csv"):
        target = folder / f"export{suffix}"
        run = _cli(["export", *base, "--top", "50", "--out", str(target)])
        if run["code"] != 0:
            problems.append(f"export {suffix} exit {run['code']}: {run['text'][:200]}")
            continue
        if suffix == ".xlsx":
            n, bad = _live_xlsx_cells(target)
        else:
            n, bad = _live_csv_cells(target.read_bytes().decode("utf-8-sig"))
        cells, live = cells + n, live + bad
    run = _cli(["rank", *base, "--top", "50", "--format", "csv"])
    if run["code"] == 0:
        n, bad = _live_csv_cells(run["text"])
        cells, live = cells + n, live + bad
    else:
        problems.append(f"rank --format csv exit {run['code']}")
    return {"cells": cells, "live": live, "export_problems": problems,
            "export_traceback": any("exit 3" in p for p in problems)}


def _accepted(case: Case, path: Path, folder: Path) -> dict[str, Any]:
    db = load(path)
    technologies = db.rows.drop_duplicates("technology_id").set_index("technology_id")
    wrong = []
    for (tech, column), value in case.exact.items():
        found = technologies[column].get(tech) if tech in technologies.index else None
        if found != value:
            wrong.append(f"{tech}.{column}: {found!r} != {value!r}")
    return {"wrong_values": wrong, "rows_loaded": len(db.rows), **_exports(path, folder)}


def run_case(index: int, root: str) -> dict[str, Any]:
    """Run catalogue case ``index`` through the CLI in a folder of its own under ``root``."""
    case = CASES[index]
    folder = Path(root) / f"case{index:03d}"
    folder.mkdir()
    out = folder / "out"
    out.mkdir()
    path = folder / case.file if case.file else folder
    if case.make is not None:
        path.write_bytes(case.make())
    if case.place is not None:
        path = case.place(folder)
    argv = [a.replace("{file}", str(path)).replace("{out}", str(out)) for a in case.argv]
    result = _cli(argv)
    if result["code"] == 0 and case.expect == "accept" and case.database:
        try:
            result.update(_accepted(case, path, out))
        except ExportMcdaError as error:
            result["wrong_values"] = [f"load refused what validate accepted: {error}"]
        except Exception as error:
            result["traceback"] = True
            result["escaped"] = f"{type(error).__name__}: {error}"
    return result


def run_fuzz(name: str, examples: int) -> dict[str, Any]:
    """Fuzz one target with ``examples`` inputs; the counts and any other exception."""
    from hypothesis import HealthCheck, given, settings

    target = FUZZ_TARGETS[name]
    counts: Counter[str] = Counter()

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(target.inputs)
    def prop(value: Any) -> None:
        counts["tried"] += 1
        try:
            target.call(value)
        except ExportMcdaError:
            counts["refused"] += 1
        else:
            counts["accepted"] += 1

    other = None
    try:
        prop()
    except Exception as error:  # hypothesis re-raises the (shrunk) failing input's error
        other = f"{type(error).__name__}: {error}"[:300]
    return {**counts, "other": other}


def run_app() -> dict[str, Any]:
    """Upload the Markdown/HTML/KaTeX names with AppTest; count raw names in Markdown."""
    import logging

    from tests.markdown_names import HOSTILE, markdown_csv
    from tests.ui.apppages import markdown_rendered, open_page, tables

    # AppTest reads session state from outside a script run: Streamlit warns, harmlessly
    # (this worker runs only this check)
    logging.disable(logging.WARNING)

    checked = injected = shown = 0
    where = []
    for page in ("ui/pages/ranking.py", "ui/pages/compare.py"):
        at = open_page(page, upload=("markdown.csv", markdown_csv()))
        texts = markdown_rendered(at)
        checked += len(texts)
        for text in texts:
            hits = [name for name in HOSTILE if name in text]
            injected += len(hits)
            where += [f"{page}: {name!r} in {text[:80]!r}" for name in hits]
        shown += sum(str(v) in HOSTILE for t in tables(at)
                     for v in [*t.value.index, *t.value.to_numpy().ravel()])
    return {"checked": checked, "injected": injected, "where": where, "shown_as_text": shown}


# ---- in the parent -----------------------------------------------------------------------


class Worker:
    """One forked process at a time; killed and replaced when a call overruns its limit."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("fork")
        self._pool = self._context.Pool(1)

    def call(self, func: Any, args: tuple[Any, ...], timeout: float) -> dict[str, Any]:
        try:
            result: dict[str, Any] = self._pool.apply_async(func, args).get(timeout)
        except multiprocessing.TimeoutError:
            self._pool.terminate()
            self._pool.join()
            self._pool = self._context.Pool(1)
            return dict(HANG)
        except Exception as error:  # the worker itself failed: a traceback
            return {"traceback": True, "escaped": f"{type(error).__name__}: {error}"}
        return result

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


def judge(case: Case, result: dict[str, Any], counts: Counter[str], failures: list[str]) -> None:
    """Count one case's outcome; name it in ``failures`` when it is one."""
    if result.get("hang"):
        counts["hangs"] += 1
        failures.append(f"hang: {case.name}")
        return
    if result.get("traceback") or result.get("export_traceback"):
        counts["tracebacks"] += 1
        failures.append(f"traceback: {case.name}: {result.get('escaped') or result['text'][-300:]}")
        return
    accepted = result["code"] == 0
    if case.expect == "refuse":
        if accepted:
            counts["accepted though invalid"] += 1
            failures.append(f"accepted though invalid: {case.name}")
        elif all(name in result["text"] for name in case.names):
            counts["refused naming file/row/column"] += 1
        else:
            missing = [n for n in case.names if n not in result["text"]]
            counts["refused without naming"] += 1
            failures.append(f"refused without naming {missing}: {case.name}: "
                            f"{result['text'][:300]!r}")
        return
    if not accepted:
        counts["refused though valid"] += 1
        failures.append(f"refused though valid: {case.name}: {result['text'][:300]!r}")
        return
    if not case.database:
        counts["accepted exactly"] += 1
        return
    lost = max(0, (case.rows or 0) - int(result.get("rows_loaded", 0)))
    counts["lost rows"] += lost
    counts["live formulas in exports"] += int(result.get("live", 0))
    counts["export cells checked"] += int(result.get("cells", 0))
    problems = [*result.get("wrong_values", []), *result.get("export_problems", [])]
    if lost:
        failures.append(f"lost {lost} rows: {case.name}")
    if result.get("live"):
        failures.append(f"{result['live']} live formulas in the exports of {case.name}")
    if problems:
        counts["accepted inexactly"] += 1
        failures.append(f"accepted inexactly: {case.name}: {problems}")
    elif not lost:
        counts["accepted exactly"] += 1


def report(args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    counts: Counter[str] = Counter()
    failures: list[str] = []
    worker = Worker()
    try:
        with tempfile.TemporaryDirectory(prefix="hostile-") as root:
            for index, case in enumerate(CASES):
                result = worker.call(run_case, (index, root), args.timeout)
                judge(case, result, counts, failures)
        app: dict[str, Any] = {"skipped": True}
        if not args.no_app:  # in a worker of its own: AppTest makes the app its __main__
            app_worker = Worker()
            try:
                app = app_worker.call(run_app, (), args.app_timeout)
            finally:
                app_worker.close()
            if app.get("hang") or app.get("traceback"):
                counts["hangs" if app.get("hang") else "tracebacks"] += 1
                failures.append(f"app check: {app}")
            else:
                counts["injected elements"] += app["injected"]
                failures += app["where"]
        fuzz: dict[str, dict[str, Any]] = {}
        for name in FUZZ_TARGETS:
            result = worker.call(run_fuzz, (name, args.fuzz_examples), args.fuzz_timeout)
            fuzz[name] = result
            if result.get("hang"):
                counts["hangs"] += 1
                failures.append(f"fuzz hang: {name}")
            elif result.get("other") or result.get("traceback"):
                counts["fuzz: other exceptions"] += 1
                failures.append(f"fuzz {name}: {result.get('other') or result.get('escaped')}")
    finally:
        worker.close()
    return {
        "inputs_tried": len(CASES),
        "by_item": dict(sorted(Counter(c.item for c in CASES).items())),
        "counts": {k: counts[k] for k in ("accepted exactly", "refused naming file/row/column",
                                          "export cells checked", *FAILURES)},
        "app": app,
        "fuzz": fuzz,
        "fuzz_inputs": sum(int(r.get("tried", 0)) for r in fuzz.values()),
        "failures": failures,
        "seconds": round(time.monotonic() - started, 1),
    }


def print_summary(data: dict[str, Any]) -> None:
    c = data["counts"]
    items = ", ".join(f"{k}: {n}" for k, n in data["by_item"].items())
    print(f"hostile inputs tried: {data['inputs_tried']} (by issue-13 item, 0 = earlier "
          f"guards: {items})")
    print(f"  accepted exactly:                {c['accepted exactly']}")
    print(f"  refused naming file/row/column:  {c['refused naming file/row/column']}")
    for key in FAILURES[:5]:
        extra = ""
        if key == "live formulas in exports":
            extra = f" ({c['export cells checked']} cells of xlsx, CSV and --format csv checked)"
        if key == "injected elements":
            app = data["app"]
            extra = (" (app check skipped)" if app.get("skipped") else
                     f" (AppTest, Ranking and Compare: {app.get('checked', 0)} Markdown texts "
                     f"checked, {app.get('shown_as_text', 0)} names shown as text)")
        print(f"  {key + ':':32} {c[key]}{extra}")
    others = {k: c[k] for k in FAILURES[5:9]}
    print("  " + ", ".join(f"{k}: {n}" for k, n in others.items()))
    fuzz = data["fuzz"]
    accepted = sum(int(r.get("accepted", 0)) for r in fuzz.values())
    refused = sum(int(r.get("refused", 0)) for r in fuzz.values())
    print(f"fuzz (hypothesis, bounded): {data['fuzz_inputs']} inputs over "
          f"{', '.join(fuzz)}: {accepted} accepted, {refused} refused, "
          f"{c['fuzz: other exceptions']} other exceptions")
    for failure in data["failures"]:
        print(f"  FAILURE {failure}")
    print(f"time: {data['seconds']} s")


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds allowed for each input (default 30)")
    parser.add_argument("--fuzz-examples", type=int, default=500,
                        help="hypothesis examples per fuzz target (default 500, as the tests)")
    parser.add_argument("--fuzz-timeout", type=float, default=120.0)
    parser.add_argument("--app-timeout", type=float, default=180.0)
    parser.add_argument("--no-app", action="store_true", help="leave out the AppTest check")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    data = report(args)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_summary(data)
    return 1 if any(data["counts"][k] for k in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main_())
