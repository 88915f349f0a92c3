"""The briefing as a one-page A4 PDF, rendered by WeasyPrint without a browser.

WeasyPrint (https://doc.courtbouillon.org/weasyprint/) lays out HTML and CSS with Pango, so
Korean is shaped and the font embedded from the system's fonts (Debian's ``fonts-noto-cjk``,
``Noto Sans CJK KR``; ``scripts/setup.sh`` installs it and Pango). Nothing is fetched: the
page refers to no URL, and the URL fetcher refuses any request anyway (a hostile name that
slipped into a URL position would still reach nothing).

One page is the promise: :func:`briefing_pdf` lays the page out at increasing densities
(:data:`exportmcda.brief.page.DENSITIES`) and keeps the first that fits one A4 sheet, or
the tightest if none does (a very long top N), reporting the page count it produced.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from typing import Any, NoReturn

from exportmcda.brief.content import Briefing
from exportmcda.brief.page import DENSITIES, FONT_FAMILY, render_html
from exportmcda.errors import ConfigError

__all__ = ["RenderedPdf", "briefing_pdf", "cjk_font_available"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedPdf:
    """The PDF bytes, how many pages they hold and the density chosen."""

    data: bytes
    pages: int
    density: int


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """WeasyPrint's URL fetcher: the briefing loads nothing from anywhere."""
    raise ValueError(f"the briefing fetches no resource (asked for {url[:80]!r})")


def cjk_font_available() -> bool:
    """Whether fontconfig knows :data:`~exportmcda.brief.page.FONT_FAMILY` (``fc-list``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        found = subprocess.run(
            [fc_list, f":family={FONT_FAMILY}", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return FONT_FAMILY in found.stdout


def briefing_pdf(briefing: Briefing) -> RenderedPdf:
    """Render ``briefing`` to a PDF that fits one A4 page where any density allows.

    Raises ConfigError when WeasyPrint or the Korean font is missing (install steps:
    ``scripts/setup.sh``), rather than writing a PDF whose Korean shows as boxes.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango's shared library missing
        raise ConfigError.single(
            "brief.no_pdf_engine",
            f"the PDF briefing needs WeasyPrint with Pango ({error}); install "
            "'exportmcda[app]' and run scripts/setup.sh, or write --out FILE.html",
        ) from None
    if not cjk_font_available():
        raise ConfigError.single(
            "brief.no_cjk_font",
            f"the font '{FONT_FAMILY}' is not installed (Debian: fonts-noto-cjk; "
            "scripts/setup.sh installs it), or write --out FILE.html",
        )

    def laid_out(density: int) -> Any:
        return weasyprint.HTML(string=render_html(briefing, density), url_fetcher=_refuse).render()

    # the page count falls as the density rises: find the first that fits by bisection
    best, document = 0, laid_out(0)
    if len(document.pages) > 1:
        lo, hi = 0, len(DENSITIES) - 1  # lo does not fit; hi is tried last
        tightest = laid_out(hi)
        best, document = hi, tightest
        while hi - lo > 1 and len(tightest.pages) <= 1:
            mid = (lo + hi) // 2
            candidate = laid_out(mid)
            if len(candidate.pages) <= 1:
                hi, best, document = mid, mid, candidate
            else:
                lo = mid
    return RenderedPdf(data=document.write_pdf(), pages=len(document.pages), density=best)
