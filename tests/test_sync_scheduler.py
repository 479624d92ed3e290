"""The background scheduler: periodic runs, nudges, backoff, one run at a time, plain callbacks (no Qt)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.clock import Clock
from kiosk.sync.engine import BACKOFF_CAP, SyncResult
from kiosk.sync.scheduler import BUSY_RETRY, ERROR, OK, RUNNING, SyncScheduler
from tests.synctools import TABANG, central_fixture, kiosk_factory_fixture

central = central_fixture()
make_kiosk = kiosk_factory_fixture()
WAIT = 15


class FakeEngine:
    """Scripted results; `gate` (when set) holds a run until the test opens it."""

    def __init__(self, results=None, interval=3600, next_run=None):
        self.interval = interval
        self.clock = Clock()
        self.results = list(results or [])
        self.calls = 0
        self.gate: threading.Event | None = None
        self.entered = threading.Event()
        self._next_run = next_run

    def next_run_at(self):
        return self._next_run

    def run(self) -> SyncResult:
        self.calls += 1
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(WAIT)
        item = self.results.pop(0) if self.results else SyncResult()
        if isinstance(item, Exception):
            raise item
        return item


class Recorder:
    def __init__(self):
        self.states = []
        self.cond = threading.Condition()

    def __call__(self, state):
        with self.cond:
            self.states.append(state)
            self.cond.notify_all()

    def wait_for(self, predicate, timeout=WAIT):
        with self.cond:
            assert self.cond.wait_for(lambda: predicate(self.states), timeout), [s.state for s in self.states]

    def finished(self, n):
        return lambda states: sum(1 for s in states if s.state in (OK, ERROR)) >= n


@pytest.fixture
def scheduler_for():
    made = []

    def make(engine, **kw):
        sched = SyncScheduler(engine, **kw)
        rec = Recorder()
        sched.add_listener(rec)
        made.append(sched)
        return sched, rec

    yield make
    for sched in made:
        sched.shutdown(wait=True)


def seconds_until(when: datetime) -> float:
    return (when - datetime.now(UTC)).total_seconds()


def test_runs_periodically_and_reports_states(scheduler_for):
    engine = FakeEngine(interval=0.05)
    sched, rec = scheduler_for(engine)
    sched.start()
    rec.wait_for(rec.finished(3))
    states = [s.state for s in rec.states]
    assert states[0] == "idle" and states[1:4] == [RUNNING, OK, RUNNING]
    assert all(s.next_run is not None for s in rec.states if s.state == OK)


def test_nudge_runs_soon_after_a_local_change(scheduler_for):
    engine = FakeEngine(interval=3600)
    sched, rec = scheduler_for(engine, nudge_delay=0.05)
    sched.start()
    rec.wait_for(rec.finished(1))
    assert seconds_until(sched._next_run_time()) > 3000
    sched.nudge()
    rec.wait_for(rec.finished(2))
    assert engine.calls == 2


def test_a_nudge_during_a_run_brings_the_next_run_forward(scheduler_for):
    engine = FakeEngine(interval=3600)
    engine.gate = threading.Event()
    sched, rec = scheduler_for(engine, nudge_delay=0.05)
    sched.start()
    assert engine.entered.wait(WAIT)
    sched.nudge()  # a ticket was issued while sync was on the wire
    engine.gate.set()
    rec.wait_for(rec.finished(2))


def test_failures_back_off_and_nudges_do_not_hammer_the_server(scheduler_for):
    failing = SyncResult(error="offline: no route", error_code="offline",
                         next_run=datetime.now(UTC) + timedelta(seconds=120))
    engine = FakeEngine([failing], interval=3600)
    sched, rec = scheduler_for(engine, nudge_delay=0.05)
    sched.start()
    rec.wait_for(rec.finished(1))
    assert rec.states[-1].state == ERROR and rec.states[-1].result.error.startswith("offline")
    assert 100 < seconds_until(sched._next_run_time()) <= 121
    sched.nudge()
    assert 100 < seconds_until(sched._next_run_time()) <= 121
    sched.run_now()  # the operator asked: that does run
    rec.wait_for(rec.finished(2))
    assert rec.states[-1].state == OK


def test_busy_elsewhere_looks_again_shortly_and_errors_never_stop_the_schedule(scheduler_for):
    busy = SyncResult(error="busy: other process", error_code="busy")
    engine = FakeEngine([busy, RuntimeError("bug"), SyncResult()], interval=0.05)
    sched, rec = scheduler_for(engine)
    sched.start()
    rec.wait_for(rec.finished(1))
    assert BUSY_RETRY - 1 < seconds_until(sched._next_run_time()) <= BUSY_RETRY
    sched.run_now()
    rec.wait_for(rec.finished(2))
    assert rec.states[-1].state == ERROR and "bug" in rec.states[-1].result.error
    sched.run_now()
    rec.wait_for(rec.finished(3))
    assert rec.states[-1].state == OK


def test_a_broken_listener_does_not_stop_sync(scheduler_for):
    engine = FakeEngine(interval=0.05)
    sched, rec = scheduler_for(engine)
    sched.add_listener(lambda state: 1 / 0)
    sched.start()
    rec.wait_for(rec.finished(2))


def test_a_persisted_next_run_is_honoured_but_bounded(scheduler_for):
    far = FakeEngine(next_run=datetime.now(UTC) + timedelta(days=10))  # the clock jumped
    sched, _ = scheduler_for(far)
    sched.start()
    assert BACKOFF_CAP - 5 < seconds_until(sched._next_run_time()) <= BACKOFF_CAP
    soon = FakeEngine(next_run=datetime.now(UTC) + timedelta(seconds=40))
    sched2, _ = scheduler_for(soon)
    sched2.start()
    assert 35 < seconds_until(sched2._next_run_time()) <= 40


def test_with_the_real_engine_and_server(central, make_kiosk, scheduler_for):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(2)
    sched, rec = scheduler_for(kiosk.engine(), interval=3600, nudge_delay=0.05)
    sched.start()
    rec.wait_for(rec.finished(1))
    assert rec.states[-1].result.pushed == 8
    kiosk.tickets(1)
    sched.nudge()
    rec.wait_for(rec.finished(2))
    assert rec.states[-1].state == OK and rec.states[-1].result.pushed == 4
    assert kiosk.pending() == 0
