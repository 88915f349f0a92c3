"""The sample database with names written in Markdown, HTML and KaTeX (issue 13 item 1).

Shared by the AppTest (``tests/ui/test_markdown_names.py``) and the browser test
(``tests/browser/test_markdown_names.py``): the app must show every one of them as the text
itself, with no link, image, emphasis, heading, formula, colour or HTML element.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "small_database.csv"

HOSTILE = (
    "[x](https://example.org/a)",
    "![](https://example.org/p.png)",
    "**bold**",
    "# head",
    "$x^2$",
    ":red[alert]",
    "<img src=x onerror=alert(1)>",
)
TECHNOLOGIES = {f"T00{i + 1}": name for i, name in enumerate(HOSTILE)}  # T001..T007
COMPANIES = {f"C0{i + 1}": name for i, name in enumerate(reversed(HOSTILE[1:]))}  # C01..C06


def markdown_csv() -> bytes:
    """``small_database.csv`` with T001-T007 and C01-C06 renamed to the hostile names."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        tech_id, _tech, company_id, _company, rest = line.split(",", 4)
        out.append(",".join([
            tech_id, TECHNOLOGIES.get(tech_id, _tech),
            company_id, COMPANIES.get(company_id, _company), rest,
        ]))
    return ("\n".join(out) + "\n").encode("utf-8")
