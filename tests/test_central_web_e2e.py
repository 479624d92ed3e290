"""End to end in a real headless Chromium: a kiosk data dir pushes a forwarded application through `kiosk sync`
to a real `kiosk-server`; MPP Induk staff sign in and move it to ready in the browser; the kiosk shows it
after its next sync; a citizen opens the receipt's status page and books a visit, which
`kiosk-server booking list` then lists. Sessions and CSRF in the browser too."""

from __future__ import annotations

import contextlib
import json

import pytest

from tests import browser
from tests.conftest import kiosk_json, run_kiosk
from tests.synctools import PG_URL, TABANG, Central, ServerProcess, scratch_pg_database

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not browser.available(), reason="needs Debian's chromium and chromium-driver")]
NIK = "6402124506900001"
PASSWORD = "kepala-mpp-induk-1"


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    """A real kiosk-server on PostgreSQL when the tests have it, else on a SQLite file."""
    tmp = tmp_path_factory.mktemp("central-e2e")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(scratch_pg_database(PG_URL)) if PG_URL else f"sqlite:///{tmp / 'central.sqlite3'}"
        handle = Central(url)
        stack.callback(handle.close)
        handle.init()
        handle.server = ServerProcess(url, log_path=tmp / "server.log").start()
        result = handle.cli("user", "add", "kepala", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
        assert result.returncode == 0, result.stderr
        yield handle


@pytest.fixture
def chromium():
    made = []

    def make(**kw) -> browser.Browser:
        made.append(browser.Browser(**kw))
        return made[-1]

    yield make
    for b in made:
        b.quit()


@pytest.fixture(scope="module")
def kiosk_site(central, tmp_path_factory):
    """A Tabang kiosk data dir, enrolled, that took in a forwarded SKCK application and synced it."""
    data = tmp_path_factory.mktemp("kiosk-e2e") / "data"
    assert run_kiosk(data, "init", "--site", TABANG).returncode == 0
    code = central.cli("enroll-code", "--site", TABANG).stdout.strip()
    enrolled = run_kiosk(data, "enroll", "--server", central.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    app = kiosk_json(data, "application", "new", "--service", "SKCK", "--nik", NIK, "--name", "Siti Aminah",
                     "--phone", "0812-3456-7890")
    assert app["status"] == "forwarded"
    synced = kiosk_json(data, "sync")
    assert synced["error"] is None and synced["pending"] == 0
    return data, app["registration_number"]


def test_a_file_moved_to_ready_in_the_browser_reaches_the_kiosk(central, kiosk_site, chromium):
    data, regno = kiosk_site
    staff = chromium()
    staff.sign_in(central.url, "kepala", PASSWORD)
    assert staff.url.endswith("/dashboard") and "Ringkasan 20 Mini MPP" in staff.text
    cookie = {c["name"]: c for c in staff.driver.get_cookies()}["mpp_session"]
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Lax"
    assert staff.driver.execute_script("return document.cookie").find("mpp_session") == -1  # not for scripts

    staff.link("Permohonan").click()
    staff.link(regno).click()
    assert "Siti Aminah" in staff.text and NIK not in staff.text and "6402**********01" in staff.text
    staff.select("#status", "ready")
    staff.submit("form[action$='/status'] button[type=submit]")
    assert "Status diubah" in staff.text and "siap diambil" in staff.text.lower()

    synced = kiosk_json(data, "sync")
    assert synced["error"] is None and synced["pulled"] >= 1
    shown = kiosk_json(data, "application", "show", regno)
    assert shown["status"] == "ready"
    assert [(h["to"], h["source"]) for h in shown["history"]][-1] == ("ready", "central")


def test_the_receipts_status_page(central, kiosk_site, chromium):
    _, regno = kiosk_site
    citizen = chromium(width=390, height=844)
    citizen.get(f"{central.url}/status")
    citizen.find("#q").send_keys(regno.replace("-", "").lower())
    citizen.submit()
    assert citizen.url.endswith(f"/status/{regno}")
    text = citizen.text
    assert regno in text and "Tabang" in text and "Siti Aminah" not in text and NIK not in text
    assert "Siap diambil" in text or "siap diambil" in text
    citizen.get(f"{central.url}/status/{regno[:-1]}{'X' if regno[-1] != 'X' else 'Y'}")
    assert "salah ketik" in citizen.text


def test_a_booking_made_in_the_browser_is_listed_on_central(central, chromium):
    citizen = chromium(width=390, height=844)
    citizen.get(f"{central.url}/booking")
    citizen.link("Tabang").click()
    citizen.find(f"a[href='/booking/{TABANG}/KTP']").click()
    free = citizen.find_all("input[name=slot]:not([disabled])")
    if not free:  # today is over: pick the next day that has a free slot
        citizen.find(".days a:not(.none):not(.on)").click()
        free = citizen.find_all("input[name=slot]:not([disabled])")
    free[0].click()
    citizen.submit()
    code = citizen.find("#booking-code").text
    assert "/booking/code/" in citizen.url and citizen.find(".qr svg")
    listed = central.cli("booking", "list", "--site", TABANG, "--json")
    assert listed.returncode == 0, listed.stderr
    assert [b for b in json.loads(listed.stdout) if b["code"] == code and b["service"] == "KTP"]


def test_sign_out_and_a_forged_form_in_the_browser(central, kiosk_site, chromium):
    _, regno = kiosk_site
    staff = chromium()
    staff.sign_in(central.url, "kepala", PASSWORD)
    staff.get(f"{central.url}/announcements")
    staff.find("#text").send_keys("Layanan tutup pukul 12.00 hari Jumat")
    staff.driver.execute_script("document.querySelector(\"form[action='/announcements'] [name=csrf_token]\")"
                                ".value = 'forged'")
    staff.submit("form[action='/announcements'] button[type=submit]")
    assert "Formulir kedaluwarsa" in staff.text
    assert central.scalar("SELECT count(*) FROM announcements WHERE text LIKE 'Layanan tutup%'") == 0
    staff.get(f"{central.url}/announcements")
    staff.find("#text").send_keys("Layanan tutup pukul 12.00 hari Jumat")
    staff.submit("form[action='/announcements'] button[type=submit]")
    assert central.scalar("SELECT count(*) FROM announcements WHERE text LIKE 'Layanan tutup%'") == 1
    staff.submit("header form button")
    assert "/login" in staff.url
    staff.get(f"{central.url}/applications/{regno}")
    assert "/login?next=" in staff.url and "Siti Aminah" not in staff.text
