"""A real headless Chromium (Debian's, driven by its chromedriver through Selenium) for the web tests.

Never downloads a browser: both binaries come from the system packages `chromium` and
`chromium-driver` (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("KIOSK_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KIOSK_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--lang=id-ID", "--hide-scrollbars"]


def available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


class Browser:
    """One browser with a fresh profile; `quit()` removes the profile."""

    def __init__(self, width: int = 1280, height: int = 900, flags: tuple[str, ...] = ()):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch anything
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self.width, self.height = width, height
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + list(flags) + [f"--user-data-dir={self.profile}", f"--window-size={max(width, 500)},{height}"]:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self._viewport(height)

    def _viewport(self, height: int) -> None:
        # A phone-sized viewport (a headless window cannot be narrower than 500 px on its own).
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": self.width, "height": height, "deviceScaleFactor": 1, "mobile": self.width < 600})

    def get(self, url: str):
        self.driver.get(url)
        return self

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def link(self, text: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.PARTIAL_LINK_TEXT, text)

    def select(self, css: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.find(css)).select_by_value(value)

    def submit(self, css: str = "button[type=submit]") -> None:
        """Click a submit button and wait for the next page to load."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        button = self.find(css)
        button.click()

        def gone(driver) -> bool:
            try:
                return ec.staleness_of(button)(driver)
            except WebDriverException:  # chromium's "node does not belong to the document": gone too
                return True

        WebDriverWait(self.driver, 30).until(gone)

    @property
    def text(self) -> str:
        return self.find("body").text

    @property
    def url(self) -> str:
        return self.driver.current_url

    def sign_in(self, base: str, username: str, password: str) -> None:
        self.get(base + "/login")
        self.find("#username").send_keys(username)
        self.find("#password").send_keys(password)
        self.submit()

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        """A PNG of the page; `full_page` grows the viewport to the document's height first."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if full_page:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self._viewport(min(max(height, 400), 4000))
        try:
            self.driver.save_screenshot(str(path))
        finally:
            if full_page:
                self._viewport(self.height)

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
