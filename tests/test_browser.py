"""The sample report in a real browser: headless Chromium (Debian's package, driven by Selenium).

Every HTML page of a freshly built sample report loads with no console error, requests nothing
outside the report folder, and has no broken local link; a screenshot of each page's first screen
(1280x900) and of the whole page is saved for a human to look at, in the test's tmp folder (a report
folder holds only what the report wrote), and the folder is printed in the test output.

``make browser`` (a prerequisite of ``make test``) installs Chromium where it can (root with apt-get);
these tests are skipped only where no browser can be installed, and fail where one could be but is not.

Pages carry inline scripts (the claims explorer: DataTables from the itables wheel, embedded): what
is checked is that they request nothing outside the report and log no console error. The explorer
is driven as a reader would (its search box, its filter panes) and must keep the rows counted by hand
from the sample articles (FIGURES.md's worked examples): 11 figures, 7 of people killed, 3 of them
of one incident, 2 in the sentence about an ambush, 3 in sentences that name a health authority.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from newskit.browser_check import (
    HEIGHT,
    WIDTH,
    BrowserUnavailable,
    PageCheck,
    can_install_browser,
    check_page,
    check_report,
    find_browser,
    open_page,
    report_pages,
    start_browser,
    summary,
    unavailable_reason,
)
from newskit.report import RUN_ORDER, run_report
from newskit.report.folder import foreign_files

PAGES = ["index.html", *(f"{name}.html" for name in RUN_ORDER)]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; skipped only where none can be installed."""
    if find_browser() is None:
        if can_install_browser():
            pytest.fail(f"{unavailable_reason()} (make test does this)", pytrace=False)
        pytest.skip(f"browser tests skipped: {unavailable_reason()}")
    driver = start_browser()
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def report(browser, tmp_path_factory) -> Path:
    """The sample report, built once for the browser tests (after the browser is known to start)."""
    return run_report(out_dir=tmp_path_factory.mktemp("browser") / "sample", progress=False)


@pytest.fixture(scope="session")
def checked(browser, report, tmp_path_factory, request) -> dict[str, PageCheck]:
    """Every page of the report checked once; the summary and screenshot folder go to the test output."""
    screenshots = tmp_path_factory.mktemp("screenshots")
    results = check_report(report, screenshots, driver=browser)
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nbrowser check of the sample report (screenshots in {screenshots}):")
            for line in summary(results).splitlines():
                reporter.write_line(f"  {line}")
    return {r.page: r for r in results}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_page_of_the_report_is_checked(checked, report):
    assert set(PAGES) <= set(report_pages(report))
    assert list(checked) == report_pages(report)


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(checked, page):
    assert checked[page].console_errors == []


@pytest.mark.parametrize("page", PAGES)
def test_page_requests_nothing_outside_the_report(checked, report, page):
    result = checked[page]
    assert result.requests[0] == (report / page).as_uri()  # the network log is read at all
    assert result.outside_requests == []


@pytest.mark.parametrize("page", PAGES)
def test_page_local_links_resolve(checked, page):
    assert checked[page].broken_links == []


@pytest.mark.parametrize("page", PAGES)
def test_page_screenshots_are_saved(checked, page):
    result = checked[page]
    assert _png_size(result.screenshot) == (WIDTH, HEIGHT)
    width, height = _png_size(result.full_screenshot)
    assert width >= WIDTH and height >= HEIGHT


@pytest.mark.parametrize("page", PAGES)
def test_page_does_not_scroll_sideways_at_1280_px(checked, page):
    result = checked[page]
    assert (result.horizontal_scroll, result.wide_blocks) == (False, []), result.size


def test_index_and_claims_page_screenshots_are_1280_px_wide(checked):
    for page in ("index.html", "02-casualty-figures.html"):
        shots = (checked[page].screenshot, checked[page].full_screenshot)
        assert [_png_size(shot)[0] for shot in shots] == [WIDTH, WIDTH], page


def test_checking_leaves_the_report_folder_as_the_report_wrote_it(checked, report):
    assert foreign_files(report) == []


def test_index_links_to_every_notebook_page_and_every_chart_loads(checked, report):
    index = checked["index.html"]
    requested = set(index.requests)
    for png in sorted((report / "charts").glob("*.png")):
        assert png.as_uri() in requested, f"index.html does not show {png.name}"


# The checker itself: each check fails on a page that breaks it.

BAD_PAGE = """<!doctype html><html><head><title>bad</title></head><body>
<img src="https://example.invalid/tracker.png">
<img src="charts/missing.png">
<a href="missing.html">missing</a> <a href="../outside.txt">outside</a> <a href="#nowhere">nowhere</a>
<a href="#here">here</a> <a href="good.html">good</a> <a href="https://example.org/">another site</a>
<h2 id="here">here</h2>
<script>console.error("something broke");</script>
</body></html>"""

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
GOOD_PAGE = f"""<!doctype html><html><head><title>good</title></head><body>
<img src="data:image/png;base64,{PIXEL}">
<a href="index.html#here">back</a>
</body></html>"""


@pytest.fixture
def bad_report(tmp_path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    (folder / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not in the report", encoding="utf-8")
    return folder


def test_the_checker_catches_what_it_checks(browser, bad_report, tmp_path):
    result = check_page(browser, bad_report, "index.html", tmp_path / "shots")
    assert "https://example.invalid/tracker.png" in result.outside_requests
    assert (bad_report / "charts" / "missing.png").as_uri() in result.requests
    assert any("something broke" in e for e in result.console_errors)
    assert any("missing.png" in e for e in result.console_errors)  # a file that failed to load
    broken = "\n".join(result.broken_links)
    assert 'href="missing.html"> names a missing file' in broken
    assert 'href="../outside.txt"> points outside the report folder' in broken
    assert 'href="#nowhere"> names no element of this page' in broken
    assert 'src="charts/missing.png"> names a missing file' in broken
    for fine in ('"#here"', '"good.html"', "example.org"):
        assert fine not in broken
    assert result.problems


def test_the_checker_passes_a_good_page(browser, bad_report):
    result = check_page(browser, bad_report, "good.html")
    assert (result.problems, result.screenshot) == ([], None)
    assert result.requests[0] == (bad_report / "good.html").as_uri()


def test_screenshots_never_go_inside_the_report(bad_report):
    with pytest.raises(ValueError, match="inside the report"):
        check_report(bad_report, bad_report / "screenshots")


def test_a_missing_report_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="make report"):
        check_report(tmp_path / "nothing", tmp_path / "shots")


def test_start_browser_says_how_to_get_one_when_there_is_none(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("newskit.browser_check.DEBIAN_DRIVER", "/nonexistent/chromedriver")
    with pytest.raises(BrowserUnavailable, match="no headless browser: chromium and chromedriver not found"):
        start_browser()


# The claims explorer on the 02 page, driven through its own controls.

CLAIMS_PAGE = "02-casualty-figures.html"


def _claims_explorer(browser, report):
    """Open the 02 page; its claims table, once the explorer has taken it over."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, report, CLAIMS_PAGE)
    wait = WebDriverWait(browser, 20)
    table = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "table.nk.dataTable[id^='nk-claims-']"))
    return table, table.find_element(By.XPATH, "ancestor::div[contains(@class, 'dt-container')]"), wait


def _shown_rows(table) -> list[str]:
    """The claim labels ("002 ¶5") of the rows the explorer shows, in order."""
    from selenium.webdriver.common.by import By

    return [cell.text for cell in table.find_elements(By.CSS_SELECTOR, "tbody tr td.claim")]


def _search(browser, container, wait, text: str, expected: int) -> list[str]:
    from selenium.webdriver.common.by import By

    box = container.find_element(By.CSS_SELECTOR, "input[type='search'].dt-input")
    box.clear()
    box.send_keys(text)
    table = container.find_element(By.CSS_SELECTOR, "table.nk")
    wait.until(lambda d: len(_shown_rows(table)) == expected or "filtered" in container.text)
    return _shown_rows(table)


def test_explorer_shows_every_sample_claim_evidence_first(browser, report):
    from selenium.webdriver.common.by import By

    table, container, _ = _claims_explorer(browser, report)
    headers = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers[:3] == ["claim", "evidence", "figure"]
    assert len(_shown_rows(table)) == 11
    marks = [m.text for m in table.find_elements(By.CSS_SELECTOR, "td.evidence mark")]
    assert marks == ["25,000", "85%", "1,300", "240", "18,600", "1,200", "100", "10", "nine", "135", "116"]
    assert "Showing 1 to 11 of 11" in container.text


def test_explorer_search_finds_the_claims_whose_sentence_holds_a_word(browser, report):
    table, container, wait = _claims_explorer(browser, report)
    assert _search(browser, container, wait, "ambush", 2) == ["002 ¶5", "002 ¶5"]  # 10 soldiers, nine of whom
    assert len(_search(browser, container, wait, "health", 3)) == 3  # 25,000 and 85% share a sentence; 18,600
    assert _search(browser, container, wait, "no such word", 0) == []


def test_explorer_filter_panes_keep_the_claims_of_one_outcome_and_scope(browser, report):
    from selenium.webdriver.common.by import By

    table, container, wait = _claims_explorer(browser, report)
    container.find_element(By.CSS_SELECTOR, "button.dtsp-showAll").click()

    def choose(pane_title: str, value: str) -> None:
        pane = next(
            p for p in container.find_elements(By.CSS_SELECTOR, "div.dtsp-searchPane")
            if p.find_elements(By.CSS_SELECTOR, f"input[placeholder='{pane_title}']")
        )
        wait.until(lambda d: pane.find_elements(By.CSS_SELECTOR, "span.dtsp-name"))
        name = next(n for n in pane.find_elements(By.CSS_SELECTOR, "span.dtsp-name") if n.text == value)
        name.click()

    choose("outcome", "killed")
    wait.until(lambda d: len(_shown_rows(table)) == 7)
    assert "(filtered from 11 total entries)" in container.text
    choose("scope", "incident")
    wait.until(lambda d: len(_shown_rows(table)) == 3)
    assert _shown_rows(table) == ["000 ¶11", "002 ¶4", "002 ¶5"]  # 1,300 Israelis; 1,200 people; nine soldiers


@pytest.fixture(scope="session")
def reviewed_report(browser, tmp_path_factory) -> Path:
    """The sample's corpus and claims pages with a reviews file: one scope corrected, one row not a figure."""
    folder = tmp_path_factory.mktemp("reviewed")
    reviews_path = folder / "reviews.csv"
    reviews_path.write_text(
        "article_id,start,surface,field,value,reviewer,note\n"
        "002_da15ff6bf3766d8c,199,10,scope,incident,ann,one ambush\n"
        "002_da15ff6bf3766d8c,60,116,figure,not_a_figure,ann,alive: not a casualty\n",
        encoding="utf-8",
    )
    return run_report(out_dir=folder / "report", overrides=[f"reviews_path={reviews_path}"],
                      notebooks=["01-corpus", "02-casualty-figures"], progress=False)


def test_explorer_flags_pane_finds_the_rows_a_reviewer_touched(browser, reviewed_report):
    from selenium.webdriver.common.by import By

    table, container, wait = _claims_explorer(browser, reviewed_report)
    assert len(_shown_rows(table)) == 11  # a row marked not a figure stays in the table, flagged
    container.find_element(By.CSS_SELECTOR, "button.dtsp-showAll").click()
    pane = next(
        p for p in container.find_elements(By.CSS_SELECTOR, "div.dtsp-searchPane")
        if p.find_elements(By.CSS_SELECTOR, "input[placeholder='flags']")
    )
    wait.until(lambda d: pane.find_elements(By.CSS_SELECTOR, "span.dtsp-name"))
    names = {n.text: n for n in pane.find_elements(By.CSS_SELECTOR, "span.dtsp-name")}
    assert set(names) == {"Empty", "not a figure", "reviewed: scope"}, set(names)
    names["not a figure"].click()
    wait.until(lambda d: len(_shown_rows(table)) == 1)
    assert _shown_rows(table) == ["002 ¶15"]  # "116 of whom are alive"
    assert table.find_element(By.CSS_SELECTOR, "td.evidence mark").text == "116"


def test_without_javascript_the_claims_table_still_reads(browser, report):
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(browser, report, CLAIMS_PAGE)
        table = browser.find_element(By.CSS_SELECTOR, "table.nk[id^='nk-claims-']")
        assert "dataTable" not in (table.get_attribute("class") or "")  # the explorer did not run
        assert len(_shown_rows(table)) == 11
        assert table.find_element(By.CSS_SELECTOR, "td.evidence mark").text == "25,000"
        assert table.size["width"] <= WIDTH
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
