"""The status page in a real browser: headless Chromium (Debian's chromium-driver) driven by Selenium.

It opens the page of a running ``newsflow run --open`` over seeds/ plus one
blank page, sees the seed dump's two titles and the blank page's dead letter,
searches "Hangzhou", replays the dead letter, and saves a screenshot in the
test's temp dir. Skipped, saying why, only when no Chromium is installed.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMEDRIVER = "/usr/bin/chromedriver"
HANGZHOU = "China's Hangzhou drives vitality in sci-tech sector via innovations"
IRAN = "Iranian president says government focusing on ensuring supplies amid protests"
URL_LINE = re.compile(r"newsflow api and status page: (http://\S+)")

pytestmark = pytest.mark.integration


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


@pytest.fixture
def running_open(tmp_path: Path, redis_url: str, prefix: str, redis: object) -> Iterator[str]:
    """`newsflow run --open seeds blank.txt` on the test Redis; yields the status page's URL."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "blank.txt").write_text("\n\n")
    env = {
        **os.environ,
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STREAM_PREFIX": prefix,
        "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'newsflow.db'}",
        "NEWSFLOW_HTTP_PORT": "0",
        "NEWSFLOW_BLOCK_MS": "100",
        "COLUMNS": "200",
    }
    env.pop("NEWSFLOW_API_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsflow", "run", "--open", "seeds", "blank.txt"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, output), daemon=True).start()
    seen: list[str] = []
    try:
        while True:
            try:
                line = output.get(timeout=240)
            except queue.Empty:
                pytest.fail("no URL from `newsflow run --open` within 240 s:\n" + "".join(seen))
            seen.append(line)
            if match := URL_LINE.search(line):
                break
            if process.poll() is not None and output.empty():
                pytest.fail("`newsflow run --open` ended:\n" + "".join(seen))
        yield match.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 1  # the blank page was dead-lettered: run's exit status says so after Ctrl-C


def _browser() -> object:
    if not Path(CHROMEDRIVER).exists():
        pytest.skip(f"no Chromium WebDriver at {CHROMEDRIVER}: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the dev extra)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800"):
        options.add_argument(argument)
    return webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)


def test_status_page_shows_articles_and_dead_letter_searches_and_replays(
    running_open: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser = _browser()
    try:
        wait = WebDriverWait(browser, 30)
        browser.get(running_open)  # type: ignore[attr-defined]
        articles = browser.find_element(By.ID, "articles").text  # type: ignore[attr-defined]
        assert HANGZHOU in articles and IRAN in articles
        (letter,) = browser.find_elements(By.CSS_SELECTOR, "tr.letter")  # type: ignore[attr-defined]
        assert "NoArticles" in letter.text and "splitter" in letter.text
        wait.until(lambda b: b.find_element(By.ID, "chart").find_elements(By.TAG_NAME, "polyline"))
        browser.save_screenshot(str(tmp_path / "status-page.png"))  # type: ignore[attr-defined]
        if os.environ.get("NEWSFLOW_SCREENSHOT"):  # to refresh the README's picture
            browser.save_screenshot(os.environ["NEWSFLOW_SCREENSHOT"])  # type: ignore[attr-defined]

        letter.find_element(By.CSS_SELECTOR, "button.replay").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "replay-status"), "replayed"))
        assert "pages" in browser.find_element(By.ID, "replay-status").text  # type: ignore[attr-defined]

        box = browser.find_element(By.ID, "q")  # type: ignore[attr-defined]
        box.send_keys("Hangzhou")
        box.submit()
        wait.until(ec.presence_of_element_located((By.ID, "results")))
        results = browser.find_elements(By.CSS_SELECTOR, "#results article.hit")  # type: ignore[attr-defined]
        assert [r.find_element(By.TAG_NAME, "h3").text for r in results] == [HANGZHOU]
        browser.save_screenshot(str(tmp_path / "search.png"))  # type: ignore[attr-defined]
    finally:
        browser.quit()  # type: ignore[attr-defined]
    assert (tmp_path / "status-page.png").stat().st_size > 10_000
