"""Headless Chromium for the explorer's tests and the README's screenshot.

``chromium()`` starts Debian's chromium through its chromedriver (packages ``chromium`` and
``chromium-driver``) with selenium; :func:`missing` says why it cannot, so a test can skip.

    python tests/browser.py PAGE.html OUT.png     # the README's screenshot of a page
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from pathlib import Path

BINARIES = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


def _which(names) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/lib/chromium/{name}" if Path(f"/usr/lib/chromium/{name}").is_file()
                                       else None)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why no browser can be started here, or None when one can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if _which(BINARIES) is None:
        return "no chromium installed (apt-get install chromium chromium-driver)"
    if _which(DRIVERS) is None:
        return "no chromedriver installed (apt-get install chromium-driver)"
    return None


@contextlib.contextmanager
def chromium(width: int = 1400, height: int = 900):
    """A headless Chromium driven by selenium, logging its network events; quit afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _which(BINARIES)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--hide-scrollbars", "--no-first-run",
                "--disable-background-networking", "--disable-component-update"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(_which(DRIVERS)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, path: Path, *, timeout: float = 30.0) -> float:
    """Load ``path`` and wait until the explorer has laid out its graph; the seconds it took."""
    started = time.monotonic()
    driver.get(Path(path).resolve().as_uri())
    while driver.execute_script("return document.body && document.body.dataset.ready") != "1":
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"the explorer in {path} was not ready after {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - started


def requests(driver) -> list[str]:
    """Every URL the page asked for so far, from Chromium's DevTools network events."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def screenshot(page: Path, out: Path, *, search: str | None = None) -> None:
    """Open ``page``, find the actor ``search`` if given, and save the window as ``out``."""
    with chromium(1400, 820) as driver:
        open_page(driver, page)
        if search:
            box = driver.find_element("id", "search")
            box.send_keys(search)
            box.send_keys("\n")
            time.sleep(0.8)
        driver.save_screenshot(str(out))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python tests/browser.py PAGE.html OUT.png [ACTOR]")
    why = missing()
    if why:
        sys.exit(f"cannot take a screenshot: {why}")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), search=sys.argv[3] if len(sys.argv) > 3 else None)
