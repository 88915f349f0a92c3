"""The shared defaults stay cheap to import and are the ones the shells use."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_defaults_loads_neither_pandas_nor_the_engine() -> None:
    code = (
        "import sys; import exportmcda.model.defaults; "
        "print(sorted(m for m in ('pandas', 'numpy', 'pymcdm', 'exportmcda.model.selection') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_default_shortlist_is_ten() -> None:
    from exportmcda.model.defaults import DEFAULT_TOP

    assert DEFAULT_TOP == 10
