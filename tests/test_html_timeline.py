"""`korjp timeline --html`: the page, checked in a real browser (Debian's chromium via Playwright).

Skipped when playwright or /usr/bin/chromium is missing; .ci/run installs both, so CI runs it.
The 10,000-event load prints its time to first render (run with -s to see it); no time is
asserted.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import chromium  # noqa: E402

from korjp.export.html import embed_json, timeline_html, write_timeline_html  # noqa: E402

PAYLOAD_IMG = "<img src=x onerror=window.__pwned=1>"
PAYLOAD_SCRIPT = "</script><script>window.__pwned=1</script>"


# ---- without a browser ----


def test_embedded_json_cannot_end_its_script_element():
    text = embed_json({"t": PAYLOAD_SCRIPT + "<!-- & \u2028\u2029 \ud800"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text)["t"].startswith(PAYLOAD_SCRIPT)


def test_page_is_offline_and_keeps_records(tmp_path):
    events, quotes, _ = chromium.synthetic(30)
    events.append(dict(events[0], start_date=None))  # undated: left out
    n = write_timeline_html(events, quotes, tmp_path / "t.html", title="A <b>&</b> title")
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert n == 30
    assert "<title>A &lt;b&gt;&amp;&lt;/b&gt; title</title>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page must not load anything"
    assert "default-src 'none'" in page
    data = json.loads(re.search(r'id="korjp-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["events"]) == 30 and len({e["id"] for e in data["events"]}) == 30
    assert set(events[0]) <= set(data["events"][0])  # the JSON contract keys are kept


def test_highlight_counts_utf16_units():
    text = "😀 Lee met Ishiba on Friday."
    start = 100 + text.index("on Friday")
    record = {
        "start_date": "2025-08-22",
        "end_date": "2025-08-22",
        "granularity": "day",
        "evidence": "on Friday",
    }
    record.update(start=start, end=start + 9, text=text, actors=[], article="a.txt", sentence_start=100)
    page, _ = timeline_html([record], [])
    data = json.loads(re.search(r'id="korjp-data">(.*?)</script>', page, re.S).group(1))
    assert data["events"][0]["hl"] == [text.index("on Friday") + 1, text.index("on Friday") + 10]


# ---- in chromium ----

browser_only = pytest.mark.skipif(chromium.missing() is not None, reason=chromium.missing() or "")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = chromium.launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled corpus's events, quotes and countries, from a private index."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KORJP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        mp.setenv("KORJP_TODAY", "2026-11-22")
        return chromium.bundled_records()


def event_id(e: dict) -> str:
    return f"{e['article']}:{e['start']}-{e['end']}"


class Page:
    """A page opened from a file, with its console errors and any request off the file."""

    def __init__(self, browser, path: Path | None = None, hash_: str = "", size=(1280, 800)):
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request", lambda r: r.url.startswith(("file:", "data:", "about:")) or self.remote.append(r.url)
        )
        if path is not None:
            self.open(path, hash_)

    def open(self, path: Path, hash_: str = ""):
        self.page.goto("about:blank")
        started = time.perf_counter()
        self.page.goto(path.as_uri() + (f"#{hash_}" if hash_ else ""))
        self.page.wait_for_selector("html[data-ready]")
        self.load_s = time.perf_counter() - started

    def wait(self, predicate: str, timeout: float = 5.0):
        """Poll a JavaScript expression (wait_for_function would need 'unsafe-eval' under the CSP)."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(f"() => !!({predicate})"):
            assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
            self.page.wait_for_timeout(25)

    def ids(self) -> list[str]:
        return self.page.eval_on_selector_all(".event", "els => els.map(e => e.dataset.eventId)")

    def select(self, event: str, real_click: bool = False):
        locator = self.page.locator(f'.event[data-event-id="{event}"]')
        if real_click:
            locator.click()
        else:
            locator.evaluate("el => el.click()")
        self.page.wait_for_selector("#detail-body:not([hidden])")

    def check(self):
        errors, remote = self.errors[:], self.remote[:]
        self.errors.clear()
        self.remote.clear()
        assert not errors, errors
        assert not remote, f"requests off the file: {remote}"

    def close(self):
        self.check()
        self.page.close()


@pytest.fixture(scope="module")
def bundled_file(bundled, tmp_path_factory):
    events, quotes, countries = bundled
    path = tmp_path_factory.mktemp("page") / "timeline.html"
    return path, write_timeline_html(events, quotes, path, countries=countries)


@pytest.fixture(scope="module")
def tab(browser):
    page = Page(browser)
    yield page
    page.page.close()


@pytest.fixture
def bundled_page(tab, bundled, bundled_file):
    """The bundled corpus's page, freshly opened in the module's tab."""
    path, n = bundled_file
    tab.open(path)
    yield tab, bundled[0], bundled[1], n
    tab.check()


@browser_only
def test_bundled_corpus_draws_every_event(bundled_page):
    page, events, _, n = bundled_page
    assert n == len(events) > 0
    ids = page.ids()
    assert len(ids) == n
    assert sorted(ids) == sorted(event_id(e) for e in events)
    assert page.page.locator("#f-speaker option").count() > 1


@browser_only
def test_click_shows_sentence_with_dating_words_marked(bundled_page):
    page, events, _, _ = bundled_page
    in_sentence = next(e for e in events if e["kind"] == "weekday")
    page.select(event_id(in_sentence), real_click=True)
    assert page.page.text_content("#d-text") == in_sentence["text"]
    assert page.page.text_content("#d-text mark") == in_sentence["evidence"]
    assert in_sentence["article"] in page.page.text_content("#d-source")
    for e in events:  # every event, the dateline ones (dating words outside the sentence) too
        page.select(event_id(e))
        assert page.page.text_content("#detail-body mark") == e["evidence"]
        assert page.page.text_content("#d-text") == e["text"]


@browser_only
def test_detail_lists_the_quotes_said_that_day(bundled_page):
    page, events, quotes, _ = bundled_page
    event = next(e for e in events if e["kind"] == "dateline" and e["start_date"] == "2025-08-20")
    said = [
        q for q in quotes if q["said_on"] and q["said_on"].split("/")[0] <= "2025-08-20" <= q["said_on"][-10:]
    ]
    page.select(event_id(event))
    items = page.page.locator("#d-quotes li")
    assert items.count() == len(said) > 0
    shown = " ".join(items.all_text_contents())
    assert all(q["text"] in shown for q in said)
    assert all((q["speaker"] or "Unattributed") in shown for q in said if q["speaker"])


@browser_only
def test_speaker_filter_hides_the_others(bundled_page):
    page, events, _, n = bundled_page
    speaker = "Shigeru Ishiba"
    expected = sorted(event_id(e) for e in events if speaker in e["actors"])
    assert 0 < len(expected) < n
    page.page.select_option("#f-speaker", speaker)
    page.wait(f"document.querySelectorAll('.event').length === {len(expected)}")
    assert sorted(page.ids()) == expected
    page.page.select_option("#f-speaker", "")
    page.wait(f"document.querySelectorAll('.event').length === {n}")


@browser_only
def test_url_hash_restores_filter_window_and_selection(bundled_page):
    page, events, _, _ = bundled_page
    p = page.page
    p.select_option("#f-speaker", "Kim Min-seok")
    page.wait("location.hash.includes('speaker=Kim+Min-seok')")
    kim = sorted(page.ids())
    chosen = next(e for e in events if "Kim Min-seok" in e["actors"])
    page.select(event_id(chosen))
    page.wait("location.hash.includes('sel=')")
    p.click("#zoom-in")
    p.wait_for_timeout(250)
    shared = p.evaluate("location.href")
    view = re.search(r"view=([\d-]+\.\.[\d-]+)", shared).group(1)
    p.reload()
    p.wait_for_selector("html[data-ready]")
    assert p.input_value("#f-speaker") == "Kim Min-seok"
    assert sorted(page.ids()) == kim
    assert p.text_content("#d-text mark") == chosen["evidence"]
    assert f"view={view}" in p.evaluate("location.hash")


@browser_only
def test_url_hash_sets_dates_search_and_lanes(tab, bundled, bundled_file):
    events = bundled[0]
    path, page = bundled_file[0], tab
    august = sorted(
        event_id(e) for e in events if e["end_date"] >= "2025-08-01" and e["start_date"] <= "2025-08-31"
    )
    page.open(path, "from=2025-08-01&to=2025-08-31&lanes=article")
    assert 0 < len(august) < len(events)
    assert sorted(page.ids()) == august
    assert page.page.input_value("#f-from") == "2025-08-01" and page.page.input_value("#lanes") == "article"
    assert page.page.locator(".lane").count() == len({e["article"] for e in events if event_id(e) in august})
    page.page.goto(path.as_uri() + "#q=ANNIVERSARY")
    page.wait("document.documentElement.dataset.ready && document.querySelectorAll('.event').length < 10")
    assert sorted(page.ids()) == sorted(event_id(e) for e in events if "anniversary" in e["text"].lower())
    page.check()


@browser_only
def test_zoom_and_pan_move_the_window(bundled_page):
    p = bundled_page[0].page

    def window():
        p.wait_for_timeout(200)
        a, b = re.search(r"view=([\d-]+)\.\.([\d-]+)", p.evaluate("location.hash")).groups()
        return a, b

    before = window()
    p.click("#zoom-in")
    zoomed = window()
    assert before[0] < zoomed[0] and zoomed[1] < before[1]
    p.click("#pan-left")
    assert window() < zoomed
    box = p.locator("#area").bounding_box()
    p.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    p.mouse.wheel(0, 400)  # out
    wide = window()
    assert wide[0] < zoomed[0]
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 20
    p.mouse.move(x, y)
    p.mouse.down()
    p.mouse.move(x + 150, y, steps=5)  # drag right: earlier days come into view
    p.mouse.up()
    assert window() < wide
    assert p.is_hidden("#detail-body"), "a drag is not a click"


@browser_only
def test_script_in_an_article_stays_text(browser, tmp_path):
    events, quotes, countries = chromium.synthetic(12)
    events[0] = dict(events[0], text=f"Lee said {PAYLOAD_IMG} and {PAYLOAD_SCRIPT} today.", evidence="today")
    events[0]["start"] = events[0]["sentence_start"] + events[0]["text"].index("today")
    events[0]["end"] = events[0]["start"] + 5
    events[1] = dict(events[1], actors=[PAYLOAD_IMG], article=PAYLOAD_SCRIPT)
    quotes[0] = dict(
        quotes[0], text=PAYLOAD_SCRIPT + PAYLOAD_IMG, speaker=PAYLOAD_IMG, said_on=events[0]["start_date"]
    )
    path = tmp_path / "evil.html"
    write_timeline_html(events, quotes, path, title=PAYLOAD_SCRIPT, countries=countries)
    page = Page(browser, path)
    p = page.page
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.title() == PAYLOAD_SCRIPT
    page.select(event_id(events[0]))
    assert p.text_content("#d-text") == events[0]["text"]
    assert PAYLOAD_SCRIPT + PAYLOAD_IMG in p.text_content("#d-quotes")
    assert PAYLOAD_IMG in p.text_content("#lanes-layer")
    page.select(event_id(events[1]))
    assert PAYLOAD_SCRIPT in p.text_content("#d-source")
    assert p.locator("img").count() == 0 and p.locator("script").count() == 2
    p.wait_for_timeout(100)
    assert p.evaluate("typeof window.__pwned") == "undefined"
    page.close()


@browser_only
def test_ten_thousand_events_render(browser, tmp_path):
    events, quotes, countries = chromium.synthetic(10_000)
    path = tmp_path / "big.html"
    assert write_timeline_html(events, quotes, path, countries=countries) == 10_000
    page = Page(browser, path, size=(1440, 900))
    p = page.page
    first_ms = p.evaluate("window.__korjp.firstRenderMs")
    drawn = len(page.ids())
    assert 0 < drawn < 10_000  # only what is in view is drawn
    started = time.perf_counter()
    p.click("#zoom-in")
    p.mouse.move(900, 400)
    p.mouse.wheel(0, -300)
    p.locator("#scroller").evaluate("el => el.scrollTop = 3000")
    p.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    interact_ms = (time.perf_counter() - started) * 1000
    assert len(page.ids()) > 0
    print(
        f"\n[benchmark] 10,000 events: first render {first_ms:.0f} ms after navigation start "
        f"(page load to ready {page.load_s * 1000:.0f} ms, {drawn} drawn; "
        f"zoom+wheel+scroll {interact_ms:.0f} ms)"
    )
    page.close()


@browser_only
def test_screenshot(bundled_page, tmp_path):
    page = bundled_page[0]
    page.select(event_id(next(e for e in bundled_page[1] if e["kind"] == "weekday")))
    out = tmp_path / "timeline.png"
    page.page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000


@browser_only
def test_empty_page_says_so(tab, tmp_path):
    path = tmp_path / "empty.html"
    assert write_timeline_html([], [], path) == 0
    tab.open(path)
    assert tab.ids() == []
    assert tab.page.is_visible("#empty")
    assert tab.page.locator("#lanes option[value=country]").count() == 0  # no countries given
    tab.check()
