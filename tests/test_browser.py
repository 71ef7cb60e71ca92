"""The sample report in a real browser: headless Chromium (Debian's package, driven by Selenium).

Every HTML page of a freshly built sample report loads with no console error, requests nothing
outside the report folder, and has no broken local link; a screenshot of each page's first screen
(1280x900) and of the whole page is saved for a human to look at, in the test's tmp folder (a report
folder holds only what the report wrote), and the folder is printed in the test output.

``make browser`` (a prerequisite of ``make test``) installs Chromium where it can (root with apt-get);
these tests are skipped only where no browser can be installed, and fail where one could be but is not.

More checks of the rendered report (an explorer's filters, say) are more tests here: take the
``browser`` session and the ``report`` folder, ``open_page(browser, report, "02-casualty-figures.html")``,
then drive the page with Selenium.
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
