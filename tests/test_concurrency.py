"""Several real processes on one data dir, and processes killed with SIGKILL mid-stream."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from kiosk import tickets
from kiosk.clock import Clock
from kiosk.db import integrity_check, open_store
from kiosk.models import Ticket, TicketEvent
from kiosk.site import init_site

WORKER = Path(__file__).with_name("workers.py")
ROOT = WORKER.parent.parent


def prepared(tmp_path, counters=3):
    st = open_store(tmp_path / "kiosk.sqlite3")
    with st.transaction() as s:
        init_site(s, "64.02.12", "test", Clock().now())
        for n in range(1, counters + 1):
            tickets.set_counter(s, n, ["KTP"], now=Clock().now())
    return st


def worker(*args) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return subprocess.Popen([sys.executable, str(WORKER), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_processes_issuing_and_calling_at_once_never_duplicate_skip_or_double_call(tmp_path):
    store = prepared(tmp_path)
    per_issuer, issuers = 80, 3
    total = per_issuer * issuers
    procs = [worker("issue", tmp_path, per_issuer, "KTP") for _ in range(issuers)]
    procs += [worker("call", tmp_path, n, total) for n in (1, 2, 3)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.split("\n"))
    issued = [line.split() for out in outs[:issuers] for line in out if line]
    called = [line.split()[1] for out in outs[issuers:] for line in out if line]
    numbers = sorted(int(n.split("-")[1]) for n, _ in issued)
    assert numbers == list(range(1, total + 1))  # gap-free, no duplicate
    assert len(called) == total and len(set(called)) == total  # every ticket called once, by one counter
    with store.read() as s:
        calls = s.execute(
            select(TicketEvent.ticket_id, func.count()).where(TicketEvent.from_status == "waiting",
                                                              TicketEvent.to_status == "called")
            .group_by(TicketEvent.ticket_id)
        ).all()
        assert len(calls) == total and {c for _, c in calls} == {1}
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "done")) == total
    assert integrity_check(store) == "ok"
    store.close()


def test_sigkill_in_a_loop_of_issues_loses_no_printed_ticket(tmp_path):
    store = prepared(tmp_path, counters=1)
    printed: list[tuple[str, str]] = []
    for round_no in range(5):
        proc = worker("issue", tmp_path, 100_000, "KTP")
        # Kill at a different moment each round, mid-stream, after it has printed some numbers.
        target = 20 + round_no * 17
        for _ in range(target):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            printed.append(tuple(line.split()))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        printed += [tuple(line.split()) for line in rest.split("\n") if line.strip()]
    fresh = open_store(tmp_path / "kiosk.sqlite3")
    assert integrity_check(fresh) == "ok"
    with fresh.read() as s:
        rows = dict(s.execute(select(Ticket.id, Ticket.number)).all())
    for number, ticket_id in printed:
        assert rows.get(ticket_id) == number
    seqs = sorted(int(n.split("-")[1]) for n in rows.values())
    assert seqs == list(range(1, len(seqs) + 1))  # committed ones are gap-free too
    store.close()
    fresh.close()
