"""`kiosk booking check-in|list` end to end: bookings as central sends them (pull kind `bk`, applied by the
sync engine's real `apply_change`), checked in through the real `kiosk` command.

The commands run with KIOSK_CLOCK_OFFSET so that "now" is 10:00 WITA today whatever the machine's hour.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from kiosk.clock import SITE_TZ
from kiosk.db import open_store
from kiosk.models import Booking, OutboxMutation
from kiosk.sync.engine import apply_change
from mpp import wire
from mpp.regno import mod37_2_check
from mpp.sites import CROCKFORD
from tests.conftest import run_kiosk


def new_code(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    body = "".join(rng.choice(CROCKFORD) for _ in range(7))
    return body + mod37_2_check(body)


def pulled_booking(store, start: datetime, *, service: str = "KTP", status: str = "booked", minutes: int = 30,
                   code: str | None = None, booking_id: str | None = None) -> str:
    """Apply a `bk` change as central's pull sends it (central/bookings.booking_payload); returns the code."""
    code = code or new_code()
    end = start + timedelta(minutes=minutes)
    payload = {"id": booking_id or str(uuid.uuid4()), "code": code, "service": service,
               "day": start.astimezone(SITE_TZ).date().isoformat(), "start": int(start.timestamp()),
               "end": int(end.timestamp()), "until": int((end + timedelta(minutes=15)).timestamp()),
               "status": status, "created_at": int(start.timestamp()) - 86400, "ticket": None, "checked_in_at": None}
    with store.transaction() as s:
        apply_change(s, wire.KIND_BOOKING, payload, datetime.now(UTC))
    return code


def pretty(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@pytest.fixture
def ten_oclock():
    """(now as the commands see it: 10:00 WITA today, the env that makes them see it)."""
    real = datetime.now(SITE_TZ)
    now = datetime.combine(real.date(), time(10, 0), tzinfo=SITE_TZ)
    return now, {"KIOSK_CLOCK_OFFSET": str((now - real).total_seconds())}


@pytest.fixture
def site(cli_site):
    store = open_store(cli_site / "kiosk.sqlite3")
    yield cli_site, store
    store.close()


def kiosk(data, env, *args):
    return run_kiosk(data, *args, env_extra=env)


def test_check_in_issues_a_ticket_ranked_by_the_booked_slot(site, ten_oclock):
    data, store = site
    now, env = ten_oclock
    code = pulled_booking(store, now - timedelta(minutes=10))  # slot 09:50-10:20, the citizen comes at 10:00
    early = dict(env, KIOSK_CLOCK_OFFSET=str(float(env["KIOSK_CLOCK_OFFSET"]) - 1800))
    assert kiosk(data, early, "ticket", "issue", "KTP").returncode == 0  # A-001 at 09:30: before the slot
    assert kiosk(data, env, "ticket", "issue", "KTP").returncode == 0  # A-002 at 10:00: after the slot started

    result = kiosk(data, env, "booking", "check-in", pretty(code).lower(), "--json")
    assert result.returncode == 0, result.stderr
    ticket = json.loads(result.stdout)
    issued = json.loads(kiosk(data, env, "ticket", "show", "A-002", "--json").stdout)
    assert set(issued) - {"history"} <= set(ticket)  # the shape of `ticket issue --json`, plus "booking"
    assert ticket["number"] == "A-003" and ticket["service"] == "KTP" and ticket["status"] == "waiting"
    assert ticket["people_ahead"] == 1  # A-001 came before the slot; A-002 after it started
    assert ticket["booking"]["code"] == pretty(code) and ticket["booking"]["status"] == "checked_in"
    assert ticket["booking"]["ticket"] == "A-003"
    queue = json.loads(kiosk(data, env, "queue", "--json").stdout)
    assert [t["number"] for t in queue] == ["A-001", "A-003", "A-002"]
    # Called in that order.
    calls = []
    for _ in range(3):
        called = json.loads(kiosk(data, env, "ticket", "next", "--counter", "1", "--json").stdout)["number"]
        assert kiosk(data, env, "ticket", "start", called, "--counter", "1").returncode == 0
        calls.append(called)
    assert calls == ["A-001", "A-003", "A-002"]
    # Central will hear of it through the outbox.
    with store.read() as s:
        [row] = s.scalars(select(OutboxMutation).where(OutboxMutation.name == wire.BOOKING_CHECKED_IN))
        assert json.loads(row.payload)["tk"] == ticket["id"]

    text = kiosk(data, env, "booking", "list")
    assert pretty(code) in text.stdout and "sudah hadir" in text.stdout and "A-003" in text.stdout


def test_check_in_by_the_scanned_qr_text_and_plain_text_output(site, ten_oclock):
    data, store = site
    now, env = ten_oclock
    code = pulled_booking(store, now + timedelta(minutes=30), service="KK")  # 45 min early is fine
    result = kiosk(data, env, "booking", "check-in", f"B:{code}", "--print")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Booking {pretty(code)} (10:30–11:00): B-001")
    with store.read() as s:  # the paper says which booking it was
        from kiosk.models import PrintJob

        [job] = s.scalars(select(PrintJob))
        assert f"{pretty(code)} jam 10:30" in job.document


@pytest.mark.parametrize("case", ["unknown", "mistyped", "cancelled", "missed", "late", "early", "tomorrow",
                                  "checked_in"])
def test_refusals_are_one_line_exit_2_and_change_nothing(site, ten_oclock, case):
    data, store = site
    now, env = ten_oclock
    starts = {"late": now - timedelta(minutes=50), "early": now + timedelta(minutes=90),
              "tomorrow": now + timedelta(days=1)}
    status = case if case in ("cancelled", "missed") else "booked"
    code = pulled_booking(store, starts.get(case, now), status=status)
    expected = {"unknown": "tidak ada untuk kecamatan ini", "mistyped": "salah ketik", "cancelled": "dibatalkan",
                "missed": "sudah lewat", "late": "sudah lewat", "early": "check-in mulai pukul 10:30",
                "tomorrow": "check-in mulai pukul 09:00", "checked_in": "sudah check-in: nomor antrian A-001"}[case]
    if case == "checked_in":
        assert kiosk(data, env, "booking", "check-in", code).returncode == 0
    typed = {"unknown": new_code(random.Random(7)), "mistyped": code[:-1] + ("0" if code[-1] != "0" else "1")}
    result = kiosk(data, env, "booking", "check-in", typed.get(case, code))
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    queue = json.loads(kiosk(data, env, "queue", "--json").stdout)
    assert len(queue) == (1 if case == "checked_in" else 0)
    listed = json.loads(kiosk(data, env, "booking", "list", "--json", "--date",
                              starts.get(case, now).astimezone(SITE_TZ).date().isoformat()).stdout)
    if case == "late":
        assert listed[0]["status"] == "missed"  # missed as soon as its deadline passed


def test_a_pulled_state_never_undoes_a_check_in_done_here(site, ten_oclock):
    data, store = site
    now, env = ten_oclock
    booking_id = str(uuid.uuid4())
    code = pulled_booking(store, now, booking_id=booking_id)
    assert kiosk(data, env, "booking", "check-in", code).returncode == 0
    pulled_booking(store, now, code=code, booking_id=booking_id, status="missed")  # crossed our report
    with store.read() as s:
        assert s.scalar(select(Booking.status).where(Booking.id == booking_id)) == "checked_in"
    listed = json.loads(kiosk(data, env, "booking", "list", "--json").stdout)
    assert [(b["code"], b["status"], b["ticket"]) for b in listed] == [(pretty(code), "checked_in", "A-001")]


def test_list_by_date_in_slot_order(site, ten_oclock):
    data, store = site
    now, env = ten_oclock
    later = pulled_booking(store, now + timedelta(hours=2))
    sooner = pulled_booking(store, now + timedelta(hours=1), service="KK")
    other_day = pulled_booking(store, now + timedelta(days=2))
    today = json.loads(kiosk(data, env, "booking", "list", "--json").stdout)
    assert [b["code"] for b in today] == [pretty(sooner), pretty(later)]
    assert list(today[0]) == ["id", "code", "service", "service_name", "day", "start", "end", "status",
                              "status_label", "checked_in_at", "ticket"]
    day = (now + timedelta(days=2)).date().isoformat()
    assert [b["code"] for b in json.loads(kiosk(data, env, "booking", "list", "--date", day, "--json").stdout)] \
        == [pretty(other_day)]
    bad = kiosk(data, env, "booking", "list", "--date", "besok")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_on_a_joined_pc_bookings_come_through_the_hub_and_its_replica(tmp_path):
    from kiosk.app import App
    from kiosk.clock import Clock
    from kiosk.hub import remote
    from tests.hubtools import HubProcess, join, kiosk_json_ok, make_hub_dir

    hub = HubProcess(make_hub_dir(tmp_path / "hub")).start()
    try:
        pc = tmp_path / "kiosk-pc"
        join(hub, pc, "kiosk-1")
        hub_store = open_store(hub.data_dir / "kiosk.sqlite3")
        code = pulled_booking(hub_store, datetime.now(SITE_TZ))  # the hub's sync pulled it from central
        listed = kiosk_json_ok(pc, "booking", "list")
        assert [b["code"] for b in listed] == [pretty(code)]
        app = App(data_dir=pc, clock=Clock())
        try:
            remote.pull(app)
            with app.store.read() as s:
                assert s.scalar(select(Booking.status).where(Booking.code == code)) == "booked"  # in the replica
            ticket = kiosk_json_ok(pc, "booking", "check-in", pretty(code))
            assert ticket["number"] == "A-001" and ticket["booking"]["status"] == "checked_in"
            assert [t["number"] for t in kiosk_json_ok(hub.data_dir, "queue")] == ["A-001"]  # on the hub
            with hub_store.read() as s:  # the hub reports it to central
                assert s.scalar(select(OutboxMutation.name).where(
                    OutboxMutation.name == wire.BOOKING_CHECKED_IN)) == wire.BOOKING_CHECKED_IN
            remote.pull(app)
            with app.store.read() as s:
                assert s.scalar(select(Booking.status).where(Booking.code == code)) == "checked_in"
        finally:
            app.close()
            hub_store.close()
    finally:
        hub.kill()
