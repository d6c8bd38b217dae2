"""The review site in a real browser (Debian's Chromium and chromedriver, headless):
what a reviewer sees and does. Skipped, with a message, where Chromium is not installed.

Screenshots of the overview and of a release page are saved under the test output
folder (pytest's temporary base folder, ``review-screenshots/``); with
``L10N_UPDATE_SCREENSHOTS=1`` they are also written to ``docs/img/`` for the README.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from review_site import BUDGET_PAGE, OPEN_DAY_PAGE, WRONG_AMOUNT_LINE, build_site, copy_project

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()),
    reason="Chromium or chromedriver is not installed (apt-get install chromium chromium-driver "
           "fonts-noto-cjk, as .ci/run does): the review site's browser tests are skipped")
DOCS_IMG = Path(__file__).parent.parent / "docs" / "img"
WIDTH = 1400
ERROR_ROW = f"e{WRONG_AMOUNT_LINE}"
WARNING_ROW = "e43"  # the entry with a Simplified character in Traditional text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        yield build_site(copy_project(tmp_path_factory.mktemp("review") / "proj"), mp)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium through Debian's chromedriver, named explicitly so that Selenium
    Manager never looks for (or downloads) a driver."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},1000", "--lang=en-GB", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, site: Path, name: str, fragment: str = "") -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.get((site / name).as_uri() + fragment)
    browser.refresh()  # a new fragment on the same page would not load it again


def test_script_runs_under_the_page_policy(browser: Any, site: Path) -> None:
    _open(browser, site, BUDGET_PAGE)
    assert browser.find_element(By.ID, "filter-count").text == "6 of 6 entries shown"


def test_wrong_amount_is_highlighted_in_both_texts(browser: Any, site: Path) -> None:
    _open(browser, site, BUDGET_PAGE)
    row = browser.find_element(By.ID, ERROR_ROW)
    source = row.find_element(By.CSS_SELECTOR, ".src mark.bad")
    target = row.find_element(By.CSS_SELECTOR, ".tgt mark.bad")
    expected = row.find_element(By.CSS_SELECTOR, ".tgt ins.expected")
    assert (source.text, target.text, expected.text) == ("HK$44.3 billion", "44.3億港元", "expected 443億港元")
    assert all(e.is_displayed() for e in (source, target, expected))
    assert source.value_of_css_property("background-color") == target.value_of_css_property("background-color")
    # the pair the checker matched shares another colour in both texts
    ok_src = row.find_element(By.CSS_SELECTOR, ".src mark.ok")
    ok_tgt = row.find_element(By.CSS_SELECTOR, ".tgt mark.ok")
    assert ok_src.value_of_css_property("background-color") == ok_tgt.value_of_css_property("background-color")
    assert ok_src.value_of_css_property("background-color") != source.value_of_css_property("background-color")
    assert "numbers" in row.find_element(By.CSS_SELECTOR, ".finding.sev-error").text


def test_filter_hides_warnings_and_is_kept_in_the_address(browser: Any, site: Path) -> None:
    _open(browser, site, BUDGET_PAGE, "#severity=error")
    assert Select(browser.find_element(By.ID, "f-severity")).first_selected_option.get_attribute("value") == "error"
    assert browser.find_element(By.ID, ERROR_ROW).is_displayed()
    assert not browser.find_element(By.ID, WARNING_ROW).is_displayed()
    assert browser.find_element(By.ID, "filter-count").text == "1 of 6 entries shown"
    Select(browser.find_element(By.ID, "f-severity")).select_by_value("warning")
    assert browser.current_url.endswith("#severity=warning")
    assert browser.find_element(By.ID, WARNING_ROW).is_displayed()
    assert not browser.find_element(By.ID, ERROR_ROW).is_displayed()
    search = browser.find_element(By.ID, "f-text")
    Select(browser.find_element(By.ID, "f-severity")).select_by_value("")
    search.send_keys("untranslated")
    shown = [e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, "li.entry") if e.is_displayed()]
    assert len(shown) == 1 and "q=untranslated" in browser.current_url


def test_j_and_k_move_between_findings(browser: Any, site: Path) -> None:
    _open(browser, site, BUDGET_PAGE)

    def press(key: str) -> str:
        ActionChains(browser).send_keys(key).perform()
        return str(browser.switch_to.active_element.get_attribute("id"))

    assert press("j") == ERROR_ROW
    assert press("j") == WARNING_ROW
    assert press("j") == WARNING_ROW  # the last finding stays
    assert press("k") == ERROR_ROW
    browser.find_element(By.ID, "f-text").click()
    assert press("j") == "f-text"  # typing j in the search box types it
    assert browser.find_element(By.ID, "f-text").get_attribute("value") == "j"


def test_overview_sorts_and_marks_errors(browser: Any, site: Path) -> None:
    _open(browser, site, "index.html")

    def releases() -> list[str]:
        return [r.find_element(By.CSS_SELECTOR, "td a").text
                for r in browser.find_elements(By.CSS_SELECTOR, "#overview tbody tr")]

    assert releases() == ["samples/budget-note.md", "samples/open-day.html"]
    errors = browser.find_element(By.XPATH, "//th[.//button[text()='Errors']]")
    errors.find_element(By.TAG_NAME, "button").click()
    assert releases() == ["samples/open-day.html", "samples/budget-note.md"]
    errors.find_element(By.TAG_NAME, "button").click()
    assert releases() == ["samples/budget-note.md", "samples/open-day.html"]
    assert errors.get_attribute("aria-sort") == "descending"
    flagged = browser.find_element(By.CSS_SELECTOR, "#overview tr.has-errors")
    assert "errors" in flagged.find_element(By.CSS_SELECTOR, ".badge-error").text


def test_print_shows_findings_only(browser: Any, site: Path) -> None:
    _open(browser, site, BUDGET_PAGE)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = [e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, "li.entry") if e.is_displayed()]
    assert shown == [ERROR_ROW, WARNING_ROW]
    assert not browser.find_element(By.ID, "filters").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_readable_without_javascript(browser: Any, site: Path) -> None:
    """Every entry, mark and finding is there without the script; only the filters (which
    need it) are left out."""
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(browser, site, BUDGET_PAGE)
        entries = browser.find_elements(By.CSS_SELECTOR, "li.entry")
        assert len(entries) == 6 and all(e.is_displayed() for e in entries)
        assert browser.find_element(By.CSS_SELECTOR, f"#{ERROR_ROW} .tgt mark.bad").is_displayed()
        assert not browser.find_element(By.ID, "filter-section").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    _open(browser, site, BUDGET_PAGE)
    assert browser.find_element(By.ID, "filter-section").is_displayed()


def test_built_preview_shows_the_published_page(browser: Any, site: Path) -> None:
    """The built HTML page, rendered in its sandboxed frame next to the English one."""
    _open(browser, site, OPEN_DAY_PAGE)
    texts = []
    for frame in browser.find_elements(By.CSS_SELECTOR, ".preview iframe"):
        assert frame.is_displayed() and frame.size["height"] > 100
        browser.switch_to.frame(frame)
        try:
            texts.append((browser.find_element(By.TAG_NAME, "h1").text, browser.find_element(By.TAG_NAME, "p").text))
        finally:
            browser.switch_to.default_content()
    assert texts == [("Open Day", "The lab welcomes 300 visitors on Saturday."),
                     ("開放日", "實驗室於星期六歡迎300名訪客。")]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshots(browser: Any, site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The overview and a release page as a reviewer sees them (the README's pictures)."""
    out = tmp_path_factory.getbasetemp() / "review-screenshots"
    out.mkdir(exist_ok=True)
    shots = {"review-overview.png": ("index.html", 720), "review-release.png": (BUDGET_PAGE, 1500)}
    for png, (page, height) in shots.items():
        browser.set_window_size(WIDTH, height)
        _open(browser, site, page)
        assert browser.save_screenshot(str(out / png))
        assert _png_size(out / png)[0] >= WIDTH * 0.9
        if os.environ.get("L10N_UPDATE_SCREENSHOTS") == "1":
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            shutil.copy(out / png, DOCS_IMG / png)
    browser.set_window_size(WIDTH, 1000)
    print(f"screenshots: {out}")
