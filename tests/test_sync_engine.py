"""The sync engine against a real `kiosk-server` process over real sockets, through a fault-injecting proxy.

Runs on SQLite always and on PostgreSQL too when KIOSK_TEST_PG_URL is set.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from kiosk import outbox, tickets
from kiosk.models import Meta, OutboxMutation
from kiosk.site import this_device
from kiosk.sync import engine as sync_engine
from mpp import wire
from tests import faultproxy
from tests.faultproxy import FaultProxy
from tests.synctools import (
    MUARA_MUNTAI as MUARA,
)
from tests.synctools import (
    TABANG,
    TENGGARONG,
    assert_exactly_once,
    busy_days,
    central_fixture,
    clone_backlog,
    kiosk_factory_fixture,
)

central = central_fixture()
make_kiosk = kiosk_factory_fixture()


@pytest.fixture
def proxy(central):
    with FaultProxy(central.port) as p:
        yield p


def test_push_then_pull_round_trip(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(3)
    app_id, regno = kiosk.application("SKCK")  # a forward service: received + forwarded
    result = kiosk.sync()
    assert result.ok, result.error
    assert (result.pushed, result.rejected, result.pending) == (3 * 4 + 2, 0, 0)
    assert result.skew_seconds is not None and abs(result.skew_seconds) < 5
    assert_exactly_once(central, kiosk)
    assert central.scalar("SELECT status FROM applications WHERE id = :i", i=app_id) == "forwarded"

    assert central.cli("application", "set-status", regno, "ready").returncode == 0
    result = kiosk.sync()
    assert result.ok and result.pulled >= 1 and result.pushed == 0
    with kiosk.store.read() as s:
        from kiosk.models import Application

        app = s.get(Application, app_id)
        assert app.status == "ready" and app.history[-1].source == "central"
    # A status learnt from central is not echoed back to it.
    assert kiosk.pending() == 0
    again = kiosk.sync()
    assert again.ok and again.pulled == 0


@pytest.mark.parametrize("kind", [faultproxy.DROP_REQUEST, faultproxy.DROP_RESPONSE, faultproxy.CUT_REQUEST,
                                  faultproxy.CUT_RESPONSE, faultproxy.ERROR_5XX, faultproxy.DELAY])
def test_exactly_once_through_every_fault(central, make_kiosk, proxy, kind):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central, proxy.url)
    kiosk.tickets(60)
    kiosk.application("PASPOR")
    # Small batches, so faults land on the first, a middle and a late batch; then the same on pull.
    for skip in (0, 2, 5):
        proxy.add(kind, "/api/v1/push", skip=skip, seconds=2.0)
    proxy.add(kind, "/api/v1/pull", seconds=2.0)
    results = kiosk.sync_until_done(batch_count=40, read_timeout=1.0)
    if kind == faultproxy.ERROR_5XX:
        assert not results[0].ok  # a 5xx ends the run (backoff); the next run carries on
    assert proxy.count("/api/v1/push", kind) == 3
    assert_exactly_once(central, kiosk)
    assert sum(r.pushed for r in results) == len(kiosk.outbox())


def test_a_batch_that_times_out_is_retried_smaller_in_the_same_run(central, make_kiosk, proxy):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central, proxy.url)
    kiosk.tickets(100)
    late = proxy.add(faultproxy.DELAY, "/api/v1/push", seconds=2.5)  # the server still gets it, later
    result = kiosk.sync(read_timeout=1.0)
    assert result.ok, result.error
    assert result.pending == 0 and result.pushed == 400
    assert proxy.count("/api/v1/push") >= 2  # the halves went through while the first batch was stuck
    assert late.responded.wait(20)  # ...and the stuck original reached central after them: a repeat
    assert_exactly_once(central, kiosk)


def test_poison_mutation_is_dead_lettered_while_the_rest_flows(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(2)
    with kiosk.store.transaction() as s:
        now = kiosk.clock.now()
        outbox.append(s, wire.TICKET_ISSUED, now, id="bad-ticket-0001", number="Z-001", service="NOSUCH",
                      business_day="2026-11-30", arrival_at=1, issued_at=1)
        outbox.append_stored(s, "weird.mutation", {"hello": "world"}, now)
        outbox.append(s, wire.TICKET_EVENT, now, id="never-issued-01", from_status="waiting", to_status="called",
                      counter=1, actor="x", at=now)
    kiosk.tickets(2)
    result = kiosk.sync()
    assert result.ok, result.error
    assert (result.pushed, result.rejected, result.pending) == (19, 3, 0)
    rejected = {r.name: r.rejected for r in kiosk.outbox() if r.rejected}
    assert set(rejected) == {"ticket.issued", "weird.mutation", "ticket.event"}
    assert "unknown service" in rejected["ticket.issued"] and "unknown mutation" in rejected["weird.mutation"]
    dead = central.rows("SELECT seq, rejected FROM mutations WHERE device_id = :d AND rejected IS NOT NULL",
                        d=kiosk.device_id)
    assert sorted(r.seq for r in dead) == [9, 10, 11]
    assert_exactly_once(central, kiosk)
    # The queue keeps moving afterwards, and a replay of the dead letters reports them again.
    kiosk.tickets(1)
    assert kiosk.sync().pushed == 4
    with kiosk.store.transaction() as s:
        s.execute(update(OutboxMutation).where(OutboxMutation.seq >= 8).values(acked_at=None, rejected=None))
    replay = kiosk.sync()
    assert replay.ok and replay.rejected == 3 and replay.pending == 0
    assert_exactly_once(central, kiosk)


def test_gap_gets_409_and_the_kiosk_resends_from_the_expected_seq(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(5)
    # As if central lost the first rows after acknowledging them (e.g. central restored from a backup).
    with kiosk.store.transaction() as s:
        s.execute(update(OutboxMutation).where(OutboxMutation.seq <= 7).values(acked_at=kiosk.clock.now()))
    result = kiosk.sync(batch_count=4)
    assert result.ok, result.error
    assert result.pending == 0
    assert_exactly_once(central, kiosk)


def test_a_reused_seq_with_other_content_is_never_taken_for_a_repeat(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(2)
    assert kiosk.sync().ok
    before = central.scalar("SELECT count(*) FROM ticket_events")
    # Seq 6 now holds other content than central received under it (what a database restored from a
    # backup and reusing its epoch looks like); 5, 7 and 8 are true repeats.
    with kiosk.store.transaction() as s:
        row = s.scalar(select(OutboxMutation).where(OutboxMutation.seq == 6))
        row.payload = row.payload.replace('"budi"', '"someone-else"')
        s.execute(update(OutboxMutation).where(OutboxMutation.seq >= 5).values(acked_at=None))
    result = kiosk.sync()
    assert result.ok, result.error
    assert result.pending == 0
    # The changed row was moved to a new epoch and delivered as the new fact it is; the rest were repeats.
    moved = [(r.epoch, r.seq) for r in kiosk.outbox() if "someone-else" in r.payload]
    assert moved == [(2, 1)]
    with kiosk.store.read() as s:
        assert this_device(s).epoch == 2
    assert central.scalar("SELECT count(*) FROM ticket_events") == before + 1
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d AND epoch = 1 AND payload LIKE "
                          "'%someone-else%'", d=kiosk.device_id) == 0
    kiosk.tickets(1)  # new work follows in the new epoch
    assert kiosk.sync().ok
    assert [r.seq for r in kiosk.outbox() if r.epoch == 2] == [1, 2, 3, 4, 5]
    held = {(r.epoch, r.seq): r.digest for r in central.rows(
        "SELECT epoch, seq, digest FROM mutations WHERE device_id = :d", d=kiosk.device_id)}
    mine = {(r.epoch, r.seq): wire.mutation_digest(r.name, json.loads(r.payload)) for r in kiosk.outbox()}
    assert set(held) - set(mine) == {(1, 6)}  # the original seq 6, which this database no longer has
    assert all(held[key] == digest for key, digest in mine.items())


def test_two_runs_at_once_only_one_runs(central, make_kiosk, proxy):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central, proxy.url)
    kiosk.tickets(5)
    hold = proxy.add(faultproxy.HOLD_RESPONSE, "/api/v1/push")
    results = {}
    first = threading.Thread(target=lambda: results.setdefault("first", kiosk.sync()))
    first.start()
    assert hold.responded.wait(20)
    second = kiosk.sync()  # another engine on the same data dir, while the first holds the lock
    assert second.error_code == "busy" and second.pushed == 0 and second.pending == 20
    hold.release.set()
    first.join(30)
    assert results["first"].ok and results["first"].pushed == 20
    assert_exactly_once(central, kiosk)


def test_writes_made_during_a_run_go_in_the_next_one(central, make_kiosk, proxy):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central, proxy.url)
    kiosk.tickets(3)
    hold = proxy.add(faultproxy.HOLD_RESPONSE, "/api/v1/push")
    results = {}
    runner = threading.Thread(target=lambda: results.setdefault("run", kiosk.sync()))
    runner.start()
    assert hold.reached.wait(20)
    kiosk.tickets(2)  # the counter keeps working while sync is on the wire
    hold.release.set()
    runner.join(30)
    assert results["run"].ok and results["run"].pushed == 12 and results["run"].pending == 8
    nxt = kiosk.sync()
    assert nxt.ok and nxt.pushed == 8 and nxt.pending == 0
    assert_exactly_once(central, kiosk)


def test_failures_back_off_with_jitter_and_success_resets(central, make_kiosk, proxy):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central, proxy.url)
    kiosk.tickets(1)
    proxy.add(faultproxy.ERROR_5XX, "/api/v1/push", times=3)
    ceilings = []
    for attempt in range(1, 4):
        result = kiosk.sync()
        assert result.error.startswith("server_error")
        status = kiosk.engine().status()
        assert status["last_error"] == result.error and status["pending"] == 4
        with kiosk.store.read() as s:
            assert s.get(Meta, sync_engine.K_FAILURES).value == str(attempt)
        delay = (result.next_run - datetime.now(UTC)).total_seconds()
        ceilings.append(2.0 * 2 ** attempt)
        assert delay <= ceilings[-1] + 1
    result = kiosk.sync()
    assert result.ok
    status = kiosk.engine().status()
    assert status["last_error"] is None and status["last_success"] and status["pending"] == 0
    assert 55 <= (result.next_run - datetime.now(UTC)).total_seconds() <= 61


def test_update_required_keeps_the_outbox_and_the_kiosk_working(central, make_kiosk):
    from kiosk.sync.client import Client

    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(2)

    def future_client(*args, **kw):
        return Client(*args, protocol_version=99, **kw)

    result = kiosk.sync(client_factory=future_client)
    assert result.error.startswith("update_required") and result.pending == 8
    kiosk.tickets(1)  # still working offline
    assert kiosk.pending() == 12
    assert kiosk.sync().pending == 0  # once updated
    assert_exactly_once(central, kiosk)


def test_pull_pages_catalog_statuses_and_announcements_only_for_the_own_site(central, make_kiosk):
    tabang, tenggarong = make_kiosk(TABANG), make_kiosk(TENGGARONG)
    for k in (tabang, tenggarong):
        k.enroll(central)
    apps = [tabang.application("SKCK", name=f"Warga {i}") for i in range(3)]
    other_id, other_regno = tenggarong.application("SKCK")
    assert tabang.sync().ok and tenggarong.sync().ok
    from central.backoffice import add_announcement, set_application_status

    now = datetime.now(UTC)
    with central.db.write() as conn:  # what `kiosk-server application set-status` / `announcement add` do
        for _, regno in apps:
            set_application_status(conn, regno, "in_process", reason=None, now=now)
        set_application_status(conn, other_regno, "ready", reason=None, now=now)
        add_announcement(conn, "Layanan tutup pukul 12.00", site=TABANG, now=now)
        add_announcement(conn, "Selamat Hari Jadi Kukar", site=None, now=now)
        add_announcement(conn, "Hanya Tenggarong", site=TENGGARONG, now=now)
    result = tabang.sync()
    assert result.ok and result.pulled == 5  # 3 statuses + 2 announcements (the catalog came earlier)
    from kiosk.models import Announcement, Application

    with tabang.store.read() as s:
        assert {s.get(Application, a).status for a, _ in apps} == {"in_process"}
        assert s.get(Application, other_id) is None
        texts = sorted(a.text for a in s.scalars(select(Announcement)))
    assert texts == ["Layanan tutup pukul 12.00", "Selamat Hari Jadi Kukar"]
    with tenggarong.store.read() as s:
        before = s.get(Meta, sync_engine.K_CURSOR).value
    assert tenggarong.sync().pulled == 3
    with tenggarong.store.read() as s:
        assert s.get(Application, other_id).status == "ready"
        assert s.get(Meta, sync_engine.K_CURSOR).value != before


def test_many_changes_arrive_in_pages_each_applied_with_its_cursor(central, make_kiosk, monkeypatch):
    kiosk = make_kiosk(MUARA)
    kiosk.enroll(central)
    assert kiosk.sync().ok
    with central.db.write() as conn:
        from central.backoffice import add_announcement

        for i in range(1203):
            add_announcement(conn, f"pengumuman {i}", site=MUARA, now=datetime.now(UTC))
    pages = []
    real_pull = sync_engine.Client.pull

    def counting_pull(self, cursor, limit=500):
        reply = real_pull(self, cursor, limit)
        pages.append(len(reply.data["ch"]))
        return reply

    monkeypatch.setattr(sync_engine.Client, "pull", counting_pull)
    result = kiosk.sync()
    assert result.ok and result.pulled == 1203
    assert pages == [500, 500, 203]
    from kiosk.models import Announcement

    with kiosk.store.read() as s:
        texts = s.scalars(select(Announcement.text)).all()
    assert sum(1 for t in texts if t.startswith("pengumuman ")) == 1203


def test_a_30k_backlog_drains_completely(central, make_kiosk):
    kiosk = make_kiosk("64.02.13")
    kiosk.enroll(central)
    busy_days(kiosk.store, kiosk.clock, days=1)  # ~4,100 mutations through the domain functions
    clone_backlog(kiosk.store, 30_000 - len(kiosk.outbox()))
    assert kiosk.pending() == 30_000
    started = time.monotonic()
    result = kiosk.sync()
    elapsed = time.monotonic() - started
    assert result.ok, result.error
    assert (result.pushed, result.rejected, result.pending) == (30_000, 0, 0)
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d", d=kiosk.device_id) == 30_000
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d AND rejected IS NOT NULL",
                          d=kiosk.device_id) == 0
    assert elapsed < 45, elapsed
    kinds = {r.name for r in kiosk.outbox()}
    assert kinds == {"ticket.issued", "ticket.event", "application.received", "application.status", "survey.added"}
    assert central.scalar("SELECT count(*) FROM surveys WHERE site_code = '64.02.13'") == sum(
        1 for r in kiosk.outbox() if r.name == "survey.added")


def test_close_day_and_transfer_events_reach_central(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    with kiosk.store.transaction() as s:
        t = tickets.issue_ticket(s, "KTP", now=kiosk.clock.now())
        tickets.call_next(s, 1, now=kiosk.clock.now(), actor="budi")
        tickets.start_service(s, t.id, 1, now=kiosk.clock.now(), actor="budi")
        moved = tickets.transfer(s, t.id, "KK", 1, now=kiosk.clock.now(), actor="budi")
        tickets.issue_ticket(s, "KTP", now=kiosk.clock.now())
    kiosk.clock.advance(days=1)
    with kiosk.store.transaction() as s:
        assert tickets.close_day(s, now=kiosk.clock.now()) == 2
    assert kiosk.sync().ok
    rows = {r.id: r for r in central.rows("SELECT id, status, transferred_from FROM tickets WHERE device_id = :d",
                                          d=kiosk.device_id)}
    assert rows[t.id].status == "transferred" and rows[moved.id].transferred_from == t.id
    assert rows[moved.id].status == "cancelled"
    assert_exactly_once(central, kiosk)


def test_payload_json_on_central_is_the_decoded_mutation(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(1)
    assert kiosk.sync().ok
    stored = central.rows("SELECT name, payload FROM mutations WHERE device_id = :d ORDER BY seq", d=kiosk.device_id)
    assert [json.loads(r.payload) for r in stored] == [json.loads(r.payload) for r in kiosk.outbox()]


def test_a_clock_five_days_behind_syncs_and_records_the_skew(central, make_kiosk):
    from datetime import timedelta

    from kiosk.clock import Clock

    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(1)
    behind = Clock(offset=timedelta(days=-5))
    engine = sync_engine.SyncEngine(kiosk.store, kiosk.data_dir, clock=behind)
    result = engine.run()
    assert result.ok and result.pushed == 4
    assert abs(result.skew_seconds - 5 * 86400) < 10 and "jam PC" in result.clock_warning
    status = engine.status()
    assert abs(status["skew_seconds"] - 5 * 86400) < 10
    # Its own notion of "next run" is on its own clock; what matters is the interval, not the date.
    assert 55 <= (datetime.fromisoformat(status["next_run"]) - behind.now()).total_seconds() <= 61
    assert_exactly_once(central, kiosk)
