"""Screenshots of the central web pages in Debian's headless Chromium -> docs/screenshots/web_*.png.

Builds a demo central (a SQLite file) fed by real kiosk data dirs of four sites through sync, starts a
real `kiosk-server`, signs in as an admin and walks every page: the back office at desktop width,
the citizens' pages at a phone's width.

    python scripts/web_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.clock import SITE_TZ, FrozenClock  # noqa: E402
from tests.browser import Browser  # noqa: E402
from tests.synctools import Central, Kiosk, ServerProcess, busy_days  # noqa: E402

SITES = {"64.02.12": "Tabang", "64.02.06": "Tenggarong", "64.02.01": "Muara Muntai", "64.02.13": "Samboja"}
PASSWORD = "admin-demo-12345"


def demo_central(tmp: Path) -> tuple[Central, list[str]]:
    from central.backoffice import add_announcement, set_application_status
    from kiosk import outbox, tickets

    central = Central(f"sqlite:///{tmp / 'central.sqlite3'}")
    central.init()
    central.server = ServerProcess(central.db_url, log_path=tmp / "server.log").start()
    assert central.cli("user", "add", "admin", "--role", "admin", "--password-stdin",
                       input=PASSWORD + "\n").returncode == 0
    now = datetime.now(SITE_TZ)
    regnos: list[str] = []
    for n, site in enumerate(SITES):
        clock = FrozenClock((now - timedelta(days=6)).replace(hour=7, minute=30))
        kiosk = Kiosk(tmp / f"kiosk-{n}", site, clock)
        kiosk.enroll(central)
        busy_days(kiosk.store, clock, days=3, tickets_per_day=40 + 15 * n, applications_per_day=4 + n,
                  surveys_per_day=12, seed=n)
        clock.at = now.replace(hour=8, minute=0)
        busy_days(kiosk.store, clock, days=1, tickets_per_day=30 + 10 * n, applications_per_day=2, surveys_per_day=5,
                  seed=10 + n)
        clock.at = now - timedelta(minutes=40)
        with kiosk.store.transaction() as s:  # people still waiting now
            for _ in range(3 + 2 * n):
                clock.advance(minutes=3)
                tickets.issue_ticket(s, "KTP", now=clock.now())
            if n == 0:  # a mutation central can never apply: a service no catalog ever had
                outbox.append(s, "survey.added", {"i": "3f1c2a9e-0000-4000-8000-000000000001", "s": "SIUP",
                                                  "sc": [4] * 9, "at": outbox.epoch_seconds(clock.now())}, clock.now())
        kiosk.sync_until_done()
        kiosk.close()
    rows = central.rows("SELECT registration_number, status, service_code FROM applications "
                        "WHERE status = 'forwarded' ORDER BY received_at")
    with central.db.write() as conn:
        for i, row in enumerate(rows):
            regnos.append(row.registration_number)
            if i % 3 == 1:
                set_application_status(conn, row.registration_number, "in_process", reason=None,
                                       now=datetime.now(SITE_TZ), actor="verifikator")
            elif i % 5 == 2:
                set_application_status(conn, row.registration_number, "ready", reason=None,
                                       now=datetime.now(SITE_TZ), actor="verifikator")
        add_announcement(conn, "Layanan Samsat keliling hadir Kamis, 08.00–12.00 WITA", site=None,
                         now=datetime.now(SITE_TZ))
    return central, regnos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="web-shots-"))
    central, regnos = demo_central(tmp)
    base = central.url
    out = args.out
    try:
        desk = Browser(width=1280, height=860)
        try:
            desk.get(base + "/login")
            desk.find("#username").send_keys("admin")
            desk.screenshot(out / "web_login.png", full_page=False)
            desk.find("#password").send_keys(PASSWORD)
            desk.submit()
            desk.screenshot(out / "web_dashboard.png")
            desk.get(base + "/applications")
            desk.screenshot(out / "web_applications.png")
            ready = next((r for r in regnos), None)
            desk.get(f"{base}/applications/{ready}")
            desk.screenshot(out / "web_application.png")
            desk.get(base + "/devices")
            desk.screenshot(out / "web_devices.png")
            desk.select("#site", "64.02.12")
            desk.submit("form[action='/devices/codes'] button")
            desk.screenshot(out / "web_enroll_code.png", full_page=False)
            desk.get(base + "/dead-letters")
            desk.screenshot(out / "web_dead_letters.png")
            desk.get(base + "/catalog")
            desk.screenshot(out / "web_catalog.png", full_page=False)
            desk.get(base + "/catalog/PASPOR")
            desk.screenshot(out / "web_catalog_edit.png")
            desk.get(base + "/announcements")
            desk.screenshot(out / "web_announcements.png")
            desk.get(base + "/bookings?site=64.02.12")
            desk.screenshot(out / "web_bookings.png", full_page=False)
            desk.get(base + "/audit")
            desk.screenshot(out / "web_audit.png", full_page=False)
        finally:
            desk.quit()
        phone = Browser(width=390, height=844)
        try:
            phone.get(base + "/status")
            phone.screenshot(out / "web_status_form.png", full_page=False)
            phone.get(f"{base}/status/{regnos[2] if len(regnos) > 2 else regnos[0]}")
            phone.screenshot(out / "web_status.png")
            phone.get(base + "/booking")
            phone.screenshot(out / "web_booking_sites.png", full_page=False)
            phone.get(base + "/booking/64.02.12")
            phone.screenshot(out / "web_booking_services.png", full_page=False)
            phone.get(base + "/booking/64.02.12/KTP")
            free = phone.find_all("input[name=slot]:not([disabled])")
            if not free:
                phone.find(".days a:not(.none):not(.on)").click()
                free = phone.find_all("input[name=slot]:not([disabled])")
            free[0].click()
            phone.screenshot(out / "web_booking_slots.png")
            phone.submit()
            phone.screenshot(out / "web_booking_done.png")
        finally:
            phone.quit()
    finally:
        central.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
