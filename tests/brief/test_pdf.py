"""The briefing as a one-page PDF (exportmcda.brief.pdf), read back with poppler."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exportmcda.brief import pdf
from exportmcda.brief.pdf import briefing_pdf, cjk_font_available
from exportmcda.errors import ConfigError


def _poppler(tool: str, data: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(data)
    assert shutil.which(tool), f"{tool} (poppler-utils, scripts/setup.sh test) is needed"
    done = subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def korean_pdf(india_brief_ko):
    return briefing_pdf(india_brief_ko)


def test_the_korean_pdf_is_one_page_with_its_title_and_ids(korean_pdf, tmp_path):
    assert korean_pdf.data.startswith(b"%PDF-")
    assert korean_pdf.pages == 1
    text = _poppler("pdftotext", korean_pdf.data, tmp_path)
    assert "의사결정 브리핑" in text
    assert "T0889" in text
    assert "T0681" in text
    assert "합성 샘플 데이터" in text
    info = _poppler("pdfinfo", korean_pdf.data, tmp_path)
    assert "Pages:           1" in info
    assert "A4" in info or "595.28 x 841.89" in info


def test_the_pdf_embeds_noto_sans_cjk_kr(korean_pdf, tmp_path):
    fonts = _poppler("pdffonts", korean_pdf.data, tmp_path).splitlines()[2:]
    assert fonts, "no font in the PDF"
    for line in fonts:
        assert "Noto-Sans-CJK-KR" in line
        assert " yes " in line  # embedded (subset)


def test_the_english_pdf_fits_one_page(india_brief, tmp_path):
    rendered = briefing_pdf(india_brief)
    assert rendered.pages == 1
    text = _poppler("pdftotext", rendered.data, tmp_path)
    assert "Decision briefing: India (IND)" in text
    assert india_brief.digest[:40] in text.replace("\n", "")


def test_the_font_is_installed():
    assert cjk_font_available()


def test_a_missing_korean_font_is_an_error_not_boxes(india_brief, monkeypatch):
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)
    with pytest.raises(ConfigError) as caught:
        briefing_pdf(india_brief)
    assert caught.value.issues[0].code == "brief.no_cjk_font"


def test_nothing_is_fetched():
    with pytest.raises(ValueError, match="fetches no resource"):
        pdf._refuse("https://example.org/tracker.png")
