"""A report, opened in a real browser: headless Chromium, driven by Selenium, checks every page.

For each HTML page of a report folder, :func:`check_page` loads it as a reader would (``file://``,
no extra browser flag that loosens file access) and records:

- the browser console's errors (log level SEVERE: script errors, resources that failed to load);
- every URL the page requested (Chrome DevTools Protocol network events from the performance log),
  and those outside the report folder (anything but ``file://`` under the folder, ``data:``,
  ``about:`` and the page's own ``blob:`` URLs);
- every ``href``/``src`` in the rendered page that does not resolve: a local link to a missing file
  or to a file outside the report folder, a same-page ``#anchor`` with no such id, an image that did
  not decode;
- layout facts for readers (page size, horizontal scroll at the window width, blocks wider than
  their box), which are reported, not judged here;
- a screenshot of the first screen (1280x900) and of the full page.

Screenshots go to a folder *outside* the report: a report folder holds only what its manifest lists
(:mod:`newskit.report.folder`), so :func:`check_report` refuses a screenshot folder inside it.

Chromium is Debian's ``chromium`` with ``chromium-driver`` (``make browser`` installs them); nothing
is downloaded at run time (Selenium Manager is bypassed by naming the driver). Every network request
the browser tries goes to a closed local proxy port, so a page that reaches out is caught in the log
and sends nothing.

From the command line (``make report-check``)::

    python -m newskit.browser_check reports/sample --screenshots reports/sample-screenshots

Later checks that drive a page (an explorer's filters) take the session from :func:`start_browser`
and a loaded page from :func:`open_page`.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:  # selenium is imported only when a browser starts
    from selenium.webdriver.remote.webdriver import WebDriver

WIDTH, HEIGHT = 1280, 900
# Chromium's limit on one captured texture is about 16,384 px; longer pages are cut there.
MAX_FULL_HEIGHT = 16_000
PAGE_LOAD_SECONDS = 30
ALLOWED_SCHEMES = ("data", "about")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
DRIVER_NAMES = ("chromedriver",)
DEBIAN_DRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",  # root in containers and CI
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--hide-scrollbars",  # screenshots without scroll bars; overflow is measured, not seen
    "--force-device-scale-factor=1",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    # Nothing leaves the machine: any http(s) request goes to a closed local port and fails, after
    # the DevTools log has recorded it; host names resolve to nothing.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


class BrowserUnavailable(RuntimeError):
    """No headless Chromium and chromedriver on this machine; the message says how to get them."""


@dataclass(frozen=True)
class Browser:
    chromium: str
    chromedriver: str


@dataclass
class PageCheck:
    """What one page did in the browser. ``problems`` lists what a check fails on."""

    page: str
    title: str = ""
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)  # the page's full width and height in CSS px at WIDTH
    horizontal_scroll: bool = False
    wide_blocks: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    full_screenshot: Path | None = None

    @property
    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"request outside the report: {u}" for u in self.outside_requests]
            + [f"broken link: {link}" for link in self.broken_links]
        )


def _find_chromium() -> str | None:
    return next((p for p in map(shutil.which, BROWSER_NAMES) if p), None)


def _find_driver() -> str | None:
    found = next((p for p in map(shutil.which, DRIVER_NAMES) if p), None)
    return found or (DEBIAN_DRIVER if os.access(DEBIAN_DRIVER, os.X_OK) else None)


def find_browser() -> Browser | None:
    """Chromium and chromedriver on PATH (Debian's driver at /usr/bin/chromedriver), or None."""
    chromium, driver = _find_chromium(), _find_driver()
    return Browser(chromium, driver) if chromium and driver else None


def can_install_browser() -> bool:
    """True where ``make browser`` can install Debian's packages: root, with apt-get."""
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def unavailable_reason() -> str:
    missing = [what for what, path in (("chromium", _find_chromium()), ("chromedriver", _find_driver())) if not path]
    how = (
        "run `make browser` (installs Debian's chromium and chromium-driver)"
        if can_install_browser()
        else "install Debian's chromium and chromium-driver as root (`make browser`), or put both on PATH"
    )
    return f"no headless browser: {' and '.join(missing) or 'nothing'} not found on PATH; {how}"


def start_browser(*, width: int = WIDTH, height: int = HEIGHT) -> WebDriver:
    """A headless Chromium session with console and DevTools network logs, viewport ``width`` x ``height``.

    Raises BrowserUnavailable when Chromium or chromedriver is missing. Call ``.quit()`` when done.
    """
    found = find_browser()
    if found is None:
        raise BrowserUnavailable(unavailable_reason())
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found.chromium
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=found.chromedriver))
    driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
    _set_viewport(driver, width, height)
    return driver


def _set_viewport(driver: WebDriver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def report_pages(report_dir: Path) -> list[str]:
    """The report's HTML pages, relative to its folder: index.html first, then the rest by name."""
    pages = sorted(str(p.relative_to(report_dir)) for p in report_dir.rglob("*.html"))
    return sorted(pages, key=lambda p: (p != "index.html", p))


def open_page(driver: WebDriver, report_dir: Path, page: str) -> None:
    """Load ``page`` of the report and wait until it and its resources have loaded.

    The console and network logs are emptied first, so what :func:`check_page` reads is this page's.
    """
    _drain_logs(driver)
    driver.get((report_dir.resolve() / page).as_uri())
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') done(); else window.addEventListener('load', () => done());"
    )


def _drain_logs(driver: WebDriver) -> None:
    for kind in ("browser", "performance"):
        driver.get_log(kind)


def is_allowed_url(url: str, report_dir: Path) -> bool:
    """A URL a report page may request: a file under the report folder, ``data:``, ``about:``, or a
    ``blob:`` the page itself made from its own bytes (origin ``null`` or ``file:``, e.g. the explorer's
    embedded script, imported from memory).

    >>> is_allowed_url("file:///r/charts/a.png", Path("/r")), is_allowed_url("file:///etc/passwd", Path("/r"))
    (True, False)
    >>> is_allowed_url("data:image/png;base64,AAAA", Path("/r")), is_allowed_url("https://cdn.x/a.js", Path("/r"))
    (True, False)
    >>> is_allowed_url("blob:null/3291cfc5-e6fc", Path("/r")), is_allowed_url("blob:https://cdn.x/3291", Path("/r"))
    (True, False)
    """
    parts = urlsplit(url)
    if parts.scheme in ALLOWED_SCHEMES:
        return True
    if parts.scheme == "blob":
        return parts.path.startswith(("null/", "file:"))
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    return _is_inside(Path(unquote(parts.path)), report_dir)


def _is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def requested_urls(performance_log: Iterable[dict]) -> list[str]:
    """Every URL a page requested, in order, from ChromeDriver's performance log entries."""
    urls = []
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


# The page's links as the browser resolved them, images that did not decode, and layout facts.
_PAGE_FACTS_JS = r"""
const links = [];
for (const el of document.querySelectorAll('[href], [src]')) {
  for (const attr of ['href', 'src']) {
    const raw = el.getAttribute(attr);
    if (raw === null || raw.trim() === '') continue;
    links.push({tag: el.tagName.toLowerCase(), attr: attr, raw: raw, url: new URL(raw, document.baseURI).href});
  }
}
const brokenImages = [...document.images]
  .filter(img => img.complete && img.naturalWidth === 0)
  .map(img => (img.getAttribute('src') || '').slice(0, 80));
const root = document.documentElement;
const wide = [];
for (const el of document.querySelectorAll('body *')) {
  const style = getComputedStyle(el);
  if (!['auto', 'scroll'].includes(style.overflowX) || el.clientWidth === 0) continue;
  if (el.scrollWidth > el.clientWidth + 1) {
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
    const before = [...document.querySelectorAll('h1, h2, h3, h4')]
      .filter(h => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const heading = before.length ? before[before.length - 1].textContent.replace(/¶/g, '').trim() : '';
    const under = heading ? ` under "${heading.slice(0, 60)}"` : '';
    wide.push(`${name}${under}: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
  }
}
return {
  title: document.title,
  links: links,
  ids: [...document.querySelectorAll('[id], a[name]')].map(el => el.id || el.getAttribute('name')),
  brokenImages: brokenImages,
  width: Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0),
  height: Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0),
  clientWidth: root.clientWidth,
  wide: wide,
};
"""


def broken_links(facts: dict, page_path: Path, report_dir: Path) -> list[str]:
    """Local ``href``/``src`` values that do not resolve to a file in the report (or, for ``#x``, an id),
    and images that did not decode."""
    broken = []
    ids = set(facts["ids"])
    page_url = page_path.resolve().as_uri()
    for link in facts["links"]:
        parts = urlsplit(link["url"])
        if parts.scheme != "file":
            continue  # data:, mailto:, and links to other sites (which are not requests) are not files
        target = Path(unquote(parts.path))
        label = f'<{link["tag"]} {link["attr"]}="{link["raw"][:120]}">'
        if not _is_inside(target, report_dir):
            broken.append(f"{label} points outside the report folder")
        elif not target.is_file():
            broken.append(f"{label} names a missing file")
        elif (
            link["url"].split("#")[0] == page_url
            and parts.fragment
            and not {parts.fragment, unquote(parts.fragment)} & ids
        ):
            # a browser scrolls to the id that equals the fragment as written, or else as decoded
            broken.append(f"{label} names no element of this page")
    broken += [f'<img src="{src}"> did not decode' for src in facts["brokenImages"]]
    return broken


def check_page(driver: WebDriver, report_dir: Path, page: str, screenshots: Path | None = None) -> PageCheck:
    """Open ``page`` of ``report_dir`` and check it (see the module doc); screenshots into ``screenshots``."""
    report_dir = report_dir.resolve()
    _set_viewport(driver, WIDTH, HEIGHT)
    open_page(driver, report_dir, page)
    facts = driver.execute_script(_PAGE_FACTS_JS)
    result = PageCheck(
        page=page,
        title=facts["title"],
        size=(int(facts["width"]), int(facts["height"])),
        horizontal_scroll=facts["width"] > facts["clientWidth"],
        wide_blocks=facts["wide"],
        broken_links=broken_links(facts, report_dir / page, report_dir),
    )
    if screenshots is not None:
        stem = page.removesuffix(".html").replace("/", "__")
        screenshots.mkdir(parents=True, exist_ok=True)
        result.screenshot = _capture(driver, screenshots / f"{stem}.png", WIDTH, HEIGHT, full=False)
        result.full_screenshot = _capture(
            driver, screenshots / f"{stem}-full.png", max(WIDTH, result.size[0]), result.size[1], full=True
        )
    # read the logs last: a full-page capture lays out and loads everything below the first screen too
    result.console_errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    result.requests = requested_urls(driver.get_log("performance"))
    result.outside_requests = sorted({u for u in result.requests if not is_allowed_url(u, report_dir)})
    return result


def _capture(driver: WebDriver, path: Path, width: int, height: int, *, full: bool) -> Path:
    height = min(max(height, HEIGHT), MAX_FULL_HEIGHT) if full else height
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": full,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def check_report(
    report_dir: str | Path, screenshots: str | Path | None = None, *, driver: WebDriver | None = None
) -> list[PageCheck]:
    """Check every HTML page of ``report_dir``; screenshots (``<page>.png``, ``<page>-full.png``) into
    ``screenshots``, a folder outside the report. Starts and stops a browser unless ``driver`` is given."""
    report_dir = Path(report_dir).resolve()
    if not (report_dir / "index.html").is_file():
        raise FileNotFoundError(f"{report_dir} holds no index.html: build the report first (make report)")
    shots = Path(screenshots).resolve() if screenshots is not None else None
    if shots is not None and _is_inside(shots, report_dir):
        raise ValueError(
            f"screenshots folder {screenshots} is inside the report; a report folder holds only what the report "
            "wrote, so pick a folder beside it (e.g. reports/sample-screenshots)"
        )
    own = driver is None
    driver = start_browser() if own else driver
    try:
        return [check_page(driver, report_dir, page, shots) for page in report_pages(report_dir)]
    finally:
        if own:
            driver.quit()


def summary(results: list[PageCheck]) -> str:
    """One paragraph per page: what it requested, its problems, layout notes and screenshots."""
    lines = []
    for r in results:
        status = "ok" if not r.problems else f"{len(r.problems)} problem(s)"
        lines.append(f"{r.page}: {status}; {r.title!r}; {r.size[0]}x{r.size[1]} px; {len(r.requests)} request(s)")
        lines += [f"  ! {p}" for p in r.problems]
        if r.horizontal_scroll:
            lines.append(f"  note: the page scrolls sideways at {WIDTH} px ({r.size[0]} px wide)")
        lines += [f"  note: wider than its box: {w}" for w in r.wide_blocks]
        if r.full_screenshot is not None and r.size[1] > MAX_FULL_HEIGHT:
            lines.append(f"  note: the full-page screenshot stops at {MAX_FULL_HEIGHT} of {r.size[1]} px")
        lines += [f"  screenshot: {p}" for p in (r.screenshot, r.full_screenshot) if p is not None]
    failed = sum(bool(r.problems) for r in results)
    lines.append(f"{len(results)} page(s) checked, {failed} with problems")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newskit.browser_check",
        description="Open every page of a report in headless Chromium: console errors, requests outside the "
        "report, broken links, screenshots.",
    )
    parser.add_argument("report", type=Path, help="a report folder, e.g. reports/sample")
    parser.add_argument(
        "--screenshots",
        type=Path,
        help="folder for the screenshots, outside the report (default: <report>-screenshots)",
    )
    args = parser.parse_args(argv)
    screenshots = args.screenshots or args.report.parent / f"{args.report.name}-screenshots"
    try:
        results = check_report(args.report, screenshots)
    except (BrowserUnavailable, FileNotFoundError, ValueError) as err:
        print(f"browser check: {err}", file=sys.stderr)
        return 2
    print(summary(results))
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
