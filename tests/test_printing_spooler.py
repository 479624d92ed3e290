"""The print queue against a fake network printer: paper out, cover open, a dropped connection, a silent or
stalled printer, a crash while sending. No job lost, no silent failure, one copy printed after recovery."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from kiosk import config
from kiosk.app import App
from kiosk.models import PrintJob
from kiosk.ops import printing, queue
from kiosk.printing.printers import open_printer, parse_status
from kiosk.printing.queue import reprint, retry
from kiosk.printing.spooler import Spooler
from tests.fakeprinter import FakePrinter

COPY = b"*** SALINAN / COPY ***"


@pytest.fixture
def printer():
    with FakePrinter("online") as fake:
        yield fake


@pytest.fixture
def settings(tmp_path, printer):
    s = config.load(tmp_path)
    s.values.update({"printer.uri": printer.uri, "printer.profile": "pos58", "printer.width": 58})
    return s


@pytest.fixture
def app(store, settings, clock):
    """The data dir as the front ends open it, over the test's store and printer settings."""
    return App(data_dir=settings.data_dir, clock=clock, actor="tester", _settings=settings, _store=store)


@pytest.fixture
def spooler(store, settings, clock):
    sp = Spooler(store, settings, clock=clock, rng=lambda: 0.0, poll_interval=0.05)
    assert sp.acquire()
    yield sp
    sp.stop()


def issue_and_queue(store, settings, clock, service="KTP") -> tuple[int, str]:
    app = App(data_dir=settings.data_dir, clock=clock, actor="tester", _settings=settings, _store=store)
    ticket = app.run(queue.issue_ticket, service=service, print=True)
    return ticket["print"]["id"], ticket["number"]


def job(store, job_id: int) -> PrintJob:
    with store.read() as s:
        return s.get(PrintJob, job_id)


def test_prints_once(store, settings, clock, spooler, printer):
    job_id, number = issue_and_queue(store, settings, clock)
    assert spooler.run_once() == 1
    done = job(store, job_id)
    assert (done.state, done.attempts, done.is_copy, done.last_error) == ("done", 1, False, None)
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 1)
    [data] = printer.complete_jobs()
    assert number.encode() in data and COPY not in data


@pytest.mark.parametrize("mode,reason,code", [("paper_out", "Printer kehabisan kertas", "paper_out"),
                                               ("cover_open", "Tutup printer terbuka", "cover_open")])
def test_printer_trouble_is_visible_and_the_job_waits(store, settings, clock, spooler, printer, mode, reason, code):
    printer.mode = mode
    events = []
    spooler.subscribe(on_printer=events.append)
    job_id, number = issue_and_queue(store, settings, clock)
    spooler.run_once()
    failed = job(store, job_id)
    assert failed.state == "failed" and failed.last_error == reason and failed.error_code == code
    assert failed.next_attempt_at == clock.now() + (failed.next_attempt_at - clock.now())  # set
    assert failed.next_attempt_at > clock.now()
    assert events[-1].ok is False and events[-1].message == reason
    assert printer.jobs() == []  # nothing was sent to a printer without paper
    # Not due yet: backoff holds it (the clock does not move here).
    assert spooler.run_once() == 0
    printer.mode = "online"
    clock.advance(seconds=5)
    assert spooler.run_once() == 1
    assert job(store, job_id).state == "done"
    assert events[-1].ok is True
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 1)
    assert COPY not in printer.complete_jobs()[0]  # nothing was on paper before: not a copy


def test_connection_dropped_mid_job_prints_one_marked_copy_after_recovery(store, settings, clock, spooler, printer):
    printer.script = ["drop"]
    job_id, number = issue_and_queue(store, settings, clock)
    spooler.run_once()
    failed = job(store, job_id)
    assert failed.state == "failed" and failed.error_code == "disconnected" and failed.is_copy
    assert "terputus" in failed.last_error
    assert printer.complete_jobs() == []
    assert spooler.run_once(force=True) == 1
    assert job(store, job_id).state == "done" and job(store, job_id).attempts == 2
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 1)
    [data] = printer.complete_jobs()
    assert number.encode() in data and data.count(COPY) == 2


@pytest.mark.parametrize("mode", ["silent", "stall", "empty"])
def test_a_printer_that_never_answers_fails_in_seconds_not_silently(store, settings, clock, spooler, printer, mode):
    printer.mode = mode
    settings.values["printer.uri"] = printer.uri + "?timeout=0.5"  # the default is 1.5 s per status request
    job_id, _ = issue_and_queue(store, settings, clock)
    started = time.monotonic()
    spooler.run_once()
    assert time.monotonic() - started < 5
    failed = job(store, job_id)
    assert failed.state == "failed" and failed.error_code == "timeout"
    assert "tidak menjawab" in failed.last_error


def test_unreachable_printer(store, settings, clock, spooler, printer):
    printer.close()  # nothing listens on that port any more
    job_id, _ = issue_and_queue(store, settings, clock)
    started = time.monotonic()
    spooler.run_once()
    assert time.monotonic() - started < 5
    assert job(store, job_id).error_code == "unreachable"
    assert "tidak terjangkau" in job(store, job_id).last_error


def test_jobs_go_out_in_order_after_recovery(store, settings, clock, spooler, printer):
    printer.mode = "paper_out"
    numbers = [issue_and_queue(store, settings, clock)[1] for _ in range(3)]
    assert spooler.run_once() == 1  # the first fails; the others wait behind it
    with store.read() as s:
        assert [j.state for j in s.scalars(select(PrintJob).order_by(PrintJob.id))] == ["failed", "queued", "queued"]
    printer.mode = "online"
    assert spooler.run_once(force=True) == 3
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 3)
    printed = [next(n for n in numbers if n.encode() in data) for data in printer.complete_jobs()]
    assert printed == numbers


def test_a_broken_document_does_not_block_the_printer(store, settings, clock, spooler, printer):
    with store.transaction() as s:
        s.add(PrintJob(kind="ticket", ref="x", printer_uri=printer.uri, document='{"blocks": [{"t": "nope"}]}',
                       state="queued", attempts=0, is_copy=False, created_at=clock.now(), updated_at=clock.now()))
    good, _ = issue_and_queue(store, settings, clock)
    spooler.run_once()
    assert job(store, 1).state == "failed" and job(store, 1).error_code == "render"
    assert job(store, good).state == "done"


def test_crash_while_sending_is_printed_again_as_copy(store, settings, clock, printer):
    job_id, number = issue_and_queue(store, settings, clock)
    with store.transaction() as s:  # what a process that died mid-send leaves behind
        row = s.get(PrintJob, job_id)
        row.state, row.attempts = "sending", 1
    done = threading.Event()
    spooler = Spooler(store, settings, clock=clock, poll_interval=0.05)
    spooler.subscribe(on_job=lambda e: e.state == "done" and done.set())
    assert spooler.start()
    try:
        assert done.wait(10)
    finally:
        spooler.stop()
    row = job(store, job_id)
    assert row.state == "done" and row.is_copy and row.attempts == 2
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 1)
    assert COPY in printer.complete_jobs()[0]


def test_one_spooler_per_data_dir(store, settings, clock, spooler):
    other = Spooler(store, settings, clock=clock)
    assert other.acquire() is False
    assert other.start() is False


def test_thread_reports_states_and_wakes_on_new_jobs(store, settings, clock, printer):
    seen: list[tuple[int, str]] = []
    printed = threading.Event()
    spooler = Spooler(store, settings, clock=clock, poll_interval=5)

    def on_job(event):
        seen.append((event.job_id, event.state))
        if event.state == "done":
            printed.set()

    unsubscribe = spooler.subscribe(on_job=on_job)
    assert spooler.start()
    try:
        job_id, _ = issue_and_queue(store, settings, clock)
        spooler.wake()  # without it the thread would only look again after poll_interval
        assert printed.wait(5)
    finally:
        spooler.stop()
        unsubscribe()
    assert seen == [(job_id, "sending"), (job_id, "done")]


def test_backoff_grows_and_is_capped(store, settings, clock):
    sp = Spooler(store, settings, clock=clock, backoff_base=2, backoff_cap=30, rng=lambda: 1.0)
    assert [sp._backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)] == [2, 4, 8, 16, 30, 30]
    low = Spooler(store, settings, clock=clock, backoff_base=2, rng=lambda: 0.0)
    assert low._backoff(1).total_seconds() == 1  # jitter keeps at least half


def test_printing_again_is_a_copy_and_pressing_twice_does_not_duplicate(app, store, clock, spooler, printer):
    printer.mode = "paper_out"
    ticket = app.run(queue.issue_ticket, service="KTP")
    first = app.run(printing.print_ticket, ticket=ticket["id"])["id"]
    spooler.run_once()
    # The operator presses "print" again while the printer is out of paper.
    again = app.run(printing.print_ticket, ticket=ticket["number"])["id"]
    assert again == first
    printer.mode = "online"
    spooler.run_once()
    copy = app.run(printing.print_ticket, ticket=ticket["id"])
    assert copy["id"] != first and copy["is_copy"]
    with store.transaction() as s:
        assert reprint(s, first, now=clock.now()).is_copy
        assert [j.id for j in retry(s, all_pending=True, now=clock.now())] == [copy["id"], copy["id"] + 1]
    assert spooler.run_once() == 2
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 3)
    assert [COPY in data for data in printer.complete_jobs()] == [False, True, True]


def test_status_replies():
    assert parse_status(b"\x12", b"\x12", b"\x12").as_dict() == {
        "online": True, "paper": "ok", "cover_open": False, "error": None}
    assert parse_status(b"\x1a", b"\x32", b"\x72").paper == "out"
    assert parse_status(b"\x12", b"\x12", b"\x1e").paper == "near_end"
    assert parse_status(b"\x1a", b"\x16", b"\x12").cover_open is True
    # No reply, or a byte that is not a status byte, is unknown -- never "paper ok".
    empty = parse_status(b"", None, b"")
    assert (empty.online, empty.paper, empty.cover_open) == (None, "unknown", None)
    assert parse_status(b"\x00", b"\xff", b"A").paper == "unknown"


@pytest.mark.parametrize("mode,expected", [
    ("online", {"online": True, "paper": "ok", "cover_open": False}),
    ("near_end", {"online": True, "paper": "near_end", "cover_open": False}),
    ("paper_out", {"online": False, "paper": "out", "cover_open": False}),
    ("cover_open", {"online": False, "paper": "ok", "cover_open": True}),
    ("silent", {"online": None, "paper": "unknown", "cover_open": None}),
    ("empty", {"online": None, "paper": "unknown", "cover_open": None}),
])
def test_network_printer_status(printer, mode, expected):
    printer.mode = mode
    started = time.monotonic()
    status = open_printer(printer.uri + "?timeout=0.5", width=58).status().as_dict()
    assert time.monotonic() - started < 3
    assert {k: status[k] for k in expected} == expected
