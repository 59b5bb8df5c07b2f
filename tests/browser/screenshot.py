"""Screenshot of the bundled corpus timeline for the README.

    python tests/browser/screenshot.py [OUT.png] [--hash 'view=...&sel=...']

Builds `korjp timeline --html` of `corpus/` in a temporary directory (with its own index),
opens it in Debian's chromium and writes tests/browser/screenshots/timeline.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import chromium  # noqa: E402

# The 2025 events, with the dateline of the August summit story selected.
DEFAULT_HASH = "view=2025-05-28..2025-10-20&sel=003_84e0aca2b85bf24c.txt:516-528"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", type=Path, default=HERE / "screenshots" / "timeline.png")
    parser.add_argument("--hash", default=DEFAULT_HASH, help="URL hash to open the page with")
    parser.add_argument("--size", default="1440x800", help="viewport WIDTHxHEIGHT")
    args = parser.parse_args()
    if reason := chromium.missing():
        print(f"cannot take the screenshot: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from korjp.export.html import write_timeline_html

    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KORJP_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.setdefault("KORJP_TODAY", "2026-11-22")
        events, quotes, countries = chromium.bundled_records()
        page_path = Path(tmp) / "timeline.html"
        n = write_timeline_html(
            events, quotes, page_path, title="korjp timeline: the seed corpus", countries=countries
        )
        with sync_playwright() as p:
            browser = chromium.launch(p)
            page = browser.new_page(
                viewport={"width": width, "height": height},
                color_scheme=os.environ.get("KORJP_SCREENSHOT_SCHEME", "light"),
            )
            page.goto(f"{page_path.as_uri()}#{args.hash}")
            page.wait_for_selector("html[data-ready]")
            page.wait_for_timeout(300)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    print(f"{args.out} ({n} events)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
