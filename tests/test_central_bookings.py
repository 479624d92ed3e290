"""Online booking: default rules, quotas under concurrency, codes, missed bookings, the `bk` change a site
pulls, the `booking.checked_in` report a site pushes, the public booking pages and `booking list`."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime, timedelta

import pytest

from central import bookings
from central.rules import InputError
from kiosk.clock import SITE_TZ
from tests.synctools import TABANG, TENGGARONG, central_fixture, kiosk_factory_fixture
from tests.webclient import WebClient

central = central_fixture()
make_kiosk = kiosk_factory_fixture()
MONDAY = datetime(2026, 11, 30, 10, 10, tzinfo=SITE_TZ)  # a Monday, 10:10 WITA


def book(central, site, service, start, now=MONDAY):
    with central.db.write() as conn:
        return bookings.create_booking(conn, site, service, start, now)


def test_default_rule_offers_monday_to_saturday_8_to_15_in_slots_of_4_for_14_days(central):
    with central.db.read() as conn:
        days = bookings.free_slots(conn, "64.02.03", "KTP", MONDAY)
    assert [d["day"] for d in days] == [MONDAY.date() + timedelta(days=n) for n in range(15)]
    today = days[0]["slots"]
    assert today[0]["start"].strftime("%H:%M") == "10:30" and today[-1]["start"].strftime("%H:%M") == "14:30"
    tuesday = days[1]["slots"]
    assert len(tuesday) == 14 and tuesday[0]["start"].strftime("%H:%M") == "08:00"
    assert all(s["free"] == 4 and s["end"] - s["start"] == timedelta(minutes=30) for s in tuesday)
    sunday = next(d for d in days if d["day"].isoweekday() == 7)
    assert sunday["slots"] == []


def test_booking_rules_quota_and_cancel(central):
    with central.db.write() as conn:
        bookings.set_rule(conn, TENGGARONG, "KK", weekdays="12345", opens="09:00", closes="11:00", slot_minutes=60,
                          capacity=2, actor="test", now=MONDAY)
        with pytest.raises(InputError, match="sebelum"):
            bookings.set_rule(conn, TENGGARONG, "KK", weekdays="1", opens="12:00", closes="11:00", slot_minutes=60,
                              capacity=2, actor="test", now=MONDAY)
    tuesday_9 = datetime(2026, 12, 1, 9, 0, tzinfo=SITE_TZ)
    first, second = book(central, TENGGARONG, "KK", tuesday_9), book(central, TENGGARONG, "KK", tuesday_9)
    assert first["code"] != second["code"] and first["start"] == "09:00" and first["end"] == "10:00"
    assert "Kartu Keluarga" in first["service_name"] and first["requirements"]
    with pytest.raises(InputError, match="penuh"):
        book(central, TENGGARONG, "KK", tuesday_9)
    with pytest.raises(InputError, match="tidak tersedia"):
        book(central, TENGGARONG, "KK", tuesday_9.replace(hour=11))  # after closing
    with pytest.raises(InputError, match="tidak tersedia"):
        book(central, TENGGARONG, "KK", datetime(2026, 12, 5, 9, 0, tzinfo=SITE_TZ))  # Saturday is closed now
    with pytest.raises(InputError, match="tidak tersedia"):
        book(central, TENGGARONG, "KK", tuesday_9 + timedelta(days=21))  # beyond 14 days
    with central.db.write() as conn:
        cancelled = bookings.cancel_booking(conn, first["code"], MONDAY)
    assert cancelled["status"] == "cancelled"
    assert book(central, TENGGARONG, "KK", tuesday_9)["status"] == "booked"  # the seat came back


def test_a_slot_never_takes_more_than_its_quota_under_concurrency(central):
    with central.db.write() as conn:
        bookings.set_rule(conn, "64.02.04", "KTP", weekdays="123456", opens="08:00", closes="09:00", slot_minutes=30,
                          capacity=3, actor="test", now=MONDAY)
    slot = datetime(2026, 12, 2, 8, 0, tzinfo=SITE_TZ)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def attempt():
        barrier.wait()
        try:
            book(central, "64.02.04", "KTP", slot)
            outcomes.append("ok")
        except InputError:
            outcomes.append("full")

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["full"] * 5 + ["ok"] * 3
    assert central.scalar("SELECT count(*) FROM bookings WHERE site_code = '64.02.04'") == 3


def test_codes_catch_typos():
    code = bookings.new_code()
    assert bookings.check_code(code) == code
    assert bookings.check_code("b:" + bookings.pretty_code(code).lower()) == code
    wrong = code[:2] + ("X" if code[2] != "X" else "Y") + code[3:]
    with pytest.raises(InputError, match="salah ketik"):
        bookings.check_code(wrong)
    with pytest.raises(InputError, match="tidak dikenali"):
        bookings.check_code("1234")


def test_a_booking_not_checked_in_by_slot_end_plus_grace_is_missed(central):
    slot = datetime(2026, 12, 1, 13, 0, tzinfo=SITE_TZ)
    made = book(central, "64.02.05", "PKB", slot)
    deadline = slot + timedelta(minutes=30) + bookings.GRACE
    with central.db.write() as conn:
        bookings.expire_bookings(conn, deadline - timedelta(seconds=1))
        assert bookings.find_booking(conn, made["code"]).status == "booked"
        assert bookings.expire_bookings(conn, deadline + timedelta(seconds=1)) >= 1
        row = bookings.find_booking(conn, made["code"])
    assert row.status == "missed"
    payloads = [json.loads(p) for (p,) in central.rows("SELECT payload FROM changes WHERE kind = 'bk' AND entity = :i",
                                                       i=row.id)]
    assert [p["status"] for p in payloads] == ["booked", "missed"]
    assert payloads[0]["until"] == int((slot + timedelta(minutes=45)).timestamp())


def test_booking_reaches_the_site_and_its_check_in_comes_back(central, make_kiosk):
    from kiosk import outbox, tickets
    from kiosk.sync.client import Client
    from mpp import wire

    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    now = datetime.now(UTC)
    start = next(s["start"] for d in _days(central, TABANG, "SKCK", now) for s in d["slots"] if s["free"])
    made = book(central, TABANG, "SKCK", start, now=now)
    assert kiosk.sync().ok
    # What the kiosk's pull receives for this booking (the kiosk side that stores it comes later).
    with Client(central.url, device_id=kiosk.device_id, secret=_secret(kiosk)) as client:
        changes = client.pull("").data["ch"]
    pulled = [p for kind, p in changes if kind == "bk" and p["code"] == made["code"].replace("-", "")]
    assert len(pulled) == 1
    payload = pulled[0]
    assert set(payload) == {"id", "code", "service", "day", "start", "end", "until", "status", "created_at",
                            "ticket", "checked_in_at"}
    assert payload["status"] == "booked" and payload["service"] == "SKCK" and payload["start"] == int(start.timestamp())
    other = make_kiosk(TENGGARONG)
    other.enroll(central)
    with Client(central.url, device_id=other.device_id, secret=_secret(other)) as client:
        assert not [p for kind, p in client.pull("").data["ch"] if kind == "bk" and p["id"] == payload["id"]]

    # The kiosk checks the booking in: a ticket and the report in one local transaction, pushed later.
    with kiosk.store.transaction() as s:
        ticket = tickets.issue_ticket(s, "SKCK", now=kiosk.clock.now())
        now_k = kiosk.clock.now()
        outbox.append(s, wire.BOOKING_CHECKED_IN, now_k, id=payload["id"], ticket_id=ticket.id, at=now_k,
                      actor="kiosk")
        outbox.append(s, wire.BOOKING_CHECKED_IN, now_k, id="00000000-0000-0000-0000-000000000000", at=now_k)
    result = kiosk.sync()
    assert result.ok and result.rejected == 1  # the unknown booking is dead-lettered, the rest goes on
    row = central.rows("SELECT status, ticket_id, device_id FROM bookings WHERE id = :i", i=payload["id"])[0]
    assert (row.status, row.ticket_id, row.device_id) == ("checked_in", ticket.id, kiosk.device_id)
    assert central.scalar("SELECT count(*) FROM mutations WHERE name = 'booking.checked_in' AND rejected LIKE "
                          "'unknown booking%'") == 1
    with central.db.write() as conn:  # a checked-in booking is never marked missed
        bookings.expire_bookings(conn, now + timedelta(days=30))
    assert central.scalar("SELECT status FROM bookings WHERE id = :i", i=payload["id"]) == "checked_in"


def _days(central, site, service, now):
    with central.db.read() as conn:
        return bookings.free_slots(conn, site, service, now)


def _secret(kiosk):
    from kiosk.sync.engine import K_SECRET, meta_get

    with kiosk.store.read() as s:
        return meta_get(s, K_SECRET)


def test_public_booking_pages_and_booking_list(central):
    visitor = WebClient(central.url)
    sites = visitor.get("/booking")
    assert sites.status_code == 200 and f'href="/booking/{TABANG}"' in sites.text
    services = visitor.get(f"/booking/{TABANG}")
    assert services.status_code == 200 and f'href="/booking/{TABANG}/SKCK"' in services.text
    page = visitor.get(f"/booking/{TABANG}/PASPOR")
    assert page.status_code == 200
    slot = re.search(r'name="slot" value="(\d+)"(?! disabled)', page.text).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    made = visitor.post("/booking", {"csrf_token": token, "site": TABANG, "service": "PASPOR", "slot": slot})
    assert made.status_code == 303 and made.headers["location"].startswith("/booking/code/")
    code = made.headers["location"].rsplit("/", 1)[1]
    done = visitor.get(made.headers["location"])
    assert done.status_code == 200 and code in done.text and "<svg" in done.text and "Paspor" in done.text
    assert "Fotokopi" in done.text or "KTP" in done.text  # the requirements to bring
    bad = visitor.post("/booking", {"csrf_token": token, "site": TABANG, "service": "PASPOR", "slot": "12345"})
    assert bad.status_code == 400 and "tidak tersedia" in bad.text
    day = datetime.fromtimestamp(int(slot), SITE_TZ).date()
    listed = central.cli("booking", "list", "--site", TABANG, "--date", day.isoformat(), "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r for r in rows if r["code"] == code][0]["status"] == "booked"
    assert central.cli("booking", "list", "--site", "99.99.99").returncode == 2
    assert central.cli("booking", "list", "--site", TABANG, "--date", "kemarin").returncode == 2
    assert visitor.get("/booking/code/AAAA-AAAA").status_code in (400, 404)
