"""A booking as lived: made on central, pulled by `kiosk sync`, checked in at the kiosk while the link is down,
called at the counter, and central learns of the check-in once it is back.

A real `kiosk-server` on loopback and the real `kiosk` command. The kiosk's commands at the site run with
KIOSK_CLOCK_OFFSET on the booked day, 5 minutes into the slot.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from central import bookings
from kiosk.clock import SITE_TZ
from tests.conftest import kiosk_json, run_kiosk
from tests.synctools import NO_RATE_LIMITS, TABANG, ServerProcess, central_fixture, kiosk_factory_fixture

central = central_fixture()
make_kiosk = kiosk_factory_fixture()


def next_open_day() -> datetime:
    day = datetime.now(SITE_TZ).date() + timedelta(days=1)
    while day.isoweekday() == 7:
        day += timedelta(days=1)
    return datetime.combine(day, time(10, 0), tzinfo=SITE_TZ)


def test_booked_on_central_checked_in_offline_called_and_reported(central, make_kiosk, tmp_path):
    kiosk = make_kiosk(TABANG)
    data = kiosk.data_dir
    assert run_kiosk(data, "enroll", "--server", central.url, "--code", central.code(TABANG)).returncode == 0
    slot = next_open_day()
    with central.db.write() as conn:
        booked = bookings.create_booking(conn, TABANG, "KTP", slot, slot - timedelta(hours=2))
    code = booked["code"]

    pulled = run_kiosk(data, "sync", "--json")
    assert pulled.returncode == 0, pulled.stderr
    assert json.loads(pulled.stdout)["pulled"] >= 1
    at_slot = {"KIOSK_CLOCK_OFFSET": str((slot + timedelta(minutes=5) - datetime.now(SITE_TZ)).total_seconds())}
    [listed] = kiosk_json(data, "booking", "list", "--date", slot.date().isoformat())
    assert (listed["code"], listed["status"], listed["start"]) == (code, "booked", "10:00")

    # The link goes down: central stops.
    port = central.server.port
    central.server.stop()
    offline = run_kiosk(data, "sync", "--json")
    assert offline.returncode == 1
    checked = run_kiosk(data, "booking", "check-in", code, "--json", env_extra=at_slot)
    assert checked.returncode == 0, checked.stderr
    ticket = json.loads(checked.stdout)
    assert ticket["number"] == "A-001" and ticket["booking"]["status"] == "checked_in"
    again = run_kiosk(data, "booking", "check-in", code, env_extra=at_slot)
    assert again.returncode == 2 and "A-001" in again.stderr
    called = run_kiosk(data, "ticket", "call", "--counter", "1", "--json", env_extra=at_slot)
    assert called.returncode == 0, called.stderr
    assert json.loads(called.stdout)["number"] == "A-001"

    # Central is back: the check-in is pushed and central shows it.
    central.server = ServerProcess(central.db_url, port=port, log_path=tmp_path / "server2.log",
                                   env=NO_RATE_LIMITS).start()
    pushed = run_kiosk(data, "sync", "--json")
    assert pushed.returncode == 0, pushed.stderr
    assert json.loads(pushed.stdout)["pending"] == 0
    with central.db.read() as conn:
        row = bookings.find_booking(conn, code)
    assert row.status == "checked_in" and row.ticket_id == ticket["id"]
    listed = central.cli("booking", "list", "--site", TABANG, "--date", slot.date().isoformat(), "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(b["code"], b["status"]) for b in json.loads(listed.stdout)] == [(code, "checked_in")]
    # Central's echo of the check-in changes nothing here.
    assert run_kiosk(data, "sync").returncode == 0
    [listed] = kiosk_json(data, "booking", "list", "--date", slot.date().isoformat())
    assert (listed["status"], listed["ticket"]) == ("checked_in", "A-001")
