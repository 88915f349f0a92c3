"""The ``brief`` command (exportmcda.cli.brief): PDF or HTML by suffix, atomic, clear errors."""

from __future__ import annotations

import json
import subprocess

import pytest

from exportmcda.cli.main import run
from exportmcda.data.io import to_interchange
from exportmcda.export.record import build_record
from exportmcda.export.reports import shortlist_xlsx

FAST = ["--samples", "300"]


@pytest.fixture(scope="module")
def decision(india, tmp_path_factory):
    path = tmp_path_factory.mktemp("decision") / "decision.json"
    path.write_text(build_record(india, top=10).to_json(), encoding="utf-8")
    return path


def test_a_korean_pdf_is_written(decision, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    code, stdout = run(["brief", str(decision), "--lang", "ko", "--out", str(out), *FAST])
    assert code == 0
    assert stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "의사결정 브리핑" in text
    assert "T0889" in text
    err = capsys.readouterr().err
    assert f"Wrote {out} (1 page, ko)." in err
    assert "합성 샘플 데이터" in err  # the notice, in the page's language
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]  # no temporary file left


def test_html_from_a_workbook_record(india, tmp_path):
    book = tmp_path / "shortlist.xlsx"
    book.write_bytes(shortlist_xlsx(india, top=5))
    out = tmp_path / "brief.HTML"
    code, _ = run(["brief", str(book), "--out", str(out), *FAST])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Decision briefing: India (IND)" in page
    assert all(tid in page for tid in india.top_ids(5))


def test_an_edited_record_is_refused_and_nothing_written(decision, tmp_path, capsys):
    data = json.loads(decision.read_text(encoding="utf-8"))
    data["top"] = 3
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "brief.pdf"
    code, _ = run(["brief", str(edited), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {edited}")
    assert "the audit record was changed after export" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_an_output_suffix_other_than_pdf_or_html_is_refused(decision, tmp_path, capsys):
    out = tmp_path / "brief.docx"
    code, _ = run(["brief", str(decision), "--out", str(out), "--lang", "ko"])
    assert code == 1
    err = capsys.readouterr().err
    assert "출력 파일은 .pdf 또는 .html이어야 함" in err
    assert "brief.docx" in err
    assert not out.exists()


def test_a_changed_database_still_briefs_and_says_so(db, decision, tmp_path, capsys):
    frame = to_interchange(db)
    data = tmp_path / "changed.csv"
    data.write_bytes(frame[frame["technology_id"] != "T0681"].to_csv(index=False).encode())
    out = tmp_path / "brief.html"
    code, _ = run(["brief", str(decision), "--data", str(data), "--out", str(out), *FAST])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "Re-run today: NOT identical." in page
    assert "Inputs changed since the record: data" in page
    assert "T0681 left (rank 10 recorded; today –); T0636 entered at rank 10" in page
    assert "not a candidate in today&#x27;s data" in page
    assert "Note: Re-run today: NOT identical." in capsys.readouterr().err


def test_a_missing_output_folder_is_a_clear_error(decision, tmp_path, capsys):
    code, _ = run(["brief", str(decision), "--out", str(tmp_path / "no" / "b.html"), *FAST])
    assert code == 1
    assert "does not exist" in capsys.readouterr().err
