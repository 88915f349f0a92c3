"""Screenshot every page of the app in English and Korean (for a person to look at).

    .venv/bin/python scripts/screens.py [OUT_DIR] [--pages overview,ranking,...] [--query k=v&...]

Starts the app on a free localhost port, opens each page in headless Debian Chromium and
writes ``<page>-<lang>.png`` to OUT_DIR (default ``artifacts/screens``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import free_port, launch, settle, start_server  # noqa: E402

PAGES = ("overview", "ranking", "weights", "compare", "markets", "sensitivity")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "artifacts" / "screens"))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--query", default="")
    parser.add_argument("--langs", default="en,ko")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    proc = start_server(free_port_value := free_port())
    try:
        with sync_playwright() as p:
            browser = launch(p)
            for lang in args.langs.split(","):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(60_000)
                for name in args.pages.split(","):
                    query = f"lang={lang}" + (f"&{args.query}" if args.query else "")
                    path = "" if name == "overview" else name  # the default page lives at /
                    page.goto(f"http://127.0.0.1:{free_port_value}/{path}?{query}")
                    settle(page, 60_000)
                    page.wait_for_timeout(1500)
                    height = page.evaluate(
                        "() => document.querySelector('[data-testid=stMain]').scrollHeight")
                    page.set_viewport_size({"width": 1400, "height": max(1000, height + 40)})
                    page.wait_for_timeout(800)
                    path = out / f"{name}-{lang}.png"
                    page.screenshot(path=str(path), full_page=True)
                    page.set_viewport_size({"width": 1400, "height": 1000})
                    print(path)
                context.close()
            browser.close()
    finally:
        proc.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
