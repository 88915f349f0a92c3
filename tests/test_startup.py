"""Start-up imports only what is used (issue 8, part 9): checked by module presence, not time.

Each check runs in a fresh interpreter, since this test process has imported everything.
pymcdm's package ``__init__`` imports ``pymcdm.visuals`` and with it matplotlib (about 0.6 s),
so neither may load unless a pymcdm method is actually called.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pymcdm", "matplotlib", "scipy", "pandas", "numpy")

LOADED = "import sys, json; print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))"


def loaded_after(code: str) -> set[str]:
    """Which of HEAVY are in sys.modules after running ``code`` in a fresh interpreter."""
    script = f"{code}\n{LOADED.format(heavy=HEAVY)}"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def cli(*argv: str) -> str:
    """Run the CLI in-process in a fresh interpreter (its output discarded)."""
    return (
        "import contextlib, io\n"
        "from exportmcda.cli.main import main\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main({list(argv)!r}, out=io.StringIO())\n"
        "assert code == 0, code\n"
    )


def test_import_exportmcda_loads_neither_pymcdm_nor_pandas() -> None:
    assert not loaded_after("import exportmcda") & {"pymcdm", "matplotlib", "scipy", "pandas"}


def test_every_public_name_resolves_without_pymcdm() -> None:
    code = (
        "import exportmcda as em\n"
        "missing = [n for n in em.__all__ if n not in dir(em)]\n"
        "assert not missing, missing\n"
        "for name in em.__all__:\n"
        "    getattr(em, name)\n"
        "assert callable(em.ahp) and callable(em.robustness), (em.ahp, em.robustness)\n"
    )
    assert not loaded_after(code) & {"pymcdm", "matplotlib"}


def test_import_exportmcda_cli_loads_nothing_heavy() -> None:
    loaded = loaded_after("import exportmcda.cli")
    assert not loaded & {"pymcdm", "matplotlib", "scipy", "pandas"}


def test_validate_does_not_import_matplotlib_or_pymcdm() -> None:
    loaded = loaded_after(cli("validate", "data/examples/small_database.csv"))
    assert not loaded & {"pymcdm", "matplotlib", "scipy"}


def test_rank_with_topsis_does_not_import_matplotlib() -> None:
    """TOPSIS runs on exportmcda.rank.fasttopsis; pymcdm's checks load without its package."""
    loaded = loaded_after(cli("rank", "--country", "IND", "--top", "10"))
    assert not loaded & {"pymcdm", "matplotlib", "scipy"}


@pytest.mark.parametrize("method", ["vikor", "promethee_ii"])
def test_a_pymcdm_method_still_runs_through_pymcdm(method: str) -> None:
    code = (
        "import numpy as np\n"
        "from exportmcda.rank.engine import rank_matrix\n"
        f"r = rank_matrix(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.5]]), [0.5, 0.5], [1, -1],"
        f" method={method!r})\n"
        "assert r.engine.startswith('pymcdm.methods.'), r.engine\n"
    )
    assert "pymcdm" in loaded_after(code)
