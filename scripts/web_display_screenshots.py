"""Screenshots of the TV's web display (served by the site hub) in Debian's headless Chromium ->
docs/screenshots/web_display_{1,6,12}_{1920x1080,1080x1920}.png and web_display_flash.png.

A throw-away hub data dir for Kecamatan Tabang with a frozen clock, a hall of 1, 6 or 12 counters (the
same hall as the Qt display's screenshots, with one counter paused and one closed), the hub's web display
served from this process on a free loopback port; after the page has loaded, one more call comes in, so
the page shows a fresh call (flashing, then outlined as the latest).

    python scripts/web_display_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["KIOSK_VOICE_OUTPUT"] = "null"

SIZES = ((1920, 1080), (1080, 1920))
FLASH_SECONDS = 6.5  # the flash lasts 6 s (display.css); after it the latest call keeps its outline


def hall(app, counters: int) -> None:
    """The Qt screenshots' hall, with counter 5 paused and counter 10 closed (when there are that many)."""
    from screenshots import seed_hall

    from kiosk import tickets

    seed_hall(app, counters)
    with app.store.transaction() as s:
        if counters >= 5:
            tickets.set_counter_state(s, 5, "paused", now=app.now(), reason="istirahat siang")
        if counters >= 10:
            tickets.set_counter_state(s, 10, "closed", now=app.now())


def one_more_call(app, counters: int) -> None:
    """A recall at counter 2 (or 1): the page hears it live, flashes it and says it."""
    from kiosk import tickets

    counter = 2 if counters >= 2 else 1
    app.clock.advance(seconds=40)
    with app.store.transaction() as s:
        number = next(c["ticket"]["number"] for c in tickets.display_board(s, now=app.now())["counters"]
                      if c["counter"] == counter)
        tickets.recall(s, number, counter, now=app.now(), actor="petugas")


def wait_for(driver, script: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(script)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)

    from kiosk.app import App
    from kiosk.clock import SITE_TZ, FrozenClock
    from kiosk.hub import display, server
    from tests import browser

    if not browser.available():
        print("needs Debian's chromium and chromium-driver", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    made = []
    for counters in (1, 6, 12):
        for size in SIZES:
            with tempfile.TemporaryDirectory(prefix="kiosk-web-hall-") as tmp:
                app = App(data_dir=Path(tmp), clock=FrozenClock(datetime(2026, 11, 30, 9, 0, tzinfo=SITE_TZ)))
                hall(app, counters)
                service = server.prepare(app)
                service.start_watcher()
                web = display.DisplayServer(service, "127.0.0.1", 0).start()
                tv = browser.Browser(width=size[0], height=size[1])
                try:
                    tv.get(f"http://127.0.0.1:{web.port}/display?speaker=0")  # no sound to unlock here
                    wait_for(tv.driver, "return window.kioskDisplay && window.kioskDisplay.state()")
                    time.sleep(1.0)  # fonts in, numbers fitted
                    one_more_call(app, counters)
                    wait_for(tv.driver, "return document.querySelector('.card.flash')")
                    name = f"web_display_{counters}_{size[0]}x{size[1]}"
                    if counters == 6 and size == SIZES[0]:
                        tv.driver.execute_script("document.querySelector('.card.flash').style.animationPlayState"
                                                 " = 'paused'")  # caught in its bright half
                        tv.screenshot(args.out / "web_display_flash.png", full_page=False)
                        made.append(args.out / "web_display_flash.png")
                        tv.driver.execute_script("document.querySelector('.card.flash').style.animationPlayState"
                                                 " = 'running'")
                    time.sleep(FLASH_SECONDS)
                    tv.screenshot(args.out / f"{name}.png", full_page=False)
                    made.append(args.out / f"{name}.png")
                finally:
                    tv.quit()
                    web.stop()
                    service.stop()
                    app.close()
    for path in made:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
