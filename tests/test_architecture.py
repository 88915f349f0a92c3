"""The package's layers and import rules, as the build checks them (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "exportmcda"
SUBPACKAGES = {"data", "ahp", "rank", "robustness", "model", "export", "charts", "cli"}


def test_import_contracts_are_kept() -> None:
    """import-linter: one-way layers, engines free of the model, no cycles in any folder."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout


def _root_imports(path: Path) -> list[str]:
    """Imports of the package root itself (``import exportmcda``, ``from exportmcda import x``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name == "exportmcda"]
        elif isinstance(node, ast.ImportFrom) and node.module == "exportmcda":
            found += [f"exportmcda.{a.name}" for a in node.names if a.name not in SUBPACKAGES]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(f"relative import in {path.name}")
    return found


def test_no_module_imports_the_package_root() -> None:
    """Only ``__init__`` gathers the public API; modules import their neighbours directly."""
    offenders = {
        str(p.relative_to(PACKAGE)): _root_imports(p)
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent != PACKAGE
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_package_has_one_folder_per_concept() -> None:
    """Modules live in their concept's folder; only cross-cutting ones sit at the top."""
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == {"__init__", "__main__", "errors", "labels", "resources", "version"}
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} >= (
        SUBPACKAGES
    )


def test_tests_mirror_the_package() -> None:
    """Every module has a test file at the mirrored path (tests/ahp/test_x.py ↔ ahp/x.py)."""
    missing = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name not in {"__init__.py", "__main__.py"}
        and not (ROOT / "tests" / p.parent.relative_to(PACKAGE) / f"test_{p.name}").exists()
    )
    assert missing == []
