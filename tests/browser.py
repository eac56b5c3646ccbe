"""Headless Chromium for the explorer's tests and the README's screenshot.

``chromium()`` starts Debian's chromium through its chromedriver (packages ``chromium`` and
``chromium-driver``) with selenium; :func:`missing` says why it cannot, so a test can skip.

    python tests/browser.py PAGE.html OUT.png [TYPE]   # the README's screenshot of a page
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
    from selenium.common.exceptions import TimeoutException

    started = time.monotonic()
    driver.get(Path(path).resolve().as_uri())
    while True:
        try:  # a page busy laying out thousands of nodes does not answer at all
            if driver.execute_script("return document.body && document.body.dataset.ready") == "1":
                return time.monotonic() - started
        except TimeoutException:
            pass
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"the explorer in {path} was not ready after {timeout} s")
        time.sleep(0.1)


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


def click_canvas(driver, x: float, y: float) -> None:
    """A real mouse click at (x, y) in the graph's canvas (DOM pixels from its top left)."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#graph canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()


def click_edge(driver, edge_id: str) -> None:
    """Click the middle of the line of ``edge_id`` (``e:N``, the N-th event of the data)."""
    point = driver.execute_script(f"""
        var n = graphbuildExplorer.network, e = n.body.edges[{json.dumps(edge_id)}];
        return n.canvasToDOM(e.edgeType.getPoint(0.5));""")
    click_canvas(driver, point["x"], point["y"])


def click_node(driver, node_id: str) -> None:
    """Click the centre of the node ``node_id`` (``a:N`` an actor, ``c:CODE`` a country)."""
    point = driver.execute_script(f"""
        var n = graphbuildExplorer.network, id = {json.dumps(node_id)};
        return n.canvasToDOM(n.getPositions([id])[id]);""")
    click_canvas(driver, point["x"], point["y"])


def edge_of(driver, plover: str, nth: int = 0) -> str:
    """The edge id of the ``nth`` event of type ``plover`` in the page's data."""
    return driver.execute_script(f"""
        var D = JSON.parse(document.getElementById('graphbuild-data').textContent);
        var found = [];
        D.events.forEach(function (e, i) {{ if (e.plover === {json.dumps(plover)}) found.push(i); }});
        return 'e:' + found[{int(nth)}];""")


def node_of(driver, label: str) -> str:
    """The node id of the actor called ``label``."""
    return driver.execute_script(f"""
        var D = JSON.parse(document.getElementById('graphbuild-data').textContent);
        return 'a:' + D.actors.findIndex(function (a) {{ return a.label === {json.dumps(label)}; }});""")


def screenshot(page: Path, out: Path, *, event: str | None = None) -> None:
    """Open ``page``, click the first event of type ``event`` if given, save the window as ``out``."""
    with chromium(1400, 820) as driver:
        open_page(driver, page)
        if event:
            from selenium.webdriver.common.action_chains import ActionChains

            click_edge(driver, edge_of(driver, event))
            ActionChains(driver).move_to_element(driver.find_element("id", "details")).perform()
            driver.execute_script("document.querySelectorAll('.vis-tooltip')"
                                  ".forEach(function (t) { t.style.visibility = 'hidden'; });")
            time.sleep(0.3)
        driver.save_screenshot(str(out))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python tests/browser.py PAGE.html OUT.png [PLOVER-TYPE-TO-CLICK]")
    why = missing()
    if why:
        sys.exit(f"cannot take a screenshot: {why}")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), event=sys.argv[3] if len(sys.argv) > 3 else None)
