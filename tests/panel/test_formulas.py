"""The live CR formulas, as a spreadsheet computes them (LibreOffice recalculates the sheets)."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from exportmcda.model.scenarios import load_scenario
from exportmcda.panel.formulas import judgment_formula, ref
from exportmcda.panel.template import panel_template
from tests.panel.conftest import EXPERT_1, EXPERT_2, EXPERT_3, fill


def test_references_and_the_judgment_formula():
    assert ref(7, 10) == "J7"
    assert ref(7, 10, absolute=True) == "$J$7"
    assert judgment_formula(7) == ('=IF(I7="","",IF(I7=1,1,IF(H7="A",I7,IF(H7="B",1/I7,""))))')


def test_live_cr_recalculated_by_libreoffice(small_tree, tmp_path):
    """The formulas a user sees: LibreOffice recalculates the filled sheets.

    Kim is consistent (CR 0); Lee (9, 1/9, 9): lambda_max = 1 + 1/9 + 9 (3x3 closed form),
    CR = (lambda - 3) / 2 / 0.58 = 6.130; Park left a question blank: no CR yet.
    """
    soffice = shutil.which("soffice")
    assert soffice, "scripts/setup.sh installs libreoffice-calc-nogui"
    data = fill(
        panel_template(small_tree, load_scenario("balanced"), experts=3),
        [EXPERT_1, EXPERT_2, EXPERT_3],
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "panel.xlsx").write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "in" / "panel.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    book = openpyxl.load_workbook(tmp_path / "out" / "panel.xlsx", data_only=True)
    crs = [(book[f"Expert {k}"]["G6"].value, book[f"Expert {k}"]["H6"].value) for k in (1, 2, 3)]
    assert crs[0] == (0, "OK")
    assert crs[1][0] == pytest.approx(round((1 + 1 / 9 + 9 - 3) / 2 / 0.58, 3))
    assert crs[1][1] == "Revisit"
    assert crs[2] == (None, None)
    assert book["Expert 3"]["J8"].value is None  # the blank question has no judgment
